#!/usr/bin/env bash
# Kills each kind of write that revisions brought — a grown running sheet imported again (sync), `undo` of a large
# import, `undo` of an import that brought its own body and initiative (kept in place, retired, for its entries),
# `reverse`, and `import --correct` — with SIGKILL at KILLS points spread over it, and shows that afterwards the
# database passes PRAGMA integrity_check and `klynge check`, and is either as before the write or as after it (the
# ledger, the revisions, the earlier versions of records and the records kept retired all counted).
#   kill_writes.sh KLYNGE EXAMPLES [KILLS] [ROWS]
set -u
klynge=$(readlink -f "$1"); examples=$(readlink -f "$2"); kills=${3:-12}; rows=${4:-8000}
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "$0")/common.sh"

# A running sheet of ROWS rows without ids, and the same sheet grown by ROWS/4 rows.
python3 - "$rows" <<'PY'
import os, random, sys
n = int(sys.argv[1]); random.seed(7)
rows = [f"2025-{random.randint(7, 12):02d}-{random.randint(1, 28):02d},expense,vest,indlaeggelse-hjemme,løn,"
        f"{random.randint(1, 99999)}.{random.randint(0, 99):02d}" for _ in range(n + n // 4)]
for name, k in (("sheet", n), ("grown", n + n // 4)):
    os.makedirs(name, exist_ok=True)
    with open(os.path.join(name, "ledger.csv"), "w", encoding="utf-8") as f:
        f.write("date,kind,body,initiative,category,amount\n" + "\n".join(rows[:k]) + "\n")
PY
mkdir -p fix nord
printf 'id,kind,name\nnord,cluster,Nord\n' > nord/bodies.csv
printf 'id,body,name,status\nnord-1,nord,Nord 1,active\n' > nord/initiatives.csv
{ echo "date,kind,body,initiative,category,amount"; echo "2025-01-02,receipt,nord,,,9000000.00"
  for i in $(seq 1 $((rows / 2))); do printf '2025-%02d-%02d,expense,nord,nord-1,løn,%d.00\n' $((i % 9 + 1)) $((i % 27 + 1)) "$i"; done
} > nord/ledger.csv
printf 'initiative,category,from,to,amount,estimated_on\nindlaeggelse-hjemme,løn,2025-06-01,2026-05-31,290000.00,2025-06-24\n' > fix/estimates.csv
"$klynge" --db base.db import sheet >/dev/null 2>&1 || { echo "sheet import failed"; exit 1; }
sheet_revision=$(sqlite3 base.db "SELECT max(number) FROM revisions")
first=$(sqlite3 base.db "SELECT id FROM ledger WHERE sheet_file IS NOT NULL ORDER BY seq LIMIT 1")
"$klynge" --db base.db import nord >/dev/null 2>&1 || { echo "nord import failed"; exit 1; }
nord_revision=$(sqlite3 base.db "SELECT max(number) FROM revisions")

state() {  # what a write changes, as one line
  sqlite3 "$1" "SELECT (SELECT count(*) FROM ledger) || '/' || (SELECT count(*) FROM revisions) || '/' ||
    (SELECT count(*) FROM record_versions) || '/' || (SELECT coalesce(sum(amount), 0) FROM estimates) || '/' ||
    (SELECT coalesce(sum(running), 0) FROM ledger_days) || '/' || (SELECT coalesce(sum(opening + total), 0) FROM ledger_years) ||
    '/' || (SELECT count(*) FROM bodies WHERE retired IS NOT NULL) || '/' || (SELECT count(*) FROM initiatives WHERE retired IS NOT NULL)"
}

run_kills "sync import of a grown sheet" import grown
run_kills "undo of the sheet's import" undo "$sheet_revision"
run_kills "undo of an import with its own body" undo "$nord_revision"
run_kills "reverse" reverse "$first"
run_kills "import --correct" import fix --correct
echo "damaged or partial: $bad"
[ "$bad" = 0 ]
