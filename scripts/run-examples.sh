#!/usr/bin/env bash
# The main job on the bundled examples: sets up, builds, imports every example set into a fresh database,
# prints what a steering group would look at, and writes the CSV files for Danish Excel into a folder.
#   bash scripts/run-examples.sh [OUT_DIR]     (default: out/)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out}
bash scripts/setup.sh >/dev/null
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKLYNGE_TESTS=OFF >/dev/null
cmake --build build/release -j2 >/dev/null
klynge=build/release/cli/klynge

rm -rf "$out"
mkdir -p "$out/excel"
export KLYNGE_DB="$out/klynge.db"
$klynge --quiet init
for set in sonderjylland vest syd nsr-slagelse; do
  $klynge --quiet import "examples/$set" >/dev/null
done
# Vest's running ledger sheet, imported at the end of July and again, grown, at the end of August: the second
# import adds only the rows that are new (examples/vest-sheet/README.md).
printf '\n== Vest: the running sheet of the project leader, imported in July and again in August\n\n'
$klynge import examples/vest-sheet/juli
$klynge import examples/vest-sheet/august

show() {  # title, then the report arguments
  local title=$1; shift
  printf '\n== %s\n   klynge report %s\n\n' "$title" "$*"
  $klynge report "$@" --format table
}

show "Sønderjylland: free cluster funds before the meeting of 04-03-2024" funds --body sonderjylland --as-of 2024-03-03
show "Sønderjylland: after the decision to reserve the remaining funds" funds --body sonderjylland --as-of 2024-03-04
show "The joint health-economic evaluation of Kom Trygt Hjem" coverage --initiative kth-eval --as-of 2024-03-04
show "Vest: Indlæggelse Hjemme, money against estimated costs 01-06-2025..31-05-2026" \
  coverage --initiative indlaeggelse-hjemme --from 2025-06-01 --to 2026-05-31 --as-of 2025-06-24
show "Vest: the transition of Indlæggelse Hjemme" timeline --body vest --as-of 2025-06-24
show "Hand-over to Sundhedsråd Limfjorden" handover --body limfjorden --as-of 2025-06-24
show "What each municipality of Limfjorden would pay toward the gap of 2026 (a key by population; the example's assumption)" \
  sharing --key limfjorden-2026 --initiative indlaeggelse-hjemme --as-of 2025-06-24
show "Status of every initiative on 24-06-2025" status --as-of 2025-06-24
show "Every initiative at the dissolution of the clusters" timeline --as-of 2025-12-31
show "Vest: what changed since the July sheet (revision 5), as of 31-08-2025" changes --since 5 --as-of 2025-08-31 --body vest

# The same reports as CSV for Danish Excel (';', decimal comma, dd-mm-åååå, BOM, CRLF).
$klynge report funds --as-of 2024-03-04 --format csv-da --out "$out/excel/funds-2024-03-04.csv"
$klynge report coverage --as-of 2025-06-24 --from 2025-06-01 --to 2026-05-31 --initiative indlaeggelse-hjemme \
  --format csv-da --out "$out/excel/coverage-indlaeggelse-hjemme.csv"
$klynge report coverage --as-of 2024-03-04 --initiative kth-eval --format csv-da --out "$out/excel/coverage-kth-eval.csv"
for r in status timeline handover decisions; do
  $klynge report "$r" --as-of 2025-06-24 --format csv-da --out "$out/excel/$r-2025-06-24.csv"
done
$klynge report variance --as-of 2025-06-24 --format csv-da --out "$out/excel/variance-2025-06-24.csv"
$klynge report sharing --key limfjorden-2026 --initiative indlaeggelse-hjemme --as-of 2025-06-24 --format csv-da --out "$out/excel/sharing-limfjorden-2026.csv"
# The meeting packs: every initiative, and Vest's steering group, as of the meeting of 24-06-2025.
$klynge --quiet pack --as-of 2025-06-24 --out "$out/pack"
$klynge --quiet pack --as-of 2025-06-24 --group vest-fsn --out "$out/pack-vest"
printf '\nMeeting packs (pack.xlsx, pack.html, csv-da): %s/pack/ and %s/pack-vest/\n' "$out" "$out"
printf '\nCSV files for Excel: %s/excel/\n' "$out"
ls "$out/excel"
printf 'Database: %s (try: KLYNGE_DB=%s %s report status --format table)\n' "$KLYNGE_DB" "$KLYNGE_DB" "$klynge"
