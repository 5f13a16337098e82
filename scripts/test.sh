#!/usr/bin/env bash
# Every test: formatting, lints, native tests, browser tests, end-to-end tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

started=$SECONDS
phase() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - started))"; }

phase "tools"
scripts/bootstrap.sh

phase "cargo fmt --check"
cargo fmt --all -- --check

phase "cargo clippy (host, whole workspace)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
phase "cargo clippy (wasm32, widget)"
cargo clippy -p zitadel-mfa-manager --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

phase "native tests (cargo test)"
# The emulator's API tests record every exchange, checked below against ZITADEL's types.
EXCHANGES="$ROOT/target/exchanges/api.jsonl"
mkdir -p "$(dirname "$EXCHANGES")" && rm -f "$EXCHANGES"
EMULATOR_EXCHANGES="$EXCHANGES" cargo test --workspace -- --skip decoding_fuzz

phase "decoding fuzz (the full run is make fuzz)"
cargo test --quiet --test decode_never_panics -- --nocapture

phase "ZITADEL's message types (@zitadel/proto): the checker, then the emulator's API tests"
node --test tests/proto/
node tests/proto/check.mjs "$EXCHANGES"

phase "browser tests (wasm-pack test --headless --chrome)"
wasm-pack test --headless --chrome

phase "release build (trunk page, both wasm-pack packages, examples) and emulator"
scripts/build-widget.sh
cargo build --quiet -p zitadel-emulator

phase "TypeScript declarations of the package (tsc --strict)"
tsc -p tests/types/tsconfig.json

phase "end-to-end tests (Playwright + emulator)"
node --test --test-concurrency=1 tests/e2e/

phase "size of the release bundles (size-budget.json)"
node --test tests/size/
node scripts/size.mjs

phase "all tests passed"
