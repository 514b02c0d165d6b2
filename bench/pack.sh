#!/usr/bin/env bash
# The meeting pack at scale: `klynge pack --group G` against the reports it holds, each run alone with the same
# filter and date (`report NAME --group G --format csv-da`). The pack computes all seven from one snapshot and
# writes a workbook and a page besides, so it should take no longer than its slowest report times the number of
# reports; the ratio `pack ÷ (slowest × reports)` is what counts (at most 1), and `pack ÷ sum of the reports`
# says what the shared snapshot saves. G is one cluster's strategic group (its project group below it holds the
# cluster's initiatives: 1/21 of them).
#   bash bench/pack.sh [LINES] [BUILD]   (default 1000000 and build/release; RUNS=3 for the median)
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
build=${2:-build/release}
runs=${RUNS:-3}
if [ "$build" = build/release ]; then
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKLYNGE_TESTS=OFF >/dev/null
  cmake --build build/release -j2 --target klynge >/dev/null
fi
klynge=$(readlink -f "$build/cli/klynge")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source bench/common.sh
asof=2025-12-31
python3 bench/generate.py "$work/data" --lines "$lines" >/dev/null
"$klynge" --db "$work/k.db" --quiet init
"$klynge" --db "$work/k.db" --quiet import "$work/data" >/dev/null
group=$(awk -F, '$4 == "strategic" { print $1; exit }' "$work/data/groups.csv")

reports=(funds status variance coverage timeline handover decisions)
for r in "${reports[@]}"; do
  PREPARE="rm -rf '$work/pack'" measure "$r" "$klynge" --db "$work/k.db" report "$r" --group "$group" --as-of $asof --format csv-da
done
PREPARE="rm -rf '$work/pack'" measure pack "$klynge" --db "$work/k.db" --quiet pack --group "$group" --as-of $asof --out "$work/pack"
slowest=0; slowest_name=; sum=0
for r in "${reports[@]}"; do
  sum=$(( sum + T[$r] ))
  if [ "${T[$r]}" -gt "$slowest" ]; then slowest=${T[$r]}; slowest_name=$r; fi
done
echo "# klynge pack benchmark, $(date -u +%Y-%m-%d), $lines lines, group $group, runs: $runs (median)"
echo "| lines | $(printf '%s s | ' "${reports[@]}")pack s | slowest report | **pack ÷ (slowest × ${#reports[@]})** | pack ÷ sum of reports |"
echo "|---|$(printf -- '---|%.0s' "${reports[@]}")---|---|---|---|"
row="| $lines | "
for r in "${reports[@]}"; do row+="$(secs "${T[$r]}") | "; done
row+="$(secs "${T[pack]}") | $slowest_name | **$(ratio "${T[pack]}" $(( slowest * ${#reports[@]} )))** | $(ratio "${T[pack]}" "$sum") |"
echo "$row"
