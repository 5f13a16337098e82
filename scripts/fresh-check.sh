#!/usr/bin/env bash
# The README's two commands as a new machine runs them, without this machine's caches:
# a fresh clone of HEAD (committed work only) in a temporary folder, with an empty
# CARGO_HOME and npm cache of its own and no node_modules or target, runs `make test`,
# then `make run` until it serves `/` and the wasm, and stops it by its process group.
# The installed tools (trunk, wasm-pack, wasm-bindgen, the rustup toolchains, Chromium)
# stay on PATH. Run it after any change to setup, dependencies, the toolchain or the
# build scripts (README, development notes). Prints each phase with its time and the
# total; exits non-zero at the first failure. KEEP=1 keeps the folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Before this folder's own CARGO_HOME hides them: the tools already installed.
TOOLS_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
LISTEN="${FRESH_LISTEN:-127.0.0.1:18093}"

started=$SECONDS
phase() { printf '\n[fresh-check] ==> %s (%ss)\n' "$*" "$((SECONDS - started))"; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zmm-fresh.XXXXXX")"
run_pid=""
cleanup() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -- "-$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-}" = 1 ]; then
    printf '[fresh-check] kept %s\n' "$WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

phase "fresh clone of $(git -C "$ROOT" rev-parse --short HEAD), empty cargo home and npm cache"
git clone --quiet "$ROOT" "$WORK/repo"
export CARGO_HOME="$WORK/cargo-home"
export npm_config_cache="$WORK/npm-cache"
mkdir -p "$CARGO_HOME/bin"
export PATH="$CARGO_HOME/bin:$TOOLS_BIN:$PATH"
unset CARGO_TARGET_DIR RUSTUP_TOOLCHAIN RUSTFLAGS CARGO_UNSTABLE_BUILD_STD
cd "$WORK/repo"

phase "make test"
CI=true make test

phase "make run (LISTEN=$LISTEN), until it serves / and the wasm"
# Its own process group, so the emulator it execs is stopped with it.
LISTEN="$LISTEN" setsid make run >"$WORK/run.log" 2>&1 &
run_pid=$!
page=""
for _ in $(seq 1 600); do
  if ! kill -0 "$run_pid" 2>/dev/null; then
    tail -n 40 "$WORK/run.log" >&2
    echo "[fresh-check] FAILED: make run exited before serving" >&2
    exit 1
  fi
  if page="$(curl -fsS "http://$LISTEN/" 2>/dev/null)"; then
    break
  fi
  sleep 1
done
[ -n "$page" ] || { tail -n 40 "$WORK/run.log" >&2; echo "[fresh-check] FAILED: / never answered" >&2; exit 1; }
wasm="$(grep -o '/[A-Za-z0-9._-]*_bg\.wasm' <<<"$page" | head -n1)"
[ -n "$wasm" ] || { echo "[fresh-check] FAILED: / names no wasm" >&2; exit 1; }
type="$(curl -fsS -o "$WORK/page.wasm" -w '%{content_type}' "http://$LISTEN/${wasm#/}")"
magic="$(head -c 4 "$WORK/page.wasm" | od -An -tx1 | tr -d ' \n')"
[ "$magic" = 0061736d ] || { echo "[fresh-check] FAILED: $wasm is not WebAssembly" >&2; exit 1; }
printf '[fresh-check] / and %s served (%s, %s bytes)\n' "$wasm" "$type" "$(wc -c <"$WORK/page.wasm")"
kill -- "-$run_pid"
wait "$run_pid" 2>/dev/null || true
run_pid=""

phase "fresh check passed"
