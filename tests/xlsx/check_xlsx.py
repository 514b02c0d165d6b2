#!/usr/bin/python3
"""Every report of the examples as XLSX, read back with openpyxl (not the library that wrote it), cell by cell
against the machine CSV (values) and JSON (types): money, percentages, counts and days are numbers; dates are
dates; everything else is text equal to the CSV's; no formula anywhere. The Danish workbook against csv-da.
Two runs with the same KLYNGE_NOW give the same bytes, and a text cell starting with '=' stays text.

usage: check_xlsx.py KLYNGE EXAMPLES_DIR"""
import atexit
import csv
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.utils import get_column_letter

klynge, examples = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="klynge-xlsx-")
atexit.register(shutil.rmtree, work, True)
env = dict(os.environ, KLYNGE_DB=os.path.join(work, "k.db"), KLYNGE_TODAY="2025-06-24",
           KLYNGE_NOW="2025-06-24T12:00:00Z")
failures = []


def run(*args, **kw):
    return subprocess.run([klynge, *args], env=env, capture_output=True, check=True, **kw).stdout


run("--quiet", "init")
for s in ("sonderjylland", "vest", "syd", "nsr-slagelse"):
    run("--quiet", "import", os.path.join(examples, s))
# A name that a spreadsheet would take for a formula.
run("--quiet", "add", "body", "--id", "formel", "--kind", "other", "--name", "=SUM(A1:A9)")
# An illustrative cost-sharing key (the minutes give none) for the sharing report.
run("--quiet", "add", "key", "--lang", "en", "--key", "illustrativ", "--body", "vest", "--share", "1")
run("--quiet", "add", "key", "--lang", "en", "--key", "illustrativ", "--body", "limfjorden", "--share", "2.5")
# An indicator with a baseline, a target and one measurement: its chart's level lines need points of their own.
run("--quiet", "add", "indicator", "--lang", "en", "--initiative", "kth", "--id", "ventetid", "--name", "Ventetid",
    "--unit", "days", "--direction", "lower", "--baseline", "30", "--target", "20")
run("--quiet", "add", "measurement", "--lang", "en", "--initiative", "kth", "--indicator", "ventetid",
    "--date", "2024-06-30", "--value", "24")

cases = [("funds", "2024-03-04", []), ("funds", "2025-06-24", []), ("status", "2025-06-24", []),
         ("coverage", "2025-06-24", []), ("coverage", "2025-06-24", ["--from", "2025-06-01", "--to", "2026-05-31"]),
         ("variance", "2025-06-24", []), ("timeline", "2025-06-24", []), ("timeline", "2025-12-31", []),
         ("handover", "2025-06-24", []), ("decisions", "2025-06-24", []), ("status", "2026-11-25", []),
         ("indicators", "2024-03-04", []), ("indicators", "2025-06-24", []), ("reporting", "2025-06-24", []),
         ("sharing", "2025-06-24", ["--key", "illustrativ"])]

NEUTRALISED = re.compile(r"^'[=+\-@\t\r]")
ISO = re.compile(r"^\d{4}-\d\d-\d\d$")


def unneutralise(text):
    return text[1:] if NEUTRALISED.match(text) else text


def check_sheet(label, ws, header, rows, types, danish):
    got = list(ws.iter_rows())
    if len(got) != len(rows) + 1:
        failures.append(f"{label}: {len(got) - 1} rows, CSV has {len(rows)}")
        return
    for c, h in enumerate(header):
        cell = got[0][c]
        if cell.value != h or cell.data_type != "s" or not cell.font.b:
            failures.append(f"{label}: header {c + 1} is {cell.value!r} ({cell.data_type}), expected bold {h!r}")
    if ws.freeze_panes != "A2":
        failures.append(f"{label}: header not frozen ({ws.freeze_panes})")
    # The filter covers the header and the rows, not the TOTAL rows after them (sorting keeps the total below).
    body = len(rows)
    while body > 0 and (rows[body - 1][0] in ("TOTAL", "I alt") or (len(rows[body - 1]) > 1 and rows[body - 1][1] in ("TOTAL", "I alt"))):
        body -= 1
    expected = f"A1:{get_column_letter(len(header))}{body + 1}"
    if ws.auto_filter.ref != expected:
        failures.append(f"{label}: the autofilter is {ws.auto_filter.ref}, expected {expected} (header and rows, no total)")
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = got[r + 1][c]
            where = f"{label}: row {r + 2} column {header[c]}"
            kind = types[r][c]
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.data_type != "s"):
                failures.append(f"{where}: {cell.value!r} is a formula")
                continue
            if text == "":
                if cell.value is not None:
                    failures.append(f"{where}: {cell.value!r}, expected an empty cell")
            elif kind == "number":
                number = float(text.replace(",", ".")) if danish else float(text)
                if cell.data_type != "n" or not isinstance(cell.value, (int, float)) or abs(cell.value - number) > 1e-9:
                    failures.append(f"{where}: {cell.value!r} ({cell.data_type}), expected the number {number}")
            elif kind == "date":
                day = datetime.datetime.strptime(text, "%d-%m-%Y" if danish else "%Y-%m-%d")
                if not isinstance(cell.value, datetime.datetime) or cell.value != day or cell.number_format != "dd-mm-yyyy":
                    failures.append(f"{where}: {cell.value!r} ({cell.number_format}), expected the date {text}")
            else:
                if cell.data_type != "s" or cell.value != unneutralise(text):
                    failures.append(f"{where}: {cell.value!r} ({cell.data_type}), expected the text {unneutralise(text)!r}")
        if row[0] in ("TOTAL", "I alt") or (len(row) > 1 and row[1] in ("TOTAL", "I alt")):
            if not got[r + 1][0].font.b:
                failures.append(f"{label}: row {r + 2} (a total) is not bold")


checked = 0
for name, as_of, extra in cases:
    args = ["report", name, "--as-of", as_of, *extra]
    doc = json.loads(run(*args, "--format", "json"))
    types = [["number" if isinstance(v, (int, float)) and not isinstance(v, bool)
              else "date" if isinstance(v, str) and ISO.match(v) else "text" for v in row.values()] for row in doc["rows"]]
    for lang, fmt, encoding, danish in (("en", "csv", "utf-8", False), ("da", "csv-da", "utf-8-sig", True)):
        text = run(*args, "--format", fmt).decode(encoding)
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if danish else ","))
        path = os.path.join(work, f"{name}-{as_of}-{lang}.xlsx")
        run(*args, "--format", "xlsx", "--lang", lang, "--out", path)
        book = openpyxl.load_workbook(path)
        if book.sheetnames != [name]:
            failures.append(f"{name}: sheets {book.sheetnames}, expected [{name!r}]")
        check_sheet(f"{name} {as_of} {lang}", book[name], table[0], table[1:], types, danish)
        checked += sum(len(r) for r in table)
        # The same bytes again.
        again = path + ".again.xlsx"
        run(*args, "--format", "xlsx", "--lang", lang, "--out", again)
        if open(path, "rb").read() != open(again, "rb").read():
            failures.append(f"{name} {as_of} {lang}: two runs gave different bytes")

# The formula-looking name is a string cell with exactly that text.
book = openpyxl.load_workbook(os.path.join(work, "funds-2025-06-24-en.xlsx"))
names = [(c.value, c.data_type) for c in book["funds"]["B"]]
if ("=SUM(A1:A9)", "s") not in names:
    failures.append(f"funds: the name '=SUM(A1:A9)' is not a text cell: {names}")
# Money has the display format, with the Danish grouping left to the spreadsheet.
cell = book["funds"]["C2"]
if cell.number_format != "#,##0.00":
    failures.append(f"funds C2: number format {cell.number_format!r}, expected '#,##0.00'")

# A date before 1900, which a workbook's dates cannot hold, is its text as a date cell would show it, not a wrong
# serial (a separate database: an initiative started in 1899).
old_env = dict(env, KLYNGE_DB=os.path.join(work, "old.db"))
for args in (["init"], ["add", "body", "--id", "gammel", "--kind", "cluster", "--name", "Gammel"],
             ["add", "initiative", "--id", "old", "--body", "gammel", "--name", "Old", "--start", "1899-06-01",
              "--end", "2026-12-31", "--status", "active"],
             ["report", "status", "--format", "xlsx", "--lang", "en", "--out", os.path.join(work, "old.xlsx")]):
    subprocess.run([klynge, "--quiet", *args], env=old_env, capture_output=True, check=True)
sheet = openpyxl.load_workbook(os.path.join(work, "old.xlsx"))["status"]
heads = [c.value for c in sheet[1]]
start, end = sheet.cell(2, heads.index("start") + 1), sheet.cell(2, heads.index("end") + 1)
if start.value != "01-06-1899" or start.data_type != "s":
    failures.append(f"status: the start 1899-06-01 is {start.value!r} ({start.data_type}), expected the text '01-06-1899'")
if end.value != datetime.datetime(2026, 12, 31):
    failures.append(f"status: the end 2026-12-31 is {end.value!r}, expected that date")

# A name holding `_x0041_` literally (which a workbook would read as "A") reads back as typed; an amount of more
# digits than a spreadsheet's number shows (15) is its text, to the øre, not a rounded number.
big_env = dict(env, KLYNGE_DB=os.path.join(work, "big.db"))
for args in (["init"], ["add", "body", "--id", "stor", "--kind", "cluster", "--name", "Pulje _x0041_ og _X00e6_"],
             ["add", "entry", "--date", "2025-01-02", "--kind", "receipt", "--body", "stor",
              "--amount", "123.456.789.012.345,67"],
             ["add", "entry", "--date", "2025-01-03", "--kind", "receipt", "--body", "stor", "--amount", "1,01"],
             ["report", "funds", "--as-of", "2025-12-31", "--format", "xlsx", "--out", os.path.join(work, "big.xlsx")]):
    subprocess.run([klynge, "--quiet", *args], env=big_env, capture_output=True, check=True)
sheet = openpyxl.load_workbook(os.path.join(work, "big.xlsx"))["funds"]
heads = [c.value for c in sheet[1]]
received = sheet.cell(2, heads.index("modtaget") + 1)
# openpyxl decodes `_xHHHH_` only in some places; Excel and Calc decode every one in a shared string, as here.
import zipfile
import xml.etree.ElementTree as ET
with zipfile.ZipFile(os.path.join(work, "big.xlsx")) as z:
    shared = ET.fromstring(z.read("xl/sharedStrings.xml"))
decoded = [re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), "".join(si.itertext())) for si in shared]
if "Pulje _x0041_ og _X00e6_" not in decoded:
    failures.append(f"funds: the name 'Pulje _x0041_ og _X00e6_' reads back as {[d for d in decoded if 'Pulje' in d]}")
if received.value != "123.456.789.012.346,68" or received.data_type != "s":
    failures.append(f"funds: received 123.456.789.012.346,68 is {received.value!r} ({received.data_type}), expected that text")
# The meeting pack's workbook: a cover, the charts, then one sheet per report equal to the report's csv-da; three
# native charts; the same bytes twice.
import zipfile
pack = os.path.join(work, "pack")
run("pack", "--as-of", "2025-06-24", "--group", "sdj-pol", "--out", pack)
run("pack", "--as-of", "2025-06-24", "--group", "sdj-pol", "--out", pack + "2")
for f in ("pack.xlsx", "pack.html", "status.csv"):
    if open(os.path.join(pack, f), "rb").read() != open(os.path.join(pack + "2", f), "rb").read():
        failures.append(f"pack: two runs gave different {f}")
book = openpyxl.load_workbook(os.path.join(pack, "pack.xlsx"))
# Indicators and reporting have rows for Sønderjylland's group (Kom Trygt Hjem's measurements; active initiatives).
# Last, what changed since the group's previous meeting (its cover line names the revision known at the meeting).
reports = ["funds", "status", "variance", "coverage", "timeline", "handover", "decisions", "indicators", "reporting",
           "changes"]
if book.sheetnames != ["forside", "diagrammer", *reports]:
    failures.append(f"pack: sheets {book.sheetnames}")
cover = {row[0].value: row[1].value for row in book["forside"].iter_rows() if row[0].value}
if cover.get("Status pr.") != "24-06-2025" or cover.get("Udarbejdet") != "24-06-2025 kl. 12:00:00 UTC" or \
        "sdj-pol" not in (cover.get("Styregruppe") or ""):
    failures.append(f"pack: cover {cover}")
# Since the meeting, as known at a revision; a meeting before the first revision says that everything is new.
changed_since = cover.get("Ændringer siden") or ""
since = re.search(r"revision (\d+)\)$", changed_since)
if not since and not changed_since.endswith("før første revision: alt er nyt)"):
    failures.append(f"pack: the cover does not name the meeting and revision of changes: {cover}")
for name in reports:
    args = ["report", name, "--as-of", "2025-06-24", "--group", "sdj-pol"]
    if name == "changes":
        args += ["--since", since.group(1) if since else "0"]
    doc = json.loads(run(*args, "--format", "json"))
    types = [["number" if isinstance(v, (int, float)) and not isinstance(v, bool)
              else "date" if isinstance(v, str) and ISO.match(v) else "text" for v in row.values()] for row in doc["rows"]]
    raw = open(os.path.join(pack, name + ".csv"), "rb").read()
    text = raw.decode("utf-8-sig")
    if raw != run(*args, "--format", "csv-da"):
        failures.append(f"pack: {name}.csv is not the report's csv-da")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    check_sheet(f"pack {name}", book[name], table[0], table[1:], types, True)
with zipfile.ZipFile(os.path.join(pack, "pack.xlsx")) as z:
    charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
    # Three of money, and one chart per indicator measured by 2025-06-24 (Kom Trygt Hjem's four): scatter charts, so
    # that each measurement stands at its date on a value axis of dates (a line chart's category axis of dates was
    # read as years by LibreOffice), the axis from about the first measurement, not from 1900.
    if len(charts) != 8:
        failures.append(f"pack: {len(charts)} native charts, expected 8")
    lines = [c for c in charts if b"<c:scatterChart>" in z.read(c)]
    if len(lines) != 5:
        failures.append(f"pack: {len(lines)} scatter charts of indicators, expected 5")
    # Each baseline and target line runs through two points of its own, at the date axis's first and last day
    # (through the measurements' rows, an indicator measured once drew no line), and at its level.
    diagrams = openpyxl.load_workbook(os.path.join(pack, "pack.xlsx"))["diagrammer"]
    levels_seen = 0
    for c in lines:
        xml = z.read(c).decode()
        axis = sorted(float(v) for v in re.findall(r'<c:(?:min|max) val="([0-9.]+)"/>', xml)[:2])
        for ser in re.findall(r"<c:ser>(.*?)</c:ser>", xml, re.S)[1:]:
            x = re.search(r"<c:xVal>.*?<c:f>[^!]*!\$A\$(\d+):\$A\$(\d+)</c:f>", ser, re.S)
            y = re.search(r"<c:yVal>.*?<c:f>[^!]*!\$([A-Z])\$(\d+):\$[A-Z]\$(\d+)</c:f>", ser, re.S)
            if not x or not y or int(x.group(2)) - int(x.group(1)) != 1:
                failures.append(f"pack: {c}: a level line not through two points: {ser[:200]}")
                continue
            levels_seen += 1
            first, last = int(x.group(1)), int(x.group(2))
            days = [(diagrams[f"A{r}"].value - datetime.datetime(1899, 12, 30)).days for r in (first, last)]
            level = [diagrams[f"{y.group(1)}{r}"].value for r in (first, last)]
            if days != axis or level[0] is None or level[0] != level[1]:
                failures.append(f"pack: {c}: a level line from {days} at {level}, the axis {axis}")
    if levels_seen != 4:  # readmissions and mortality: a baseline each; ventetid: a baseline and a target
        failures.append(f"pack: {levels_seen} level lines in the indicator charts, expected 4")
    for c in lines:
        lows = [float(v) for v in re.findall(rb'<c:min val="([0-9.]+)"/>', z.read(c))]
        if not lows or min(lows) < 44000:  # 44000: 18-06-2020
            failures.append(f"pack: {c}: the date axis starts at {lows}, not near the first measurement")
    if any(b"<c:f>" not in z.read(c) for c in charts):
        failures.append("pack: a chart without a range of the workbook")
# The charts' figures: funds per body holding money (Sønderjylland alone here), as numbers.
ws = book["diagrammer"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
if ["Sundhedsklynge Sønderjylland", 6251950, 4496000, 1755950, 0] not in [r[:5] for r in rows]:
    failures.append(f"pack: the funds chart's figures {rows[:4]}")
# The readmissions chart's figures: the 2023 value and the latest, with the baseline beside each (no target).
firsts = [r[0] for r in rows]
title = "30 dages genindlæggelser over 24 timer (Kom Trygt Hjem)"
if title not in firsts:
    failures.append(f"pack: no indicator chart '{title}'")
else:
    at = firsts.index(title)
    figures = [r[:4] for r in rows[at + 2:at + 4]]
    want = [[datetime.datetime(2023, 12, 31), 13, 15, None], [datetime.datetime(2024, 2, 8), 13.2, 15, None]]
    if figures != want:
        failures.append(f"pack: the readmissions chart's figures {figures}, expected {want}")

for f in failures[:40]:
    print(f)
print(f"{checked} cells compared, {len(failures)} failures")
sys.exit(1 if failures or checked < 500 else 0)
