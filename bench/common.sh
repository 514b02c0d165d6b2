# The helpers bench/run.sh and bench/revisions.sh share; sourced, not run. Before sourcing: `work` (a scratch
# folder) and `runs` (how many runs a measurement takes).

# measure NAME COMMAND...: into T[NAME] the median wall time in milliseconds of $runs runs, each after $PREPARE
# (evaluated, when set), into C[NAME] the median processor time (user + system) in milliseconds, and into M[NAME]
# the peak memory in MB (one decimal) of the last. On a machine shared with other work the wall time grows with the
# wait for a core; the processor time does not. A failing command stops the benchmark with its error output.
declare -A T C M
measure() {
  local name=$1; shift
  local times=() cpus=() t0 t1
  for _ in $(seq 1 "$runs"); do
    if [ -n "${PREPARE:-}" ]; then eval "$PREPARE"; fi
    t0=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$work/mem" "$@" >/dev/null 2>"$work/err" || { echo "bench: $name failed:"; cat "$work/err"; exit 1; }
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
    cpus+=($(tail -n 1 "$work/mem" | awk '{ printf "%d", ($2 + $3) * 1000 }'))
  done
  T[$name]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  C[$name]=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  M[$name]=$(tail -n 1 "$work/mem" | awk '{ printf "%.1f", $1 / 1024 }')
}

# ratio A B: A ÷ B to two decimals ("-" when B is 0); secs MS: milliseconds as seconds to three decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }'; }

# build_release: the release build of the CLI (tests off), its path in `klynge`; KLYNGE_BIN=PATH measures that
# binary instead (an earlier build kept for a before/after comparison) and builds nothing.
build_release() {
  if [ -n "${KLYNGE_BIN:-}" ]; then klynge=$(readlink -f "$KLYNGE_BIN"); return; fi
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKLYNGE_TESTS=OFF >/dev/null
  cmake --build build/release -j2 >/dev/null
  klynge=$(readlink -f build/release/cli/klynge)
}

# floor_scripts CSV COLUMNS ID REVERSES: the SQL for the floors under an import of the ledger file CSV (header line
# first, columns COLUMNS, comma-separated), written into $work and run by the sqlite3 shell:
# - import.sql, run on $work/bare.db: `.import` of CSV into a bare table `t` with no constraints or indexes;
# - floor.sql, run on a database holding the records: the same rows inserted (from bare.db) into klynge's own
#   ledger table, with its constraints and foreign keys but without klynge's checks, messages and running totals;
#   ID and REVERSES are the SQL of each row's id and reversed id (a sheet without ids: `'s' || rowid`, `NULL`);
# - floor_totals.sql: the same insert and, in the same transaction, the running totals summed by the statements
#   klynge runs for a first import (engine/src/sqlite/store_totals.cpp): the floor under any import that also
#   keeps the totals the reports read.
floor_scripts() {
  local csv=$1 columns=$2 id=$3 reverses=$4
  printf 'CREATE TABLE t(%s);\n.mode csv\n.import %s t\n' "$columns" "$csv" > "$work/import.sql"
  cat > "$work/floor.sql" <<SQL
PRAGMA foreign_keys = ON;
ATTACH '$work/bare.db' AS b;
BEGIN;
INSERT INTO ledger (id, date, kind, body, initiative, counterparty, category, source, amount, decision, reverses, note, origin)
  SELECT $id, date, kind, body, nullif(initiative, ''), nullif(counterparty, ''), category, source,
         CAST(replace(amount, '.', '') AS INTEGER), nullif(decision, ''), $reverses, note, 'sqlite3' FROM b.t WHERE rowid > 1;
COMMIT;
SQL
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
}
