#!/usr/bin/env bash
# Runs one golden case of tests/cli (or tests/examples) against PostgreSQL: the same `cmd`, the same expected stdout,
# stderr and exit code as on SQLite, byte for byte. The case gets a database of its own on the test server
# (tests/pg/server.sh), made for it and dropped after it, as KLYNGE_DB; where the output names the database, the
# server's address is written as the SQLite case's `klynge.db` before the comparison (the only difference allowed).
# `sqlite3 klynge.db .dump` (a case showing that nothing changed) is answered by tests/pg/shim/sqlite3 from the
# server; a case that uses the SQLite file in any other way is not run here (tests/pg/golden_excluded.txt).
#   run_golden_pg.sh KLYNGE STATE CASE_DIR
set -u
klynge=$1 state=$2 case_dir=$3
port=$(cat "$state/port") || { echo "run_golden_pg.sh: no test server (tests/pg/server.sh start $state)"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
db="g_$(basename "$(dirname "$case_dir")")_$(basename "$case_dir" | tr -c 'a-z0-9\n' '_')_$$"
db=$(echo "$db" | tr -c 'a-z0-9_\n' '_' | cut -c1-60)
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=$db PGPASSWORD=$(cat "$state/password")
psql -X -q -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null || exit 1
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null' EXIT
export PATH="$here/shim:$PATH"
export KLYNGE_GOLDEN_DB="postgresql://postgres@127.0.0.1:$port/$db"
export KLYNGE_GOLDEN_FILTER="s#postgresql://postgres@127\.0\.0\.1:$port/$db#klynge.db#g"
bash "$here/../run_golden.sh" "$klynge" "$case_dir"
