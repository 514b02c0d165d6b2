# shellcheck shell=bash disable=SC2034,SC2154  # sourced: klynge and examples come from the caller, which uses here
# Shared by the robustness scripts (sourced): a scratch folder holding base.db, a database with examples/vest.
# Expects: klynge, examples; sets: here, work (removed on exit), and cds into it.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export KLYNGE_TODAY=2025-06-24
"$klynge" --db base.db init 2>/dev/null
"$klynge" --db base.db import "$examples/vest" >/dev/null 2>&1 || { echo "base import failed"; exit 1; }
# fresh_copy NAME: NAME.db starts as a copy of base.db
fresh_copy() {
  rm -f "$1.db" "$1.db-wal" "$1.db-shm"
  cp base.db "$1.db"
}
