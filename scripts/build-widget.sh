#!/usr/bin/env bash
# Builds what the product serves into dist/: the widget page (trunk, release,
# size-tuned), the ES module packages (dist/pkg, dist/pkg-admin), the example portal
# (dist/portal) and the admin example (dist/admin, served at /admin).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
size_toolchain
echo "release build: $SIZE_TOOLCHAIN"
trunk build --release --skip-version-check
# The page's module script async: it fetches and compiles the wasm while the stylesheet
# loads and the parser runs, instead of after both (src/page.rs waits for the DOM).
node scripts/async-module.mjs dist/index.html
node scripts/minify-js.mjs dist/zitadel-mfa-manager-*.js
(unset RUSTUP_TOOLCHAIN CARGO_UNSTABLE_BUILD_STD RUSTFLAGS CARGO_TARGET_DIR
  cargo run --quiet --example catalogues -- dist/i18n)
scripts/build-package.sh
rm -rf dist/portal dist/admin
cp -r examples/portal dist/portal
cp -r examples/admin dist/admin
echo "$SIZE_TOOLCHAIN" > dist/TOOLCHAIN
node scripts/precompress.mjs dist
