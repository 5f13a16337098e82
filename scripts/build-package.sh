#!/usr/bin/env bash
# Builds the two distributable ES module packages (wasm, JS glue, TypeScript types) with
# wasm-pack --target web, then size-optimizes each wasm with the npm binaryen
# (wasm-pack's own wasm-opt would download a binary) and minifies the glue (terser):
#   dist/pkg        zitadel-mfa-manager        self service
#   dist/pkg-admin  zitadel-mfa-manager-admin  self service + admin mode (feature `admin`)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
[ -n "${SIZE_TOOLCHAIN:-}" ] || size_toolchain

# build_package OUT NAME DESCRIPTION [cargo args]
build_package() {
  local out=$1 name=$2 description=$3
  shift 3
  wasm-pack --log-level warn build package --target web --release --out-dir "../$out" \
    --out-name "$name" -- "$@"
  # npm name and description of the package (wasm-pack takes the crate's).
  node -e '
    const [file, name, description] = process.argv.slice(1);
    const pkg = JSON.parse(require("fs").readFileSync(file, "utf8"));
    Object.assign(pkg, { name, description });
    pkg.files.push("i18n");
    require("fs").writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$out/package.json" "$name" "$description"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  node scripts/minify-js.mjs "$out/${name}.js"
  rm -f "$out/.gitignore"
  # The languages but English, loaded when a widget needs one (host build, every language).
  (unset RUSTUP_TOOLCHAIN CARGO_UNSTABLE_BUILD_STD RUSTFLAGS CARGO_TARGET_DIR
    cargo run --quiet --example catalogues -- "$out/i18n")
  echo "package $name: $out ($(gzip -9c "$out/${name}_bg.wasm" | wc -c) bytes of gzipped wasm)"
}

build_package dist/pkg zitadel-mfa-manager \
  "Self-service MFA manager for ZITADEL, as an ES module: mount(), <zitadel-mfa-manager>, TypeScript types."
build_package dist/pkg-admin zitadel-mfa-manager-admin \
  "MFA manager for ZITADEL with admin mode (another user's factors, the organization's login settings), as an ES module." \
  --features admin
