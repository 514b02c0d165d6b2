#!/usr/bin/env bash
# Kills `klynge import` with SIGKILL at KILLS points spread over a large import, and shows that afterwards the
# database passes PRAGMA integrity_check and `klynge check`, and holds either all of the import or none of it.
#   kill_import.sh KLYNGE EXAMPLES [KILLS] [ROWS]
set -u
klynge=$(readlink -f "$1"); examples=$(readlink -f "$2"); kills=${3:-50}; rows=${4:-10000}
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "$0")/common.sh"
python3 "$here/gen_ledger.py" big "$rows" big >/dev/null
state() { sqlite3 "$1" "SELECT count(*) FROM ledger"; }
run_kills "import of $rows ledger rows" import big
echo "damaged or partial: $bad"
[ "$bad" = 0 ] && [ "$none" -gt 0 ]
