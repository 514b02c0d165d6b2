#!/usr/bin/env bash
# Memory bounded by the limits of §9, whatever the input: an import of a 300 MB file with no line break, of a
# 50 MB quoted field made of short lines, and of one record of many quoted fields with line breaks must each be
# refused at the limit with a peak resident memory under 20 MB (measured by /usr/bin/time -v; memory, not time).
# Under AddressSanitizer the program's own floor is higher, so there the bound is 20 MB above the peak of an
# import of a two-line file.
# usage: memory_limits.sh KLYNGE EXAMPLES
set -u
klynge=$(readlink -f "$1")
examples=$(readlink -f "$2")
# shellcheck source=tests/robustness/common.sh
. "$(dirname "$0")/common.sh"
limit_kb=$((20 * 1024))
status=0

# peak_kb DIR: the peak resident memory (KiB) of importing DIR into a copy of base.db; the stderr is kept in DIR.err
peak_kb() {
  fresh_copy mem
  /usr/bin/time -v "$klynge" --db mem.db import "$1" >/dev/null 2>"$1.err"
  sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1.err"
}

mkdir small
printf 'date,kind,body,amount\n2025-07-01,receipt,vest,1.00\n' > small/ledger.csv
floor=$(peak_kb small)
if nm -C "$klynge" 2>/dev/null | grep -q __asan_init || ldd "$klynge" 2>/dev/null | grep -q libasan; then
  limit_kb=$((floor + 20 * 1024))
  echo "sanitized build: the bound is 20 MB above the floor of ${floor} KiB"
fi

mkdir one-line quoted-field quoted-fields
# 300 MB and no line break: the header line itself.
head -c 300000000 /dev/zero | tr '\0' x > one-line/ledger.csv
# One quoted field of 50 MB made of short lines (within the 64 KiB field limit only if the lines did not count).
{ printf 'id,date,kind,body,amount,note\nx,2025-07-01,receipt,vest,1.00,"'
  yes 'a short line inside one quoted note' | head -c 50000000
  printf '"\n'
} > quoted-field/ledger.csv
# One record of 50 MB: many quoted fields of two short lines each (each far below the field limit).
{ printf 'id,date,kind,body,amount,note\n'
  awk 'BEGIN { for (i = 0; i < 8400000; i++) printf "\"a\nb\"," }'
  printf '"end"\n'
} > quoted-fields/ledger.csv

for case in one-line quoted-field quoted-fields; do
  kb=$(peak_kb "$case")
  msg=$(grep -m1 'error' "$case.err")
  echo "$case: peak ${kb} KiB; $msg"
  case "$msg" in
    *"line longer than 1 MiB"* | *"field longer than 64 KiB"*) ;;
    *) echo "FAIL: $case was not refused at a limit"; status=1 ;;
  esac
  if [ -z "$kb" ] || [ "$kb" -ge "$limit_kb" ]; then
    echo "FAIL: $case peaked at ${kb:-?} KiB, the bound is ${limit_kb} KiB"
    status=1
  fi
  rm -f "$case/ledger.csv"
done
exit $status
