#!/usr/bin/env bash
# Builds the distributable ES module package (wasm, JS glue, TypeScript types) into
# dist/pkg with wasm-pack --target web, then size-optimizes the wasm with the npm
# binaryen (wasm-pack's own wasm-opt would download a binary).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
[ -n "${SIZE_TOOLCHAIN:-}" ] || size_toolchain
OUT=dist/pkg
wasm-pack --log-level warn build package --target web --release --out-dir "../$OUT" \
  --out-name zitadel-mfa-manager
# npm name of the package (wasm-pack takes the crate's).
node -e '
  const file = process.argv[1], pkg = JSON.parse(require("fs").readFileSync(file, "utf8"));
  pkg.name = "zitadel-mfa-manager";
  pkg.files.push("i18n");
  require("fs").writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$OUT/package.json"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT/zitadel-mfa-manager_bg.wasm" -o "$OUT/zitadel-mfa-manager_bg.wasm"
rm -f "$OUT/.gitignore"
# The languages but English, loaded when a widget needs one (host build, every language).
(unset RUSTUP_TOOLCHAIN CARGO_UNSTABLE_BUILD_STD RUSTFLAGS CARGO_TARGET_DIR
  cargo run --quiet --example catalogues -- "$OUT/i18n")
echo "package: $OUT ($(gzip -9c "$OUT/zitadel-mfa-manager_bg.wasm" | wc -c) bytes of gzipped wasm)"
