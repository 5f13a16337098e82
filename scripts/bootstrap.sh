#!/usr/bin/env bash
# Installs exactly the tools the build and the tests need, skipping what is already
# at the right version. Safe to run again and again; every step names itself on failure.
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_PACK_VERSION=0.15.1
# Must equal the `wasm-bindgen` pin in Cargo.toml, to the patch.
WASM_BINDGEN_VERSION=0.2.129

# env.sh: ROOT, PATH (the project's tools first) and size_toolchain_is_nightly.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

say() { printf '[bootstrap] %s\n' "$*"; }
step() {
  local name="$1"; shift
  if ! "$@"; then
    printf '[bootstrap] FAILED at step: %s\n' "$name" >&2
    exit 1
  fi
}

# Prints the version a tool reports, or nothing when it is missing.
tool_version() { "$@" 2>/dev/null | head -n1 || true; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# What the scripts take from the machine itself: rustfmt and clippy (rustup components,
# part of most toolchains but not all), Node.js and npm (the machine's; npm installs the
# rest).
host_tools() {
  local component
  for component in rustfmt clippy; do
    if rustup component list --installed | grep -q "^$component"; then
      say "$component: present"
    else
      say "$component: installing (rustup component)"
      rustup component add "$component"
    fi
  done
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "Node.js and npm are missing: install Node.js 20 or later with npm (e.g. apt-get install nodejs npm)" >&2
    return 1
  fi
  say "node $(node --version), npm $(npm --version): present"
}

wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32 target: present"
  else
    say "wasm32 target: installing"
    rustup target add wasm32-unknown-unknown
  fi
}

# The size build (scripts/env.sh, size_toolchain) rebuilds std with nightly. Optional:
# without nightly the release build uses stable and says so.
nightly_size_parts() {
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    say "nightly: absent, release builds use stable (bigger wasm)"
    return 0
  fi
  if rustup +nightly target list --installed | grep -qx wasm32-unknown-unknown &&
    rustup +nightly component list --installed | grep -q '^rust-src'; then
    say "nightly wasm32 target + rust-src: present"
  elif rustup +nightly target add wasm32-unknown-unknown && rustup +nightly component add rust-src; then
    say "nightly wasm32 target + rust-src: installed"
  else
    say "nightly wasm32 target + rust-src: not installable, release builds use stable"
  fi
}

chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium + chromedriver: present ($(tool_version /usr/bin/chromium --version))"
  else
    say "chromium + chromedriver: installing from Debian"
    as_root apt-get update -qq
    as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

# cargo_tool BINARY CRATE VERSION [extra cargo install args]
cargo_tool() {
  local bin="$1" crate="$2" version="$3"; shift 3
  if tool_version "$bin" --version | grep -q "$version"; then
    say "$crate $version: present"
  else
    say "$crate $version: installing with cargo (minutes, once per machine)"
    cargo install --quiet "$@" "$crate@$version"
  fi
}

npm_deps() {
  cd "$ROOT"
  # node_modules/.package-lock.json is npm's own record of what it installed.
  if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    say "npm dependencies: present"
  else
    say "npm dependencies: installing (playwright-core, axe-core, binaryen, terser, prism-cli, @zitadel/proto)"
    # Prism's analytics dependency would try to phone home on install.
    SCARF_ANALYTICS=false npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Crates the offline builds read from the cargo cache. trunk builds with `cargo build
# --offline` (Trunk.toml), so nothing fetches them there: the workspace's dependencies
# (every target), and for the nightly size build the crates of std's own Cargo.lock,
# which `-Zbuild-std` resolves (on a new machine they are in no cache). Idempotent:
# cargo fetch only downloads what the cache lacks.
offline_crates() {
  cd "$ROOT"
  local started=$SECONDS
  cargo fetch --locked --quiet
  say "workspace crates (Cargo.lock): in the cargo cache"
  if size_toolchain_is_nightly; then
    local library
    library="$(rustup run nightly rustc --print sysroot)/lib/rustlib/src/rust/library"
    cargo +nightly fetch --locked --quiet --manifest-path "$library/Cargo.toml"
    say "std's crates for the nightly size build (rust-src's library/Cargo.lock): in the cargo cache"
  fi
  say "offline crates ready in $((SECONDS - started)) s"
}

step "rustfmt, clippy, Node.js" host_tools
step "wasm32 target" wasm_target
step "nightly for size builds" nightly_size_parts
step "chromium from Debian" chromium
step "npm dependencies" npm_deps
step "crates for the offline builds" offline_crates
step "wasm-bindgen CLI" cargo_tool wasm-bindgen wasm-bindgen-cli "$WASM_BINDGEN_VERSION" --locked
step "wasm-pack" cargo_tool wasm-pack wasm-pack "$WASM_PACK_VERSION" --locked
step "trunk" cargo_tool trunk trunk "$TRUNK_VERSION" --locked
say "all tools ready"
