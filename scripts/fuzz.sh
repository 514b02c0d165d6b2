#!/usr/bin/env bash
# Builds the fuzz targets with clang's libFuzzer (and ASan/UBSan) and runs each for SECONDS (default 600),
# then merges what it found into the minimised corpus in fuzz/corpus/NAME. Crashing inputs are written to
# fuzz/crashes/; after the fix, keep each one in fuzz/corpus/NAME as a regression case.
#   bash scripts/fuzz.sh [SECONDS] [csv money date import ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(csv money date import)
bash scripts/setup.sh >/dev/null
command -v clang++ >/dev/null || { echo "fuzz: clang++ is needed (apt-get install clang)" >&2; exit 1; }
CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKLYNGE_FUZZ=ON \
  -DKLYNGE_SANITIZE=ON -DKLYNGE_TESTS=OFF >/dev/null
# The build's output is shown only when it fails.
build_log=$(mktemp)
targets=()
for name in "${names[@]}"; do targets+=("fuzz_$name"); done
cmake --build build/fuzz -j2 --target "${targets[@]}" >"$build_log" 2>&1 ||
  { tail -n 40 "$build_log"; echo "fuzz: the build failed" >&2; exit 1; }
rm -f "$build_log"
mkdir -p fuzz/crashes
for name in "${names[@]}"; do
  work=$(mktemp -d)
  cp fuzz/corpus/"$name"/* "$work"/
  echo "fuzz: $name for ${seconds}s"
  build/fuzz/fuzz/fuzz_"$name" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix=fuzz/crashes/"$name"- -print_final_stats=1 "$work" 2>&1 | tail -n 12
  merged=$(mktemp -d)
  build/fuzz/fuzz/fuzz_"$name" -merge=1 "$merged" fuzz/corpus/"$name" "$work" >/dev/null 2>&1
  # Inputs kept by name (regression-*: what a crash was found with) stay as they are; the merge renames by hash.
  keep=$(mktemp -d)
  cp fuzz/corpus/"$name"/regression-* "$keep"/ 2>/dev/null || true
  rm -rf fuzz/corpus/"$name" && mkdir -p fuzz/corpus/"$name" && cp "$merged"/* fuzz/corpus/"$name"/
  for kept in "$keep"/*; do
    [ -e "$kept" ] || continue
    rm -f fuzz/corpus/"$name"/"$(sha1sum "$kept" | cut -c1-40)"
    cp "$kept" fuzz/corpus/"$name"/
  done
  rm -rf "$keep"
  echo "fuzz: $name corpus now $(find fuzz/corpus/"$name" -type f | wc -l) inputs"
  rm -rf "$work" "$merged"
done
