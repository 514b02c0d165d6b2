#!/usr/bin/env bash
# A database in a folder its reader may not write (a copy of the books on a read-only share): SQLite in WAL mode
# cannot create its -shm and -wal files there, and klynge then reads the file as it lies. Reports, list and check
# give what they gave the writer; a write is refused with a message (exit 3) and nothing appears beside the file.
# Run as an unprivileged user (nobody, through runuser, when the tests run as root: root may write anywhere).
set -uo pipefail
klynge_bin=$1
examples=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
chmod 755 "$work"
cp "$klynge_bin" "$work/klynge"
mkdir "$work/books" "$work/share"
export KLYNGE_TODAY=2025-12-31
"$work/klynge" --db "$work/books/books.db" init >/dev/null 2>&1
"$work/klynge" --db "$work/books/books.db" import "$examples/vest" >/dev/null 2>&1
funds=$("$work/klynge" --db "$work/books/books.db" report funds --format csv)
ledger=$("$work/klynge" --db "$work/books/books.db" list ledger --format csv)
status=0
fail() { echo "FAIL: $*"; status=1; }
[ -n "$funds" ] || fail "no funds report from the writer"
# The file alone is put on the share (as a copy or a backup is): SQLite's -shm and -wal are not there.
db="$work/share/books.db"
cp "$work/books/books.db" "$db"
chmod 555 "$work/share"
chmod 444 "$db"
as_reader() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
cd /tmp || exit 1
got=$(as_reader env HOME=/tmp "$work/klynge" --db "$db" report funds --format csv 2>&1)
[ "$got" = "$funds" ] || fail "report funds read from the share: '$got'"
got=$(as_reader env HOME=/tmp "$work/klynge" --db "$db" list ledger --format csv 2>&1)
[ "$got" = "$ledger" ] || fail "list ledger read from the share: '$got'"
got=$(as_reader env HOME=/tmp "$work/klynge" --db "$db" check 2>&1)
[ $? -eq 0 ] || fail "check on the share: '$got'"
got=$(as_reader env HOME=/tmp "$work/klynge" --db "$db" add entry --date 2025-07-01 --kind receipt --body vest \
      --source klyngemidler --amount 1,00 2>&1)
code=$?
[ $code -eq 3 ] || fail "a write on the share exited $code, not 3: '$got'"
case "$got" in *"klynge: error: "*"books.db"*) ;; *) fail "a write on the share said: '$got'" ;; esac
leftover=$(ls "$work/share")
[ "$leftover" = "books.db" ] || fail "files beside the database: $leftover"
after=$(as_reader env HOME=/tmp "$work/klynge" --db "$db" list ledger --format csv 2>&1)
[ "$after" = "$ledger" ] || fail "the ledger changed"
cmp -s "$db" "$work/books/books.db" || fail "the file on the share changed"
[ $status -eq 0 ] && echo "read-only folder: reports, list and check read the database; a write is refused (exit 3)"
exit $status
