#!/usr/bin/env bash
# Builds the widget page (release, size-tuned) into dist/ with trunk.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
trunk build --release --skip-version-check
