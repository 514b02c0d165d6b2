# The helpers of the scripts in bench/; sourced, not run. Before sourcing: `work` (a scratch
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

# floor_scripts CSV COLUMNS ID REVERSES [HASH]: the SQL for the floors under an import of the ledger file CSV (header line
# first, columns COLUMNS, comma-separated), written into $work and run by the sqlite3 shell:
# - import.sql, run on $work/bare.db: `.import` of CSV into a bare table `t` with no constraints or indexes;
# - floor.sql, run on a database holding the records: the same rows inserted (from bare.db) into klynge's own
#   ledger table, with its constraints and foreign keys but without klynge's checks, messages and running totals;
#   ID and REVERSES are the SQL of each row's id and reversed id (a sheet without ids: `'s' || rowid`, `NULL`),
#   HASH of its hash in the ledger's chain (default NULL: none);
# - floor_totals.sql: the same insert and, in the same transaction, the running totals summed by the statements
#   klynge runs for a first import (engine/src/sqlite/store_totals.cpp): the floor under any import that also
#   keeps the totals the reports read.
floor_scripts() {
  local csv=$1 columns=$2 id=$3 reverses=$4 hash=${5:-NULL}
  printf 'CREATE TABLE t(%s);\n.mode csv\n.import %s t\n' "$columns" "$csv" > "$work/import.sql"
  cat > "$work/floor.sql" <<SQL
PRAGMA foreign_keys = ON;
ATTACH '$work/bare.db' AS b;
BEGIN;
INSERT INTO ledger (id, date, kind, body, initiative, counterparty, category, source, amount, decision, reverses, note, origin, hash)
  SELECT $id, date, kind, body, nullif(initiative, ''), nullif(counterparty, ''), category, source,
         CAST(replace(amount, '.', '') AS INTEGER), nullif(decision, ''), $reverses, note, 'sqlite3', $hash FROM b.t WHERE rowid > 1;
COMMIT;
SQL
  sed 's/^COMMIT;$//' "$work/floor.sql" > "$work/floor_totals.sql"
  cat >> "$work/floor_totals.sql" <<'SQL'
INSERT INTO ledger_keys (body, initiative, counterparty, kind, category)
  SELECT DISTINCT body, ifnull(initiative, ''), ifnull(counterparty, ''), kind, category FROM ledger WHERE seq > 0 ON CONFLICT DO NOTHING;
INSERT INTO ledger_days (key, day, amount, entries, running)
  SELECT k.id, l.date, sum(iif(l.reverses IS NULL, l.amount, -l.amount)), count(*),
         sum(sum(iif(l.reverses IS NULL, l.amount, -l.amount))) OVER (PARTITION BY k.id, substr(l.date, 1, 4) ORDER BY l.date)
  FROM ledger l JOIN ledger_keys k ON k.body = l.body AND k.initiative = ifnull(l.initiative, '') AND
       k.counterparty = ifnull(l.counterparty, '') AND k.kind = l.kind AND k.category = l.category
  GROUP BY k.id, l.date;
INSERT INTO ledger_years (key, year, opening, total)
  SELECT key, year, sum(total) OVER (PARTITION BY key ORDER BY year) - total, total
  FROM (SELECT key, substr(day, 1, 4) AS year, sum(amount) AS total FROM ledger_days GROUP BY key, year);
COMMIT;
SQL
}

# month_floor_script CSV: into $work/month.sql the floor under importing CSV (a month of ledger rows without ids, the
# columns floor_scripts names) into a database that holds entries already, run by the sqlite3 shell on a copy of it:
# the rows inserted into klynge's ledger table with a random 16-hex-digit id and a random 64-hex-digit hash (as the
# content ids and the chain's hashes are: spread over their indexes), and the running totals brought up to date by
# the statements klynge runs for such a write (engine/src/sqlite/store_totals.cpp): the new keys, each new day
# appended after its key's last, or merged among its stored days and the key's running sums in that year summed
# again from there, and the key's years (schema 13): their totals, and their openings from the first new year on.
# No parsing, checks, revisions or warnings: what SQLite itself needs to put the month into a database of that size.
month_floor_script() {
  local csv=$1
  printf 'CREATE TABLE t(date,kind,body,initiative,counterparty,category,source,amount,decision,note);\n.mode csv\n.import %s t\n' "$csv" > "$work/month_import.sql"
  cat > "$work/month.sql" <<SQL
PRAGMA foreign_keys = ON;
ATTACH '$work/month_bare.db' AS b;
BEGIN;
CREATE TEMP TABLE mark AS SELECT max(seq) AS s FROM ledger;
INSERT INTO ledger (id, date, kind, body, initiative, counterparty, category, source, amount, decision, reverses, note, origin, hash, revision)
  SELECT 'ledger-' || lower(hex(randomblob(8))), date, kind, body, nullif(initiative, ''), nullif(counterparty, ''), category,
         source, CAST(replace(amount, '.', '') AS INTEGER), nullif(decision, ''), NULL, note, 'sqlite3',
         lower(hex(randomblob(32))), 1000 FROM b.t WHERE rowid > 1;
INSERT INTO ledger_keys (body, initiative, counterparty, kind, category)
  SELECT DISTINCT body, ifnull(initiative, ''), ifnull(counterparty, ''), kind, category FROM ledger
  WHERE seq > (SELECT s FROM temp.mark) ON CONFLICT DO NOTHING;
CREATE TEMP TABLE n (key INTEGER, day TEXT, amount INTEGER, entries INTEGER, PRIMARY KEY (key, day)) WITHOUT ROWID;
INSERT INTO temp.n SELECT k.id, l.date, sum(l.amount), count(*) FROM ledger l JOIN ledger_keys k
  ON k.body = l.body AND k.initiative = ifnull(l.initiative, '') AND k.counterparty = ifnull(l.counterparty, '') AND
     k.kind = l.kind AND k.category = l.category
  WHERE l.seq > (SELECT s FROM temp.mark) GROUP BY k.id, l.date;
CREATE TEMP TABLE nk (key INTEGER PRIMARY KEY, first TEXT, last TEXT, base INTEGER, appended INTEGER);
INSERT INTO temp.nk (key, first) SELECT key, min(day) FROM temp.n GROUP BY key;
UPDATE temp.nk SET (last, base) = (SELECT d.day, d.running FROM ledger_days d WHERE d.key = nk.key ORDER BY d.day DESC LIMIT 1);
UPDATE temp.nk SET appended = last IS NULL OR last < first;
INSERT INTO ledger_days (key, day, amount, entries, running)
  SELECT n.key, n.day, n.amount, n.entries, iif(substr(n.day, 1, 4) = substr(t.last, 1, 4), t.base, 0) +
         sum(n.amount) OVER (PARTITION BY n.key, substr(n.day, 1, 4) ORDER BY n.day)
  FROM temp.n n JOIN temp.nk t ON t.key = n.key WHERE t.appended;
INSERT INTO ledger_days (key, day, amount, entries, running)
  SELECT n.key, n.day, n.amount, n.entries, 0 FROM temp.n n JOIN temp.nk t ON t.key = n.key WHERE NOT t.appended
  ON CONFLICT (key, day) DO UPDATE SET amount = amount + excluded.amount, entries = entries + excluded.entries;
CREATE TEMP TABLE ny (key INTEGER, year TEXT, first TEXT, PRIMARY KEY (key, year)) WITHOUT ROWID;
INSERT INTO temp.ny SELECT n.key, substr(n.day, 1, 4), min(n.day) FROM temp.n n JOIN temp.nk t ON t.key = n.key
  WHERE NOT t.appended GROUP BY n.key, substr(n.day, 1, 4);
UPDATE ledger_days SET running = w.running
  FROM (SELECT d.key, d.day, y.first, sum(d.amount) OVER (PARTITION BY d.key, y.year ORDER BY d.day) AS running
        FROM temp.ny y CROSS JOIN ledger_days d ON d.key = y.key AND d.day BETWEEN y.year || '-01-01' AND y.year || '-12-31') AS w
  WHERE ledger_days.key = w.key AND ledger_days.day = w.day AND ledger_days.day >= w.first;
INSERT INTO ledger_years (key, year, opening, total)
  SELECT key, substr(day, 1, 4), 0, sum(amount) FROM temp.n GROUP BY key, substr(day, 1, 4)
  ON CONFLICT (key, year) DO UPDATE SET total = total + excluded.total;
UPDATE ledger_years SET opening = w.opening
  FROM (SELECT y.key, y.year, substr(t.first, 1, 4) AS since, first_value(y.opening) OVER k + sum(y.total) OVER k - y.total AS opening
        FROM temp.nk t CROSS JOIN ledger_years y ON y.key = t.key AND y.year >=
          ifnull((SELECT max(p.year) FROM ledger_years p WHERE p.key = t.key AND p.year < substr(t.first, 1, 4)), substr(t.first, 1, 4))
        WINDOW k AS (PARTITION BY y.key ORDER BY y.year)) AS w
  WHERE ledger_years.key = w.key AND ledger_years.year = w.year AND ledger_years.year >= w.since
  AND ledger_years.opening <> w.opening;
COMMIT;
SQL
  rm -f "$work/month_bare.db"; sqlite3 "$work/month_bare.db" < "$work/month_import.sql"
}

# sheet DIR N: the generated data set of N lines as records (DIR/records) and its ledger as a running sheet without
# ids (reversals left out: they name ids): DIR/sheet (all but the last 5,000 rows by date), DIR/grown (all), and
# months of 5,000 expenses (the stored rows' keys, other amounts): DIR/after (in January 2028, after every stored
# row: the generator's last is in December 2027) and DIR/spread (on the stored rows' days, 2022-2027).
sheet() {
  python3 bench/generate.py "$1/gen" --lines "$2" ${INITIATIVES:+--initiatives "$INITIATIVES"} >/dev/null
  mkdir -p "$1/records" "$1/sheet" "$1/grown" "$1/after" "$1/spread"
  cp "$1/gen"/*.csv "$1/records/" && rm "$1/records/ledger.csv"
  python3 - "$1" <<'PY'
import csv, os, random, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(d, "gen", "ledger.csv"), encoding="utf-8")))
rows = [r for r in rows if not r.get("reverses")]
rows.sort(key=lambda r: r["date"])
cols = [c for c in rows[0].keys() if c not in ("id", "reverses")]
def write(name, rs):
    with open(os.path.join(d, name, "ledger.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n"); w.writerow(cols); w.writerows([[r[c] for c in cols] for r in rs])
write("sheet", rows[:-5000]); write("grown", rows)
random.seed(3)
expenses = [r for r in rows if r["kind"] == "expense"]
# Other amounts than the sampled rows', so that the month's rows are new content, not repeats of the sheet's.
month = [dict(r, amount=f"{random.randint(10000, 999999) / 100:.2f}", note="month") for r in random.sample(expenses, 5000)]
write("spread", month)
write("after", [dict(r, date="2028-01-" + min(r["date"][8:10], "28")) for r in month])
PY
}
