#!/usr/bin/env bash
# Builds what the product serves into dist/: the widget page (trunk, release,
# size-tuned), the ES module package (dist/pkg) and the example portal (dist/portal).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
size_toolchain
echo "release build: $SIZE_TOOLCHAIN"
trunk build --release --skip-version-check
(unset RUSTUP_TOOLCHAIN CARGO_UNSTABLE_BUILD_STD RUSTFLAGS CARGO_TARGET_DIR
  cargo run --quiet --example catalogues -- dist/i18n)
scripts/build-package.sh
rm -rf dist/portal
cp -r examples/portal dist/portal
echo "$SIZE_TOOLCHAIN" > dist/TOOLCHAIN
node scripts/precompress.mjs dist
