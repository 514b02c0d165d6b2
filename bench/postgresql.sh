#!/usr/bin/env bash
# Benchmarks klynge on PostgreSQL (design §14, a council's shared database) as ratios measured in one run:
# - the import of the generated data of N lines into a new PostgreSQL database against the same import into a new
#   SQLite file (goal: at most 2);
# - `report funds` and `report status` on PostgreSQL against PostgreSQL's own full-scan aggregate over the same
#   rows by psql (goal: at most 1: the running totals keep the reports near flat there too).
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
echo
echo "Processor time of the klynge and psql processes (user + system; the server's own work is not in it, so these are"
echo "no ratios for the goals, only where the client spends its time):"
echo
echo "| lines | SQLite import s | PostgreSQL import s (client) | funds s (client) | status s (client) | psql s (client) |"
echo "|---|---|---|---|---|---|"
printf '%s' "$cpu_rows"
