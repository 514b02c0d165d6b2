#!/usr/bin/env bash
# Many writers at once on one database on the test server (design §14, issue 19): 8 clients importing 8 different
# folders and 8 clients adding an entry each, all at once, REPEATS times (each time in a new database): every
# command succeeds (a writer waits for the others: the busy timeout is raised for the test), every import is whole,
# the ledger's total is the sum of the files and the additions, revisions are numbered 1…N without a gap, and
# `check` is clean. Then a client is killed (SIGKILL) in the middle of a large import: nothing of that import is
# left, and `check` is still clean.
#   concurrency.sh KLYNGE STATE [REPEATS]
set -u
klynge=$(readlink -f "$1") state=$2 repeats=${3:-20}
NAME=concurrency.sh source "$(dirname "$0")/clients.sh"
db="conc_$$"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
q() { psql -X -At -d "$db" -c "$1"; }

# The folders: body bI with 200 receipts of I øre… each (a known sum per folder), and the shared body the adders use.
mkdir base
printf 'id,kind,name\nfaelles,cluster,Fælles\n' >base/bodies.csv
expected_sum=0 expected_rows=0
for i in 1 2 3 4 5 6 7 8; do
  mkdir "f$i"
  printf 'id,kind,name\nb%s,cluster,Klynge %s\n' "$i" "$i" >"f$i/bodies.csv"
  echo "id,date,kind,body,initiative,counterparty,category,source,amount,decision,reverses,note" >"f$i/ledger.csv"
  for n in $(seq 1 200); do
    echo "f$i-$n,2025-0$(( (n % 9) + 1 ))-1$(( n % 10 )),receipt,b$i,,,,kilde,$i.$(printf %02d $(( n % 100 ))),,," >>"f$i/ledger.csv"
    expected_sum=$(( expected_sum + i * 100 + n % 100 ))
  done
  expected_rows=$(( expected_rows + 200 ))
done
expected_sum=$(( expected_sum + 8 * 100 )) expected_rows=$(( expected_rows + 8 ))

for r in $(seq 1 "$repeats"); do
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\"" >/dev/null 2>&1 || fail "create database"
  export KLYNGE_DB="postgresql://postgres@127.0.0.1:$port/$db"
  "$klynge" init >/dev/null 2>&1 || fail "init"
  "$klynge" import base >/dev/null 2>&1 || fail "import base"
  pids=()
  for i in 1 2 3 4 5 6 7 8; do
    "$klynge" import "f$i" >"import$i.out" 2>&1 &
    pids+=($!)
    "$klynge" add entry --id add-$i --date 2025-03-0$i --kind receipt --body faelles --amount 1.00 --lang en >"add$i.out" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { cat import*.out add*.out; fail "repeat $r: a client failed"; }; done
  [ "$(q 'SELECT count(*) FROM ledger')" = "$expected_rows" ] || fail "repeat $r: $(q 'SELECT count(*) FROM ledger') entries, not $expected_rows"
  [ "$(q 'SELECT sum(amount) FROM ledger')" = "$expected_sum" ] || fail "repeat $r: the ledger sums to $(q 'SELECT sum(amount) FROM ledger') øre, not $expected_sum"
  # Each import whole: its 200 entries written by one revision.
  [ "$(q "SELECT count(*) FROM (SELECT body FROM ledger WHERE body LIKE 'b%' GROUP BY body HAVING count(*) = 200 AND count(DISTINCT revision) = 1) x")" = 8 ] ||
    fail "repeat $r: an import is not whole"
  [ "$(q 'SELECT count(*) = max(number) AND min(number) = 1 FROM revisions')" = t ] || fail "repeat $r: revisions with a gap"
  "$klynge" check >check.out 2>&1 || { cat check.out; fail "repeat $r: check"; }
  grep -q "check: 0 errors" check.out || { cat check.out; fail "repeat $r: check found errors"; }
  totals=$("$klynge" report funds --format csv | awk -F, '$1 == "TOTAL" { print $3 }')
  [ "$totals" = "$(q "SELECT to_char(sum(amount) / 100.0, 'FM999999990.00') FROM ledger")" ] || fail "repeat $r: funds received $totals"
  echo "repeat $r: 16 clients at once, $expected_rows entries, every import whole, check clean"
done

# SIGKILL in the middle of a large import: nothing of it is left.
mkdir big
printf 'id,kind,name\nstor,cluster,Stor\n' >big/bodies.csv
{
  echo "id,date,kind,body,initiative,counterparty,category,source,amount,decision,reverses,note"
  for n in $(seq 1 60000); do echo "big-$n,2025-05-01,receipt,stor,,,,kilde,1.00,,,"; done
} >big/ledger.csv
before=$(q 'SELECT count(*) FROM ledger')/$(q 'SELECT count(*) FROM revisions')
"$klynge" import big >/dev/null 2>&1 &
pid=$!
# Killed while its entries are streaming into the ledger (the server's progress of its COPY shows rows written in
# its transaction), before it commits; an import not seen writing, or over before the kill, proves nothing.
written=0
for _ in $(seq 1 600); do
  written=$(q "SELECT coalesce(max(tuples_processed), 0) FROM pg_stat_progress_copy WHERE relid = 'ledger'::regclass")
  [ "$written" -ge 1000 ] && break
  sleep 0.05
done
[ "$written" -ge 1000 ] || fail "the large import was not seen writing its entries"
kill -0 "$pid" 2>/dev/null || fail "the large import was over before it could be killed"
kill -9 "$pid"
wait "$pid" 2>/dev/null
sleep 0.5
after=$(q 'SELECT count(*) FROM ledger')/$(q 'SELECT count(*) FROM revisions')
[ "$before" = "$after" ] || fail "after kill -9: ledger/revisions $after, was $before"
[ "$(q "SELECT count(*) FROM bodies WHERE id = 'stor'")" = 0 ] || fail "after kill -9: the import's body is there"
"$klynge" check >check.out 2>&1 || { cat check.out; fail "check after kill -9"; }
echo "kill -9 mid-import, its entries streaming (the server had written at least 1000 of them): nothing of it left ($after entries/revisions as before), check clean"
