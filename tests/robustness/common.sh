# shellcheck shell=bash disable=SC2034,SC2154  # sourced: klynge and examples come from the caller, which uses here
# Shared by the robustness scripts (sourced): a scratch folder holding base.db, a database with examples/vest.
# Expects: klynge, examples; sets: here, work (removed on exit), and cds into it.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export KLYNGE_TODAY=2025-06-24
"$klynge" --db base.db init 2>/dev/null
"$klynge" --db base.db import "$examples/vest" >/dev/null 2>&1 || { echo "base import failed"; exit 1; }
# fresh_copy NAME: NAME.db starts as a copy of base.db
fresh_copy() {
  rm -f "$1.db" "$1.db-wal" "$1.db-shm"
  cp base.db "$1.db"
}

# run_kills NAME KLYNGE-ARGS...: runs the write once whole (to time it and to know its result), then KILLS times on
# a fresh copy of base.db with SIGKILL at points spread up to 1.1 × its duration (some land after it); afterwards
# the database must pass PRAGMA integrity_check and `klynge check`, and `state DB` (the caller's: what the write
# changes, as one line) must be as before the write or as after it. Sets none, all, finished; counts into bad.
bad=0
run_kills() {
  local name=$1; shift
  fresh_copy probe
  local before; before=$(state probe.db)
  local start; start=$(date +%s%N)
  "$klynge" --db probe.db "$@" >/dev/null 2>&1 || { echo "$name: the write failed"; bad=$((bad + 1)); return; }
  local duration_ns=$(( $(date +%s%N) - start ))
  local after; after=$(state probe.db)
  none=0 all=0 finished=0
  for i in $(seq 1 "$kills"); do
    fresh_copy run
    "$klynge" --db run.db "$@" >/dev/null 2>&1 &
    local pid=$!
    local delay_ns=$(( duration_ns * 11 * i / (10 * kills) ))
    sleep "$(printf '%d.%09d' $((delay_ns / 1000000000)) $((delay_ns % 1000000000)))"
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null; else finished=$((finished + 1)); fi
    wait "$pid" 2>/dev/null
    local integrity; integrity=$(sqlite3 run.db "PRAGMA integrity_check")
    local now; now=$(state run.db)
    if [ "$integrity" != ok ] || ! "$klynge" --db run.db --quiet check >/dev/null 2>&1; then
      echo "$name, kill point $i: the database is damaged ($integrity)"; bad=$((bad + 1))
    elif [ "$now" = "$before" ]; then none=$((none + 1))
    elif [ "$now" = "$after" ]; then all=$((all + 1))
    else echo "$name, kill point $i: $now, neither $before nor $after"; bad=$((bad + 1)); fi
  done
  echo "$name: kill points $kills; none of it: $none; all of it: $all (finished before the kill: $finished)"
}
