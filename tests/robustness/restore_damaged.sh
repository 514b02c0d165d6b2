#!/usr/bin/env bash
# restore verifies before it replaces: a backup cut short at 20 points, and with one page of random bytes at 20
# of its pages in use (a free page holds nothing to damage), is refused every time (non-zero exit), the current
# database untouched and no copy kept; so is a sound file whose ledger was changed behind klynge's back (found by
# the chain, before the running totals); the sound backup then restores.
# usage: restore_damaged.sh KLYNGE EXAMPLES
set -u
klynge=$(readlink -f "$1")
examples=$(readlink -f "$2")
# shellcheck source=tests/robustness/common.sh
. "$(dirname "$0")/common.sh"
"$klynge" --db base.db import "$examples/syd" >/dev/null 2>&1 || { echo "import of syd failed"; exit 1; }
"$klynge" --db base.db backup good.db 2>/dev/null || { echo "backup failed"; exit 1; }
cp base.db current.db
before=$(sqlite3 current.db .dump | sha256sum)
size=$(stat -c %s good.db)
page_size=$(sqlite3 good.db 'PRAGMA page_size')
mapfile -t used < <(sqlite3 good.db 'SELECT DISTINCT pageno FROM dbstat ORDER BY pageno')
status=0

try() {  # try LABEL FILE: the restore must fail and leave current.db as it was
  if "$klynge" --db current.db restore "$2" >/dev/null 2>"$2.err"; then
    echo "FAIL: $1 was restored"
    status=1
    cp base.db current.db
  elif ! grep -q 'klynge: error: ' "$2.err"; then
    echo "FAIL: $1 was refused without a message: $(cat "$2.err")"
    status=1
  fi
  if [ "$(sqlite3 current.db .dump | sha256sum)" != "$before" ]; then
    echo "FAIL: $1 changed the current database"
    status=1
    cp base.db current.db
  fi
  if compgen -G 'current.db.before-restore-*' >/dev/null; then
    echo "FAIL: $1 kept a copy although nothing was replaced"
    status=1
    rm -f current.db.before-restore-*
  fi
}

for i in $(seq 1 20); do
  cut=$(( (size * i) / 21 + RANDOM % 97 ))
  head -c "$cut" good.db > cut.db
  try "the backup cut at byte $cut of $size" cut.db
done
echo "cut short at 20 points: checked"
count=${#used[@]}
for i in $(seq 1 20); do
  page=${used[$(( (count * i) / 21 ))]}
  cp good.db page.db
  head -c "$page_size" /dev/urandom > noise.bin
  dd if=noise.bin of=page.db bs="$page_size" seek=$((page - 1)) conv=notrunc status=none
  try "the backup with page $page of random bytes" page.db
done
echo "random bytes on 20 of the ${count} pages in use: checked"
# tampered FILE SQL: good.db with SQL run on its ledger, the append-only guards dropped and put back as they were
# (so that the schema is klynge's).
tampered() {
  cp good.db "$1"
  sqlite3 "$1" "SELECT sql || ';' FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'ledger'" > guards.sql
  sqlite3 "$1" "DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete; DROP TRIGGER ledger_no_replace; $2"
  sqlite3 "$1" < guards.sql
}
for change in "note:UPDATE ledger SET note = 'rewritten' WHERE seq = (SELECT min(seq) FROM ledger)" \
              "amount:UPDATE ledger SET amount = amount + 1 WHERE seq = (SELECT min(seq) FROM ledger)" \
              "last:DELETE FROM ledger WHERE seq = (SELECT max(seq) FROM ledger)"; do
  tampered "${change%%:*}.db" "${change#*:}"
  try "the backup with its ledger changed (${change%%:*})" "${change%%:*}.db"
  grep -q -e "ledger's chain breaks at entry" -e "its head was written after" "${change%%:*}.db.err" ||
    { echo "FAIL: the changed ledger (${change%%:*}) was not named by the chain: $(cat "${change%%:*}.db.err")"; status=1; }
done
echo "a ledger changed behind klynge's back: checked"
"$klynge" --db current.db restore good.db >/dev/null 2>&1 || { echo "FAIL: the sound backup was refused"; status=1; }
exit $status
