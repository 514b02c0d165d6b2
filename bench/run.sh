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
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKLYNGE_TESTS=OFF >/dev/null
cmake --build build/release -j2 >/dev/null
klynge=$(readlink -f build/release/cli/klynge)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
asof=2025-12-31

# measure NAME COMMAND...: the median wall time in seconds of $runs runs, and the peak memory in MB (one decimal)
# of the last.
declare -A T M
measure() {
  local name=$1; shift
  local times=() t0 t1
  for _ in $(seq 1 "$runs"); do
    [ -n "${PREPARE:-}" ] && eval "$PREPARE"
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$work/mem" "$@" >/dev/null 2>"$work/err" || { echo "bench: $name failed:"; cat "$work/err"; exit 1; }
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  T[$name]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  M[$name]=$(awk -v kb="$(tail -n 1 "$work/mem")" 'BEGIN { printf "%.1f", kb / 1024 }')
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }'; }

echo "# klynge benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, runs: $runs (median)"
echo
echo "| lines | import s | sqlite3 .import s | **import ratio** | sqlite3 INSERT into the ledger s | sqlite3 INSERT + running totals s | **floor ratio** | import ÷ floor | import MB | records-only import MB | funds s | status s | sqlite3 aggregate s | **funds ratio** | **status ratio** | funds MB | status MB | ledger bal s | ledger MB | **ledger ÷ funds** | hledger bal s | hledger MB | **hledger ÷ funds** |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  d="$work/n$n"
  python3 bench/generate.py "$d" --lines "$n" --journal "$d.journal" >/dev/null
  PREPARE="rm -f '$work/k.db' '$work/k.db-wal' '$work/k.db-shm'; '$klynge' --db '$work/k.db' --quiet init" \
    measure import "$klynge" --db "$work/k.db" --quiet import "$d"
  printf 'CREATE TABLE t(id,date,kind,body,initiative,counterparty,category,source,amount,decision,reverses,note);\n.mode csv\n.import %s t\n' "$d/ledger.csv" > "$work/import.sql"
  PREPARE="rm -f '$work/bare.db'" measure sqlite_import sh -c "sqlite3 '$work/bare.db' < '$work/import.sql'"
  # The records without the ledger: what an import holds in memory besides the streamed ledger.
  mkdir -p "$d.records" && cp "$d"/*.csv "$d.records/" && rm "$d.records/ledger.csv"
  PREPARE="rm -f '$work/r.db' '$work/r.db-wal' '$work/r.db-shm'; '$klynge' --db '$work/r.db' --quiet init" \
    measure records "$klynge" --db "$work/r.db" --quiet import "$d.records"
  # The floor under klynge's import: sqlite3 inserting the same rows (from the bare table) into klynge's own ledger
  # table, with its constraints and foreign keys but without klynge's checks, messages and running totals.
  printf 'PRAGMA foreign_keys = ON;\nATTACH %s AS b;\nBEGIN;\nINSERT INTO ledger (id, date, kind, body, initiative, counterparty, category, source, amount, decision, reverses, note, origin) SELECT id, date, kind, body, nullif(initiative, %s), nullif(counterparty, %s), category, source, CAST(replace(amount, %s, %s) AS INTEGER), nullif(decision, %s), nullif(reverses, %s), note, %s FROM b.t WHERE rowid > 1;\nCOMMIT;\n' \
    "'$work/bare.db'" "''" "''" "'.'" "''" "''" "''" "'sqlite3'" > "$work/floor.sql"
  PREPARE="cp '$work/r.db' '$work/f.db'; rm -f '$work/f.db-wal' '$work/f.db-shm'" \
    measure sqlite_insert sh -c "sqlite3 '$work/f.db' < '$work/floor.sql'"
  # The floor under any import that also meets the report goals: the same insert, and the running totals summed
  # in the same transaction by the two statements klynge runs for a first import (engine/src/store_totals.cpp).
  sed 's/^COMMIT;$//' "$work/floor.sql" > "$work/floor_totals.sql"
  cat >> "$work/floor_totals.sql" <<'SQL'
INSERT INTO ledger_keys (body, initiative, counterparty, kind, category)
  SELECT DISTINCT body, ifnull(initiative, ''), ifnull(counterparty, ''), kind, category FROM ledger WHERE seq > 0 ON CONFLICT DO NOTHING;
INSERT INTO ledger_days (key, day, amount, entries, running)
  SELECT k.id, l.date, sum(iif(l.reverses IS NULL, l.amount, -l.amount)), count(*),
         sum(sum(iif(l.reverses IS NULL, l.amount, -l.amount))) OVER (PARTITION BY k.id ORDER BY l.date)
  FROM ledger l JOIN ledger_keys k ON k.body = l.body AND k.initiative = ifnull(l.initiative, '') AND
       k.counterparty = ifnull(l.counterparty, '') AND k.kind = l.kind AND k.category = l.category
  GROUP BY k.id, l.date;
COMMIT;
SQL
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
