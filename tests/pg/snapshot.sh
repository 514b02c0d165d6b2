#!/usr/bin/env bash
# Reports read one snapshot on the server (design §14, issue 19): while 4 clients keep importing, each import a new
# initiative of body `a` with a grant of 100,00 from a's pool, `report funds --body a` runs again and again. A report
# that read the initiatives before one import committed and the sums after it would show a's granted (the sum of its
# grants, from the running totals) above its budget (the grants to the initiatives it read); one snapshot never does.
#   snapshot.sh KLYNGE STATE [REPORTS]
set -u
klynge=$(readlink -f "$1") state=$2 reports=${3:-150}
NAME=snapshot.sh source "$(dirname "$0")/clients.sh"
db="snap_$$"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
psql -X -q -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null || fail "cannot create the database"
export KLYNGE_DB="postgresql://postgres@127.0.0.1:$port/$db"
"$klynge" --quiet init 2>/dev/null || fail "init"
mkdir base
printf 'id,kind,name\na,cluster,A\n' >base/bodies.csv
printf 'id,date,kind,body,amount\nr,2025-01-01,receipt,a,1000000.00\n' >base/ledger.csv
"$klynge" --quiet import base 2>/dev/null || fail "the base import"
# Writer W imports folders wW-1, wW-2, …: one initiative and its grant each.
writer() {
  local w=$1 n=0
  while :; do
    n=$((n + 1))
    local d="w$w-$n"
    mkdir "$d"
    printf 'id,body,name,status\ni%s-%s,a,I,active\n' "$w" "$n" >"$d/initiatives.csv"
    printf 'id,date,kind,body,initiative,amount\ng%s-%s,2025-02-01,grant,a,i%s-%s,100.00\n' "$w" "$n" "$w" "$n" >"$d/ledger.csv"
    "$klynge" --quiet import "$d" >/dev/null 2>&1 || { echo "writer $w: import $n failed" >"failed-$w"; return; }
  done
}
for w in 1 2 3 4; do writer "$w" & pids+=($!); done
seen=()
for i in $(seq 1 "$reports"); do
  out=$("$klynge" report funds --body a --as-of 2025-12-31 --format csv 2>&1) || fail "report $i: $out"
  row=$(echo "$out" | grep '^a,')
  granted=$(echo "$row" | cut -d, -f4) budget=$(echo "$row" | cut -d, -f7)
  [ "$granted" = "$budget" ] || fail "report $i read two states: granted $granted, budget $budget"
  seen+=("$granted")
done
kill "${pids[@]}" 2>/dev/null
wait 2>/dev/null
ls failed-* >/dev/null 2>&1 && { cat failed-*; fail "a writer failed"; }
distinct=$(printf '%s\n' "${seen[@]}" | sort -u | wc -l)
[ "$distinct" -ge 10 ] || fail "the reports saw only $distinct states: the writers did not keep up, nothing was shown"
echo "$reports reports while 4 clients imported: each read one state (granted = budget), $distinct states seen"
