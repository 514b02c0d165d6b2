#!/usr/bin/env bash
# Benchmarks klynge on PostgreSQL (design §14, a council's shared database) as ratios measured in one run:
# - the import of the generated data of N lines into a new PostgreSQL database against the same import into a new
#   SQLite file (goal: at most 2);
# - `report funds` and `report status` on PostgreSQL against PostgreSQL's own full-scan aggregate over the same
#   rows by psql (goal: at most 1: the running totals keep the reports near flat there too);
# - the writes of revisions into a database that holds data, on both backends (the data of bench/revisions.sh, with
#   INITIATIVES as there): a running sheet's first import, the grown sheet sent again right after it (before the
#   server analysed the new rows), and a month of 5,000 rows after the stored days and spread over them. No goal
#   of its own: a guard against plans that make them minutes on the server (a month took 110-135 s, and a grown 1M
#   sheet 50-64 s, where SQLite takes seconds; bench/RESULTS.md).
# The server is a throw-away PostgreSQL 15 (tests/pg/server.sh) started durable: fsync and synchronous commit on, as
# a council's server runs (the tests' server has them off), so that both backends pay for their commits.
#   bash bench/postgresql.sh [SIZES...]   (default: 100000 1000000; RUNS=3 for the median; DATA=DIR keeps the
#   generated data there and uses it again on the next run; KLYNGE_BIN=PATH measures that binary)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)
runs=${RUNS:-3}
bash scripts/setup.sh --with-tests >/dev/null
work=$(mktemp -d)
state="$work/server"
trap 'bash tests/pg/server.sh stop "$state"; rm -rf "$work"' EXIT
source bench/common.sh
build_release
asof=2025-12-31
export KLYNGE_TODAY=2026-11-25
KLYNGE_PG_DURABLE=1 bash tests/pg/server.sh start "$state" >/dev/null
export PGHOST=127.0.0.1 PGPORT=$(cat "$state/port") PGUSER=postgres PGPASSWORD=$(cat "$state/password")
server="postgresql://postgres@127.0.0.1:$PGPORT"

echo "# klynge on PostgreSQL, $(date -u +%Y-%m-%d), $(nproc) cores, runs: $runs (median), PostgreSQL $(psql -X -A -t -d postgres -c 'SHOW server_version')"
echo
echo "| lines | SQLite import s | PostgreSQL import s | **import ratio** | funds s | status s | psql aggregate s | **funds ÷ aggregate** | **status ÷ aggregate** |"
echo "|---|---|---|---|---|---|---|---|---|"
cpu_rows=""
for n in "${sizes[@]}"; do
  d="${DATA:-$work}/gen$n"
  [ -f "$d/ledger.csv" ] || python3 bench/generate.py "$d" --lines "$n" >/dev/null
  PREPARE="rm -f '$work/k.db' '$work/k.db-wal' '$work/k.db-shm'; '$klynge' --db '$work/k.db' --quiet init" \
    measure sqlite "$klynge" --db "$work/k.db" --quiet import "$d"
  PREPARE="psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS bench WITH (FORCE)' -c 'CREATE DATABASE bench' >/dev/null 2>&1 && '$klynge' --db '$server/bench' --quiet init 2>/dev/null" \
    measure pg "$klynge" --db "$server/bench" --quiet import "$d"
  # The reports and the aggregate read the tables as a server keeps them after a large write: vacuumed and
  # analysed (autovacuum does it soon after; the first reader of rows just written otherwise pays for marking
  # them committed, and the planner has no statistics yet).
  psql -X -q -d bench -c "VACUUM ANALYZE" >/dev/null
  PREPARE="" measure funds "$klynge" --db "$server/bench" report funds --as-of $asof --format csv
  measure status "$klynge" --db "$server/bench" report status --as-of $asof --format csv
  measure agg psql -X -A -t -q -d bench -c "SELECT body, kind, sum(amount) FROM ledger WHERE date <= '$asof' GROUP BY body, kind"
  # Both backends give the same report, byte for byte.
  "$klynge" --db "$work/k.db" report funds --as-of $asof --format csv > "$work/funds.sqlite"
  "$klynge" --db "$server/bench" report funds --as-of $asof --format csv > "$work/funds.pg"
  cmp -s "$work/funds.sqlite" "$work/funds.pg" || { echo "bench: report funds differs between the backends at $n lines"; exit 1; }
  echo "| $n | $(secs "${T[sqlite]}") | $(secs "${T[pg]}") | **$(ratio "${T[pg]}" "${T[sqlite]}")** | $(secs "${T[funds]}") | $(secs "${T[status]}") | $(secs "${T[agg]}") | **$(ratio "${T[funds]}" "${T[agg]}")** | **$(ratio "${T[status]}" "${T[agg]}")** |"
  cpu_rows+="| $n | $(secs "${C[sqlite]}") | $(secs "${C[pg]}") | $(secs "${C[funds]}") | $(secs "${C[status]}") | $(secs "${C[agg]}") |"$'\n'
  [ -n "${DATA:-}" ] || rm -rf "$d"
done

# pg_from NAME TEMPLATE: a new database NAME on the server, a copy of TEMPLATE.
pg_from() {
  psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
    -c "CREATE DATABASE $1 TEMPLATE $2" >/dev/null
}
# sqlite_from NAME TEMPLATE: the same for SQLite files in $work.
sqlite_from() { cp "$work/$2.db" "$work/$1.db"; rm -f "$work/$1.db-wal" "$work/$1.db-shm"; }
writes_rows=""
for n in "${sizes[@]}"; do
  d="${DATA:-$work}/n$n${INITIATIVES:+-i$INITIATIVES}"
  [ -f "$d/spread/ledger.csv" ] || sheet "$d" "$n"
  rm -f "$work"/*.db*
  "$klynge" --db "$work/records.db" --quiet init
  "$klynge" --db "$work/records.db" --quiet import "$d/records" >/dev/null 2>"$work/err" || { echo "bench: records failed:"; cat "$work/err"; exit 1; }
  psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS records WITH (FORCE)" \
    -c "CREATE DATABASE records" >/dev/null
  "$klynge" --db "$server/records" --quiet init 2>/dev/null
  "$klynge" --db "$server/records" --quiet import "$d/records" >/dev/null 2>"$work/err" || { echo "bench: records failed:"; cat "$work/err"; exit 1; }
  for b in sqlite pg; do
    if [ $b = sqlite ]; then from=sqlite_from; db() { echo "$work/$1.db"; }; else from=pg_from; db() { echo "$server/$1"; }; fi
    PREPARE="$from sheet records" measure ${b}_first "$klynge" --db "$(db sheet)" --quiet import "$d/sheet"
    # Sent again right after the first import, as a secretariat does with next month's sheet.
    PREPARE="$from grown sheet" measure ${b}_grown "$klynge" --db "$(db grown)" --quiet import "$d/grown"
    [ $b = pg ] && psql -X -q -d grown -c "VACUUM ANALYZE" >/dev/null
    PREPARE="$from month grown" measure ${b}_after "$klynge" --db "$(db month)" --quiet import "$d/after"
    PREPARE="$from month grown" measure ${b}_spread "$klynge" --db "$(db month)" --quiet import "$d/spread"
  done
  # The same books on both backends after the spread month.
  "$klynge" --db "$work/month.db" report status --as-of $asof --format csv > "$work/status.sqlite"
  "$klynge" --db "$server/month" report status --as-of $asof --format csv > "$work/status.pg"
  cmp -s "$work/status.sqlite" "$work/status.pg" || { echo "bench: report status differs between the backends at $n lines"; exit 1; }
  writes_rows+="| $n | $(secs "${T[sqlite_first]}") | $(secs "${T[pg_first]}") | $(secs "${T[sqlite_grown]}") | $(secs "${T[pg_grown]}") | **$(ratio "${T[pg_grown]}" "${T[pg_first]}")** | $(secs "${T[sqlite_after]}") | $(secs "${T[pg_after]}") | **$(ratio "${T[pg_after]}" "${T[sqlite_after]}")** | $(secs "${T[sqlite_spread]}") | $(secs "${T[pg_spread]}") | **$(ratio "${T[pg_spread]}" "${T[sqlite_spread]}")** |"$'\n'
  [ -n "${DATA:-}" ] || rm -rf "$d"
done
echo
echo "Writes into a database that holds data (wall s): a running sheet's first import, the grown sheet (5,000 rows"
echo "more) right after it, and a month of 5,000 rows into the grown sheet's database, after its days and spread over them:"
echo
echo "| lines | sheet, SQLite | sheet, PostgreSQL | grown, SQLite | grown, PostgreSQL | **PostgreSQL: grown ÷ sheet** | month after, SQLite | month after, PostgreSQL | **PostgreSQL ÷ SQLite** | month spread, SQLite | month spread, PostgreSQL | **PostgreSQL ÷ SQLite** |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s' "$writes_rows"
echo
echo "Processor time of the klynge and psql processes (user + system; the server's own work is not in it, so these are"
echo "no ratios for the goals, only where the client spends its time):"
echo
echo "| lines | SQLite import s | PostgreSQL import s (client) | funds s (client) | status s (client) | psql s (client) |"
echo "|---|---|---|---|---|---|"
printf '%s' "$cpu_rows"
