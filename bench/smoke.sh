#!/usr/bin/env bash
# The benchmark's figures agree: on generated data, the TOTAL of `klynge report funds` equals the same figures
# computed by sqlite3 from klynge's own ledger table, and by `ledger bal` and `hledger bal` on the same entries
# written as a journal. Compares figures, never times. A missing `ledger` or `hledger` is a failure
# (`scripts/setup.sh --with-tests` installs both).
#   smoke.sh KLYNGE [LINES]
set -euo pipefail
klynge=$(readlink -f "$1"); lines=${2:-10000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
python3 "$here/generate.py" data --lines "$lines" --journal books.journal >/dev/null
export KLYNGE_DB=bench.db
"$klynge" --quiet init
"$klynge" --quiet import data >/dev/null
asof=2025-12-31

# klynge: free, reserved and remaining of the TOTAL row.
read -r k_free k_reserved k_remaining < <("$klynge" report funds --as-of $asof --format csv |
  awk -F, '$1 == "TOTAL" { print $6, $5, $9 }')

# sqlite3 on klynge's own tables, straight from the ledger rows.
kr() {  # øre -> kroner with two decimals, in integer arithmetic
  local v=$1 sign=""
  [ "$v" -lt 0 ] && sign=- && v=$(( -v ))
  printf '%s%d.%02d' "$sign" $(( v / 100 )) $(( v % 100 ))
}
read -r o_free o_reserved o_remaining < <(sed "s/:asof/'$asof'/g" "$here/totals.sql" | sqlite3 -separator ' ' bench.db)
s_free=$(kr "$o_free"); s_reserved=$(kr "$o_reserved"); s_remaining=$(kr "$o_remaining")

# ledger and hledger on the same entries as a journal.
bal() {  # tool, account regex -> the total as kroner with two decimals
  case $1 in
    ledger) ledger -f books.journal -e 2026/01/01 bal "$2" | tail -n 1 ;;
    hledger) hledger -f books.journal bal -e 2026-01-01 "$2" | tail -n 1 ;;
  esac | awk '{ v = $1; gsub(/,/, "", v); printf "%.2f\n", v }'
}
status=0
check() {
  if [ "$2" != "$3" ]; then echo "$1: $2 != $3"; status=1; else echo "$1: $2 ok"; fi
}
check "free (klynge vs sqlite3)" "$k_free" "$s_free"
check "reserved (klynge vs sqlite3)" "$k_reserved" "$s_reserved"
check "remaining (klynge vs sqlite3)" "$k_remaining" "$s_remaining"
for tool in ledger hledger; do
  if ! command -v $tool >/dev/null; then
    echo "$tool: not installed, so its figures were not compared (scripts/setup.sh --with-tests installs it)"
    status=1; continue
  fi
  check "free (klynge vs $tool)" "$k_free" "$(bal $tool '^pool:.*:free$')"
  check "reserved (klynge vs $tool)" "$k_reserved" "$(bal $tool '^pool:.*:reserved$')"
  check "remaining (klynge vs $tool)" "$k_remaining" "$(bal $tool '^init:')"
done
# The running totals the reports read agree with a fresh sum of the ledger.
if "$klynge" --quiet check >/dev/null 2>check.err; then echo "running totals (klynge check): ok"; else
  echo "running totals (klynge check):"; grep error check.err; status=1; fi
exit $status
