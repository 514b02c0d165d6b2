#!/usr/bin/env bash
# Memory bounded by the limits of §9, whatever the input: an import of a 300 MB file with no line break, of a
# 50 MB quoted field made of short lines, of one record of many small quoted fields with line breaks, and of one
# of quoted fields of 1 KiB with line breaks must each be refused at a limit of the reader (a line over 1 MiB, a
# field over 64 KiB, more than 1024 fields on a line) with a peak resident memory under 20 MB (measured by
# /usr/bin/time -v; memory, not time), the floor (an import of a two-line file) printed for comparison: the reader
# holds at most one line of 1 MiB in 1024 fields. The program measured is one built without sanitizers (a process
# under AddressSanitizer starts at some 130 MB, a debug build at some 19 MB): tests/CMakeLists.txt builds a plain
# release copy when the tests are built either way, and this script refuses a sanitized program rather than measure it.
# usage: memory_limits.sh KLYNGE EXAMPLES
set -u
klynge=$(readlink -f "$1")
examples=$(readlink -f "$2")
# shellcheck source=tests/robustness/common.sh
. "$(dirname "$0")/common.sh"
limit_kb=$((20 * 1024))
status=0

# peak_kb ERR KLYNGE-ARGS...: the peak resident memory (KiB) of the command; its stderr is kept in ERR
peak_kb() {
  local err=$1; shift
  /usr/bin/time -v "$klynge" "$@" >/dev/null 2>"$err"
  sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$err"
}

# judge NAME KB ERR PATTERN: the command was refused with a message matching PATTERN (grep -E), under the bound
judge() {
  local msg; msg=$(grep -m1 'error' "$3")
  echo "$1: peak ${2} KiB; $msg"
  grep -qE "$4" <<<"$msg" || { echo "FAIL: $1 was not refused at a limit"; status=1; }
  if [ -z "$2" ] || [ "$2" -ge "$limit_kb" ]; then
    echo "FAIL: $1 peaked at ${2:-?} KiB, the bound is ${limit_kb} KiB"
    status=1
  fi
}

mkdir small
printf 'date,kind,body,amount\n2025-07-01,receipt,vest,1.00\n' > small/ledger.csv
if nm -D "$klynge" 2>/dev/null | grep -q __asan_init || ldd "$klynge" 2>/dev/null | grep -q -e libasan -e libtsan -e libmsan; then
  echo "FAIL: $klynge is built with a sanitizer: its memory is not the program's (build one without)"
  exit 1
fi
fresh_copy mem
floor=$(peak_kb small.err --db mem.db import small)
echo "floor (an import of a two-line file): ${floor} KiB; the bound: ${limit_kb} KiB"

mkdir one-line quoted-field quoted-fields quoted-lines
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
# One record of quoted fields of 1 KiB holding a line break each: it reaches the line limit before the field count.
{ printf 'id,date,kind,body,amount,note\n'
  awk 'BEGIN { s = sprintf("%1100s", ""); gsub(/ /, "a", s); for (i = 0; i < 2000; i++) printf "\"%s\nb\",", s }'
  printf '"end"\n'
} > quoted-lines/ledger.csv

# verify reads an export's files as bounded as import does: a head file and a chain file that are each the 300 MB
# line (links to it) are refused without being read whole.
"$klynge" --db base.db --quiet export exported
for file in ledger-head.txt ledger-chain.txt; do
  rm -rf "verify-$file" && cp -R exported "verify-$file"
  ln -sf "$work/one-line/ledger.csv" "verify-$file/$file"
  judge "verify, $file of 300 MB" "$(peak_kb "verify-$file.err" verify "verify-$file")" "verify-$file.err" \
    "not a head|not a hash"
done

for case in one-line quoted-field quoted-fields quoted-lines; do
  fresh_copy mem
  judge "$case" "$(peak_kb "$case.err" --db mem.db import "$case")" "$case.err" \
    "line longer than 1 MiB|field longer than 64 KiB|more than 1024 fields on one line"
  rm -f "$case/ledger.csv"
done
exit $status
