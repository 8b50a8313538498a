# Shared by the scripts in this folder: where caches live and how to say things.
# Sourced, not run.

REVPULSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REVPULSE_CACHE="${REVPULSE_CACHE:-$HOME/.cache/revpulse}"
# A persistent target directory keeps second runs fast, including CI's fresh clones.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REVPULSE_CACHE/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { echo "revpulse: $*"; }
