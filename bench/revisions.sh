#!/usr/bin/env bash
# Benchmarks what revisions ask of the ledger (design §14), as ratios measured in one run:
# - a running sheet of N lines (rows without ids) imported, then the same sheet grown by 5,000 rows imported again:
#   the re-import against the first import (goal: at most 0.5), and the peak memory of both;
# - a month of 5,000 rows imported into the database of N lines, dated after the stored ones and spread over earlier
#   days: each against the same month into a database of N/10 lines (goals: 1.5 and 2), and against its floor:
#   sqlite3 putting the same rows into the same database (month_floor_script in bench/common.sh), whose own ratio
#   between the sizes says how much of the growth is SQLite's;
# - `report funds --known-at` the revision before the grown sheet against sqlite3's own full-scan aggregate over the rows.
# - the first import against its floor: sqlite3 inserting the same rows into the ledger table and summing the
#   running totals in one transaction, nothing read, parsed or checked (goal: at most 1.25).
#   bash bench/revisions.sh [SIZES...]      (default: 100000 1000000; RUNS=3 for the median; DATA=DIR keeps the
#   generated data there and uses it again on the next run; KLYNGE_BIN=PATH measures that binary; INITIATIVES=K
#   fixes the number of initiatives at every size, as the scaling run of bench/run.sh does: the generator's default
#   makes one per 250 lines, so that a database ten times larger also holds ten times the records)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)
runs=${RUNS:-3}
bash scripts/setup.sh >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source bench/common.sh
build_release
asof=2025-12-31
export KLYNGE_TODAY=2026-11-25

echo "# klynge revisions benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, runs: $runs (median), initiatives: ${INITIATIVES:-one per 250 lines}, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| lines | first import s | MB | floor s | **first ÷ floor** | floor, ids and hashes as stored s | first ÷ that | grown re-import s | MB | **re-import ÷ first** | funds --known-at s | sqlite3 aggregate s | **known-at ÷ aggregate** |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
declare -A AFTER SPREAD AFTER_C SPREAD_C AFTER_F SPREAD_F AFTER_FC SPREAD_FC
cpu_rows=""
for n in "${sizes[@]}"; do
  d="${DATA:-$work}/n$n${INITIATIVES:+-i$INITIATIVES}"
  [ -f "$d/spread/ledger.csv" ] || sheet "$d" "$n"
  "$klynge" --db "$work/base.db" --quiet init
  "$klynge" --db "$work/base.db" --quiet import "$d/records" >/dev/null 2>"$work/err" || { echo "bench: records failed:"; cat "$work/err"; exit 1; }
  PREPARE="cp '$work/base.db' '$work/k.db'; rm -f '$work/k.db-wal' '$work/k.db-shm'" \
    measure first "$klynge" --db "$work/k.db" --quiet import "$d/sheet"
  cp "$work/k.db" "$work/sheet.db"
  # The floor under the first import: sqlite3 inserting the sheet's rows into the ledger and summing the totals.
  floor_scripts "$d/sheet/ledger.csv" date,kind,body,initiative,counterparty,category,source,amount,decision,note "'s' || rowid" NULL
  rm -f "$work/bare.db"; sqlite3 "$work/bare.db" < "$work/import.sql"
  PREPARE="cp '$work/base.db' '$work/f.db'; rm -f '$work/f.db-wal' '$work/f.db-shm'" \
    measure floor sh -c "sqlite3 '$work/f.db' < '$work/floor_totals.sql'"
  # The same rows as klynge stores them: a content id (a hash: spread over the id's index, where 's' || rowid
  # appends) and a hash in the chain. How much of first ÷ floor is the shape of what is stored, not the program.
  floor_scripts "$d/sheet/ledger.csv" date,kind,body,initiative,counterparty,category,source,amount,decision,note \
    "'ledger-' || lower(hex(randomblob(8)))" NULL "lower(hex(randomblob(32)))"
  PREPARE="cp '$work/base.db' '$work/f.db'; rm -f '$work/f.db-wal' '$work/f.db-shm'" \
    measure floor_stored sh -c "sqlite3 '$work/f.db' < '$work/floor_totals.sql'"
  PREPARE="cp '$work/sheet.db' '$work/g.db'; rm -f '$work/g.db-wal' '$work/g.db-shm'" \
    measure grown "$klynge" --db "$work/g.db" --quiet import "$d/grown"
  # Revision 2 is the sheet's import: known at it, the grown sheet's 5,000 rows are not there yet.
  PREPARE="" measure known "$klynge" --db "$work/g.db" report funds --as-of $asof --known-at 2 --format csv
  measure agg sqlite3 "$work/g.db" "SELECT body, kind, sum(amount) FROM ledger WHERE date <= '$asof' GROUP BY body, kind"
  PREPARE="cp '$work/g.db' '$work/m.db'; rm -f '$work/m.db-wal' '$work/m.db-shm'" \
    measure after "$klynge" --db "$work/m.db" --quiet import "$d/after"
  PREPARE="cp '$work/g.db' '$work/m.db'; rm -f '$work/m.db-wal' '$work/m.db-shm'" \
    measure spread "$klynge" --db "$work/m.db" --quiet import "$d/spread"
  # The months' floors: sqlite3 putting the same rows into the same database (month_floor_script).
  month_floor_script "$d/after/ledger.csv"
  PREPARE="cp '$work/g.db' '$work/m.db'; rm -f '$work/m.db-wal' '$work/m.db-shm'" \
    measure after_floor sh -c "sqlite3 '$work/m.db' < '$work/month.sql'"
  month_floor_script "$d/spread/ledger.csv"
  PREPARE="cp '$work/g.db' '$work/m.db'; rm -f '$work/m.db-wal' '$work/m.db-shm'" \
    measure spread_floor sh -c "sqlite3 '$work/m.db' < '$work/month.sql'"
  AFTER[$n]=${T[after]}; SPREAD[$n]=${T[spread]}; AFTER_C[$n]=${C[after]}; SPREAD_C[$n]=${C[spread]}
  AFTER_F[$n]=${T[after_floor]}; SPREAD_F[$n]=${T[spread_floor]}; AFTER_FC[$n]=${C[after_floor]}; SPREAD_FC[$n]=${C[spread_floor]}
  cpu_rows+="| $n | $(secs "${C[first]}") | $(secs "${C[floor]}") | **$(ratio "${C[first]}" "${C[floor]}")** | $(secs "${C[floor_stored]}") | $(ratio "${C[first]}" "${C[floor_stored]}") | $(secs "${C[grown]}") | **$(ratio "${C[grown]}" "${C[first]}")** | $(secs "${C[known]}") | $(secs "${C[agg]}") | **$(ratio "${C[known]}" "${C[agg]}")** |"$'\n'
  echo "| $n | $(secs "${T[first]}") | ${M[first]} | $(secs "${T[floor]}") | **$(ratio "${T[first]}" "${T[floor]}")** | $(secs "${T[floor_stored]}") | $(ratio "${T[first]}" "${T[floor_stored]}") | $(secs "${T[grown]}") | ${M[grown]} | **$(ratio "${T[grown]}" "${T[first]}")** | $(secs "${T[known]}") | $(secs "${T[agg]}") | **$(ratio "${T[known]}" "${T[agg]}")** |"
  [ -n "${DATA:-}" ] || rm -rf "$d"
  rm -f "$work"/*.db*
done
echo
echo "The same in processor time (user + system, the median of the runs; the wait for a core on a shared machine left out):"
echo
echo "| lines | first import s | floor s | **first ÷ floor** | floor, ids and hashes as stored s | first ÷ that | grown re-import s | **re-import ÷ first** | funds --known-at s | sqlite3 aggregate s | **known-at ÷ aggregate** |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s' "$cpu_rows"
# month_rows AFTER SPREAD AFTER_FLOOR SPREAD_FLOOR: a row per size from the arrays (by name) of milliseconds: each
# month, its floor, klynge against the floor, and the ratios to the size ten times smaller where it was measured in
# this run (of klynge, and of the floor: what SQLite itself does with the month at both sizes).
month_rows() {
  local -n after=$1 spread=$2 afloor=$3 sfloor=$4
  local n small a_ratio s_ratio af_ratio sf_ratio
  echo "| lines | after the stored days s | floor s | **÷ floor** | spread over them s | floor s | **÷ floor** | **after ÷ (size/10)** | floor: after ÷ (size/10) | **spread ÷ (size/10)** | floor: spread ÷ (size/10) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for n in "${sizes[@]}"; do
    small=$((n / 10))
    a_ratio=-; s_ratio=-; af_ratio=-; sf_ratio=-
    if [ -n "${after[$small]:-}" ]; then
      a_ratio=$(ratio "${after[$n]}" "${after[$small]}"); s_ratio=$(ratio "${spread[$n]}" "${spread[$small]}")
      af_ratio=$(ratio "${afloor[$n]}" "${afloor[$small]}"); sf_ratio=$(ratio "${sfloor[$n]}" "${sfloor[$small]}")
    fi
    echo "| $n | $(secs "${after[$n]}") | $(secs "${afloor[$n]}") | **$(ratio "${after[$n]}" "${afloor[$n]}")** | $(secs "${spread[$n]}") | $(secs "${sfloor[$n]}") | **$(ratio "${spread[$n]}" "${sfloor[$n]}")** | **$a_ratio** | $af_ratio | **$s_ratio** | $sf_ratio |"
  done
}
echo
echo "A month of 5,000 rows into the database of each size (s), against its floor, and against the size ten times smaller:"
echo
month_rows AFTER SPREAD AFTER_F SPREAD_F
echo
echo "The same in processor time:"
echo
month_rows AFTER_C SPREAD_C AFTER_FC SPREAD_FC
