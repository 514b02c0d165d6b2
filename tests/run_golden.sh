#!/usr/bin/env bash
# Runs one golden case: copies the case folder to a scratch folder, runs its `cmd` with `klynge` on the PATH,
# a fixed today and a fresh database, and compares stdout, stderr and the exit code with the expected files.
# UPDATE_GOLDEN=1 writes the expected files instead (review the diff before committing it).
# KLYNGE_GOLDEN_DB names another database than ./klynge.db (a server's, tests/pg/run_case.sh), and
# KLYNGE_GOLDEN_FILTER a sed script applied to stdout and stderr before they are compared (a server's port varies).
set -u
klynge=$(readlink -f "$1")
case_dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$case_dir"/. "$work"/
rm -f "$work"/stdout "$work"/stderr "$work"/exit
bin=$(mktemp -d)
trap 'rm -rf "$work" "$bin"' EXIT
ln -s "$klynge" "$bin/klynge"
cd "$work" || exit 1
export PATH="$bin:$PATH" KLYNGE_DB="${KLYNGE_GOLDEN_DB:-klynge.db}" KLYNGE_TODAY="${KLYNGE_TODAY_OVERRIDE:-2026-11-25}" TZ=UTC LC_ALL=C.UTF-8
# Revisions record when and who: fixed, so that history and "known (revision R, DATE)" read the same every run.
export KLYNGE_NOW="${KLYNGE_NOW:-2026-11-25T10:00:00Z}" USER=sekretariat
export KLYNGE_EXAMPLES="${KLYNGE_EXAMPLES:-}"
bash ./cmd >"$work/.out" 2>"$work/.err"
code=$?
if [ -n "${KLYNGE_GOLDEN_FILTER:-}" ]; then
  for f in "$work/.out" "$work/.err"; do sed -i -e "$KLYNGE_GOLDEN_FILTER" "$f"; done
fi
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$work/.out" "$case_dir/stdout"
  cp "$work/.err" "$case_dir/stderr"
  echo "$code" >"$case_dir/exit"
  echo "updated $case_dir"
  exit 0
fi
status=0
expect_code=$(cat "$case_dir/exit" 2>/dev/null || echo 0)
if [ "$code" != "$expect_code" ]; then
  echo "exit code: expected $expect_code, got $code"
  status=1
fi
for stream in stdout stderr; do
  got="$work/.${stream:3}"
  [ "$stream" = stdout ] && got="$work/.out" || got="$work/.err"
  if [ -f "$case_dir/$stream" ]; then
    if ! cmp -s "$case_dir/$stream" "$got"; then
      echo "--- $stream differs:"
      diff -u "$case_dir/$stream" "$got" | head -60
      status=1
    fi
  elif [ -s "$got" ]; then
    echo "--- unexpected $stream:"
    head -40 "$got"
    status=1
  fi
done
exit $status
