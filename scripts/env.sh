# Sourced by the scripts: puts the project's tools first on PATH. wasm-opt must come
# from npm `binaryen` (node_modules/.bin), never Debian's older one.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
