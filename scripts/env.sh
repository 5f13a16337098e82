# Sourced by the scripts: puts the project's tools first on PATH. wasm-opt must come
# from npm `binaryen` (node_modules/.bin), never Debian's older one.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Release builds use nightly with std rebuilt for size (immediate abort: no panic
# machinery or messages in the wasm) when the machine has it (scripts/bootstrap.sh adds
# the wasm32 target and rust-src to an installed nightly); else stable. Either way with
# Leptos's `erase_components`. Sets SIZE_TOOLCHAIN to the one used; ZMM_STABLE=1 forces
# the stable build.
# True when the release build will use nightly: installed, with rust-src and the wasm32
# target, and not turned off by ZMM_STABLE=1.
size_toolchain_is_nightly() {
  [ "${ZMM_STABLE:-}" != 1 ] && rustup run nightly rustc --version >/dev/null 2>&1 &&
    [ -d "$(rustup run nightly rustc --print sysroot)/lib/rustlib/src/rust/library" ] &&
    rustup +nightly target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

size_toolchain() {
  # Leptos's components return type-erased views: less monomorphized view code.
  local ERASE="--cfg erase_components"
  if size_toolchain_is_nightly; then
    export RUSTUP_TOOLCHAIN=nightly
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort $ERASE"
    # Apart from the stable builds, so neither rebuilds the other's.
    export CARGO_TARGET_DIR="$ROOT/target/nightly"
    SIZE_TOOLCHAIN="nightly, std rebuilt with immediate abort ($(rustc --version))"
  else
    export RUSTFLAGS="$ERASE"
    SIZE_TOOLCHAIN="stable ($(rustc --version))"
  fi
  export SIZE_TOOLCHAIN
}
