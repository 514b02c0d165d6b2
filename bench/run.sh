#!/usr/bin/env bash
# Benchmarks klynge against its peers on the same generated data, in one run, and prints ratios (never
# absolute goals): import vs `sqlite3 .import` of the same ledger.csv into a bare table; `report funds` and
# `report status` vs the same aggregate run by the sqlite3 CLI on klynge's own database; `report funds` vs
# `ledger bal` and `hledger bal` on the same entries as a journal; peak memory (/usr/bin/time) of each.
#   bash bench/run.sh [SIZES...]        (default: 10000 100000 1000000; RUNS=3 for the median)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
runs=${RUNS:-3}
bash scripts/setup.sh >/dev/null
for tool in ledger hledger; do
  command -v $tool >/dev/null || { echo "bench: installing $tool"; apt-get install -y -qq $tool >/dev/null; }
done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source bench/common.sh
build_release
asof=2025-12-31

echo "# klynge benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, runs: $runs (median)"
echo
echo "| lines | import s | sqlite3 .import s | **import ratio** | sqlite3 INSERT into the ledger s | sqlite3 INSERT + running totals s | **floor ratio** | import ÷ floor | import MB | records-only import MB | funds s | status s | sqlite3 aggregate s | **funds ratio** | **status ratio** | funds MB | status MB | ledger bal s | ledger MB | **ledger ÷ funds** | hledger bal s | hledger MB | **hledger ÷ funds** |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  d="$work/n$n"
  python3 bench/generate.py "$d" --lines "$n" --journal "$d.journal" >/dev/null
  PREPARE="rm -f '$work/k.db' '$work/k.db-wal' '$work/k.db-shm'; '$klynge' --db '$work/k.db' --quiet init" \
    measure import "$klynge" --db "$work/k.db" --quiet import "$d"
  floor_scripts "$d/ledger.csv" id,date,kind,body,initiative,counterparty,category,source,amount,decision,reverses,note \
    id "nullif(reverses, '')"
  PREPARE="rm -f '$work/bare.db'" measure sqlite_import sh -c "sqlite3 '$work/bare.db' < '$work/import.sql'"
  # The records without the ledger: what an import holds in memory besides the streamed ledger.
  mkdir -p "$d.records" && cp "$d"/*.csv "$d.records/" && rm "$d.records/ledger.csv"
  PREPARE="rm -f '$work/r.db' '$work/r.db-wal' '$work/r.db-shm'; '$klynge' --db '$work/r.db' --quiet init" \
    measure records "$klynge" --db "$work/r.db" --quiet import "$d.records"
  # The floor under klynge's import: sqlite3 inserting the same rows (from the bare table) into klynge's own ledger
  # table, with its constraints and foreign keys but without klynge's checks, messages and running totals.
  PREPARE="cp '$work/r.db' '$work/f.db'; rm -f '$work/f.db-wal' '$work/f.db-shm'" \
    measure sqlite_insert sh -c "sqlite3 '$work/f.db' < '$work/floor.sql'"
  # The floor under any import that also meets the report goals: the same insert, and the running totals summed
  # in the same transaction by the two statements klynge runs for a first import (engine/src/store_totals.cpp).
  PREPARE="cp '$work/r.db' '$work/f.db'; rm -f '$work/f.db-wal' '$work/f.db-shm'" \
    measure sqlite_totals sh -c "sqlite3 '$work/f.db' < '$work/floor_totals.sql'"
  PREPARE="" measure funds "$klynge" --db "$work/k.db" report funds --as-of $asof --format csv
  measure status "$klynge" --db "$work/k.db" report status --as-of $asof --format csv
  measure sqlite_agg sqlite3 "$work/k.db" "SELECT body, kind, sum(amount) FROM ledger WHERE date <= '$asof' GROUP BY body, kind"
  lruns=$runs; [ "$n" -ge 1000000 ] && runs=1
  measure ledger ledger -f "$d.journal" -e 2026/01/01 bal '^pool' '^init'
  measure hledger hledger -f "$d.journal" bal -e 2026-01-01 '^pool' '^init'
  runs=$lruns
  echo "| $n | $(secs "${T[import]}") | $(secs "${T[sqlite_import]}") | **$(ratio "${T[import]}" "${T[sqlite_import]}")** | $(secs "${T[sqlite_insert]}") | $(secs "${T[sqlite_totals]}") | **$(ratio "${T[sqlite_totals]}" "${T[sqlite_import]}")** | $(ratio "${T[import]}" "${T[sqlite_totals]}") | ${M[import]} | ${M[records]} | $(secs "${T[funds]}") | $(secs "${T[status]}") | $(secs "${T[sqlite_agg]}") | **$(ratio "${T[funds]}" "${T[sqlite_agg]}")** | **$(ratio "${T[status]}" "${T[sqlite_agg]}")** | ${M[funds]} | ${M[status]} | $(secs "${T[ledger]}") | ${M[ledger]} | **$(ratio "${T[ledger]}" "${T[funds]}")** | $(secs "${T[hledger]}") | ${M[hledger]} | **$(ratio "${T[hledger]}" "${T[funds]}")** |"
  rm -rf "$d" "$d.records" "$d.journal"
done

# Scaling at one national shape: 4,000 initiatives whose ledger holds 10k, 100k or 1M lines. A report as of a date
# reads one running sum per key and date, so its time should follow the number of keys, not of lines.
if [ -z "${NO_SCALING:-}" ]; then
  echo
  echo "Scaling, 4000 initiatives (as of $asof; times are medians of $runs runs):"
  echo
  echo "| lines | import s | import MB | funds s | status s | sqlite3 aggregate s | funds MB | status MB | check s | check MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for n in "${sizes[@]}"; do
    d="$work/s$n"
    python3 bench/generate.py "$d" --lines "$n" --initiatives 4000 >/dev/null
    PREPARE="rm -f '$work/k.db' '$work/k.db-wal' '$work/k.db-shm'; '$klynge' --db '$work/k.db' --quiet init" \
      measure import "$klynge" --db "$work/k.db" --quiet import "$d"
    PREPARE="" measure funds "$klynge" --db "$work/k.db" report funds --as-of $asof --format csv
    measure status "$klynge" --db "$work/k.db" report status --as-of $asof --format csv
    measure sqlite_agg sqlite3 "$work/k.db" "SELECT body, kind, sum(amount) FROM ledger WHERE date <= '$asof' GROUP BY body, kind"
    # `check` verifies the whole database (integrity, references, reversals, the running totals against a fresh
    # sum of the ledger) and warns as of today: it reads every row, so it grows with the lines.
    measure check "$klynge" --db "$work/k.db" --quiet check
    echo "| $n | $(secs "${T[import]}") | ${M[import]} | $(secs "${T[funds]}") | $(secs "${T[status]}") | $(secs "${T[sqlite_agg]}") | ${M[funds]} | ${M[status]} | $(secs "${T[check]}") | ${M[check]} |"
    rm -rf "$d"
  done
fi
