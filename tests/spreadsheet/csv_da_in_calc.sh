#!/usr/bin/env bash
# Opens the csv-da reports the way a Danish spreadsheet user would: LibreOffice Calc with the Danish locale
# (';', decimal comma, dd-mm-åååå), headless, into flat XML, and checks what Calc made of each cell: amounts are
# numbers, dates are dates, names keep æ, ø and å, and nothing became a formula.
#   csv_da_in_calc.sh KLYNGE EXAMPLES
set -euo pipefail
klynge=$(readlink -f "$1"); examples=$(readlink -f "$2")
here=$(cd "$(dirname "$0")" && pwd)
command -v soffice >/dev/null || { echo "soffice is missing: scripts/setup.sh --with-tests installs it"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
export KLYNGE_DB=k.db KLYNGE_TODAY=2025-06-24
"$klynge" --quiet init
"$klynge" --quiet import "$examples/sonderjylland" >/dev/null
"$klynge" --quiet import "$examples/vest" >/dev/null
mkdir more && printf 'id,body,name,status\nformel,vest,"=HYPERLINK(""http://x"")",active\nminus,vest,-1+2,active\n' > more/initiatives.csv
"$klynge" --quiet import more >/dev/null
"$klynge" report coverage --from 2025-06-01 --to 2026-05-31 --format csv-da --out coverage.csv
"$klynge" report status --format csv-da --out status.csv
"$klynge" report decisions --format csv-da --out decisions.csv
# The evaluation over its whole period (without --from/--to the window would start after 24-06-2025, past its end).
"$klynge" report coverage --initiative kth-eval --from 2024-04-01 --to 2025-03-31 --format csv-da --out evaluation.csv
for f in coverage status decisions evaluation; do
  soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
    --infilter="CSV:59,34,76,1,,1030,false,true" --convert-to fods --outdir out "$f.csv" >/dev/null 2>&1
done
python3 "$here/check_fods.py" out
