#!/usr/bin/env bash
# Runs one golden case against the test server (tests/pg/server.sh): in a database of its own, made for it and
# dropped after it, named by KLYNGE_DB (postgresql://postgres@127.0.0.1:PORT/DB) and by PGHOST, PGPORT, PGUSER and
# PGDATABASE for psql; the password of the user postgres is in PGPASSWORD. The server's address is written HOST:PORT/DB in what is compared (its port varies).
#   run_case.sh KLYNGE STATE CASE_DIR
set -u
klynge=$1 state=$2 case_dir=$3
port=$(cat "$state/port") || { echo "run_case.sh: no test server (tests/pg/server.sh start $state)"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
db="k_$(basename "$case_dir" | tr -c 'a-z0-9\n' '_')_$$"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=$db PGPASSWORD=$(cat "$state/password")
psql -X -q -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null || exit 1
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null' EXIT
export KLYNGE_GOLDEN_DB="postgresql://postgres@127.0.0.1:$port/$db"
export KLYNGE_GOLDEN_FILTER="s#127\.0\.0\.1:$port/$db#HOST:PORT/DB#g; s#127\.0\.0\.1:$port/#HOST:PORT/#g; s#port $port #port PORT #g; s#\"$db\"#\"DB\"#g"
bash "$here/../run_golden.sh" "$klynge" "$case_dir"
