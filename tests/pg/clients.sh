# Sourced by the tests that run many clients against the test server (concurrency.sh, snapshot.sh), after
# `klynge=… state=…`: the server's address for psql and klynge, a writer's patience raised for the test, a fixed
# today, and a work folder. NAME is the script's name, for its message when no server runs.
port=$(cat "$state/port") || { echo "$NAME: no test server"; exit 1; }
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGPASSWORD=$(cat "$state/password")
export KLYNGE_BUSY_TIMEOUT_MS=120000 KLYNGE_TODAY=2026-11-25 TZ=UTC LC_ALL=C.UTF-8
work=$(mktemp -d)
