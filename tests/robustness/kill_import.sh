#!/usr/bin/env bash
# Kills `klynge import` with SIGKILL at KILLS points spread over a large import, and shows that afterwards the
# database passes PRAGMA integrity_check and `klynge check`, and holds either all of the import or none of it.
#   kill_import.sh KLYNGE EXAMPLES [KILLS] [ROWS]
set -u
klynge=$(readlink -f "$1"); examples=$(readlink -f "$2"); kills=${3:-50}; rows=${4:-10000}
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "$0")/common.sh"
python3 "$here/gen_ledger.py" big "$rows" big >/dev/null
base_rows=$(sqlite3 base.db "SELECT count(*) FROM ledger")

# How long a whole import takes here, to spread the kill points over it.
fresh_copy probe
start=$(date +%s%N)
"$klynge" --db probe.db import big >/dev/null 2>&1 || { echo "probe import failed"; exit 1; }
duration_ns=$(( $(date +%s%N) - start ))
full_rows=$(sqlite3 probe.db "SELECT count(*) FROM ledger")

none=0 all=0 finished=0 bad=0
for i in $(seq 1 "$kills"); do
  fresh_copy run
  "$klynge" --db run.db import big >/dev/null 2>&1 &
  pid=$!
  delay_ns=$(( duration_ns * 11 * i / (10 * kills) ))  # up to 1.1 × the import: some land after it
  sleep "$(printf '%d.%09d' $((delay_ns / 1000000000)) $((delay_ns % 1000000000)))"
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null; else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null
  integrity=$(sqlite3 run.db "PRAGMA integrity_check")
  count=$(sqlite3 run.db "SELECT count(*) FROM ledger")
  if [ "$integrity" != ok ] || ! "$klynge" --db run.db --quiet check >/dev/null 2>&1; then
    echo "kill point $i: the database is damaged ($integrity)"; bad=$((bad + 1))
  elif [ "$count" = "$base_rows" ]; then none=$((none + 1))
  elif [ "$count" = "$full_rows" ]; then all=$((all + 1))
  else echo "kill point $i: $count ledger rows, neither $base_rows nor $full_rows"; bad=$((bad + 1)); fi
done
echo "kill points: $kills; none of the import: $none; all of it: $all (of which finished before the kill: $finished); damaged or partial: $bad"
[ "$bad" = 0 ] && [ "$none" -gt 0 ]
