#!/usr/bin/env bash
# Two imports and reports at the same time on one database, ROUNDS times: each import succeeds (the second
# waits for the first) or fails with a clear "busy" message and exit 1; nothing is lost or half-written, and
# every report sees a consistent snapshot (all of an import or none of it).
#   concurrent.sh KLYNGE EXAMPLES [ROUNDS] [ROWS]
set -u
klynge=$(readlink -f "$1"); examples=$(readlink -f "$2"); rounds=${3:-20}; rows=${4:-3000}
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "$0")/common.sh"
sum_a=$(python3 "$here/gen_ledger.py" a "$rows" a 1)
sum_b=$(python3 "$here/gen_ledger.py" b "$rows" b 2)
spent() {  # the TOTAL row's spent, in øre
  "$klynge" --db "$1" report funds --as-of 2025-12-31 --format csv | awk -F, '$1 == "TOTAL" { gsub(/\./, "", $8); printf "%.0f\n", $8 }'
}
failures=0
for r in $(seq 1 "$rounds"); do
  fresh_copy run
  "$klynge" --db run.db import a >/dev/null 2>a.err & pa=$!
  "$klynge" --db run.db import b >/dev/null 2>b.err & pb=$!
  seen=()
  while kill -0 "$pa" 2>/dev/null || kill -0 "$pb" 2>/dev/null; do seen+=("$(spent run.db)"); done
  wait "$pa"; ca=$?; wait "$pb"; cb=$?
  expect=0
  for x in "a $ca $sum_a" "b $cb $sum_b"; do
    read -r -a fields <<<"$x"
    set -- "${fields[@]}"
    if [ "$2" = 0 ]; then expect=$((expect + $3))
    elif [ "$2" = 1 ] && grep -q "is busy" "$1.err"; then :
    else echo "round $r: import $1 exit $2: $(cat "$1.err")"; failures=$((failures + 1)); fi
  done
  final=$(spent run.db)
  [ "$final" = "$expect" ] || { echo "round $r: spent $final, expected $expect"; failures=$((failures + 1)); }
  for s in "${seen[@]}"; do
    case "$s" in 0|"$sum_a"|"$sum_b"|"$((sum_a + sum_b))") ;; *) echo "round $r: a report saw $s (half an import?)"; failures=$((failures + 1));; esac
  done
  [ "$(sqlite3 run.db 'PRAGMA integrity_check')" = ok ] || { echo "round $r: integrity"; failures=$((failures + 1)); }
done
echo "rounds: $rounds; failures: $failures"
[ "$failures" = 0 ]
