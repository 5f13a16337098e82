#!/usr/bin/env bash
# make bench: builds the release page and emulator, then runs bench/bench.mjs (cold
# loads of the widget page against a hand-written page, the 200-factor user, bytes).
# Prints the figures; also writes them to target/bench.txt. A benchmark, not a test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
scripts/bootstrap.sh >/dev/null
scripts/build-widget.sh >/dev/null
cargo build --quiet --release -p zitadel-emulator
EMULATOR_BIN="$ROOT/target/release/zitadel-emulator" node bench/bench.mjs
