#!/usr/bin/env bash
# Prints the raw and gzip -9 sizes of the release page bundle in dist/ and of the
# ES module package in dist/pkg.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
total=0
for file in dist/*.wasm dist/*.js dist/*.css; do
  [ -e "$file" ] || continue
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gz))
  printf '%-48s %9d bytes  %8d gzip\n' "$(basename "$file")" "$raw" "$gz"
done
awk -v t="$total" 'BEGIN { printf "%-48s %9s        %8d gzip (%.1f KB)\n", "total", "", t, t / 1024 }'

total=0
for file in dist/pkg/*.wasm dist/pkg/*.js; do
  [ -e "$file" ] || continue
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gz))
  printf '%-48s %9d bytes  %8d gzip\n' "pkg/$(basename "$file")" "$raw" "$gz"
done
awk -v t="$total" 'BEGIN { printf "%-48s %9s        %8d gzip (%.1f KB)\n", "package total", "", t, t / 1024 }'
