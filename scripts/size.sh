#!/usr/bin/env bash
# Prints the raw and gzip -9 sizes of the release page bundle in dist/ and of the
# ES module package in dist/pkg.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# report LABEL PREFIX FILE...: a line per file, then their gzip total.
report() {
  local label=$1 prefix=$2 total=0 file raw gz
  shift 2
  for file in "$@"; do
    [ -e "$file" ] || continue
    raw=$(stat -c %s "$file")
    gz=$(gzip -9 -c "$file" | wc -c)
    total=$((total + gz))
    printf '%-48s %9d bytes  %8d gzip\n' "$prefix$(basename "$file")" "$raw" "$gz"
  done
  awk -v t="$total" -v l="$label" 'BEGIN { printf "%-48s %9s        %8d gzip (%.1f KB)\n", l, "", t, t / 1024 }'
}

report total "" dist/*.wasm dist/*.js dist/*.css
report "package total" pkg/ dist/pkg/*.wasm dist/pkg/*.js
