#!/usr/bin/env bash
# The product: builds the widget and serves it with the local ZITADEL emulator on
# http://127.0.0.1:8080 (page and API on one origin). Ctrl-C stops it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
scripts/bootstrap.sh
scripts/build-widget.sh
cargo build --quiet -p zitadel-emulator
# The page starts signed out and signs in through the emulator's OpenID provider, whose
# client is in development mode (its redirect URIs are http:// pages on this machine).
exec target/debug/zitadel-emulator --listen "${LISTEN:-127.0.0.1:8080}" --dist dist --sign-in --dev-mode "$@"
