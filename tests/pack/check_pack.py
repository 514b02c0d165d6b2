#!/usr/bin/python3
"""The meeting pack's page in headless Chromium, on the examples as of 2025-06-24, for all and for one group:
- nothing outside the file: no script, link, src, href or url() but to the page itself; loaded through
  chromium-driver, the page requests nothing but itself and the console holds no message;
- every figure in the page's tables (as Chromium's DOM has them) is the machine CSV's figure written as the
  table format writes it in Danish; text cells are the csv-da's;
- each chart has the expected marks: a Gantt row per initiative with as many red milestones as the status
  report's overdue count, four bars per body holding money, a burn chart per initiative with estimate lines
  with a point per month of its lines;
- with --group, only the group's initiatives appear, in every table and chart;
- a screenshot and a PDF are written (with --keep DIR, of the Vest example, kept there).

usage: check_pack.py KLYNGE EXAMPLES_DIR [--keep DIR]"""
import atexit
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

klynge, examples = sys.argv[1], sys.argv[2]
keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
work = tempfile.mkdtemp(prefix="klynge-pack-")
atexit.register(shutil.rmtree, work, True)
failures = []
AS_OF = "2025-06-24"
CHROMIUM = [shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--no-first-run", "--hide-scrollbars"]


def env_for(db):
    return dict(os.environ, KLYNGE_DB=db, KLYNGE_TODAY=AS_OF, KLYNGE_NOW="2025-06-24T12:00:00Z", TZ="UTC")


def run(db, *args):
    return subprocess.run([klynge, *args], env=env_for(db), capture_output=True, check=True).stdout


def database(name, sets):
    db = os.path.join(work, name + ".db")
    run(db, "--quiet", "init")
    for s in sets:
        run(db, "--quiet", "import", os.path.join(examples, s))
    return db


class Dom(HTMLParser):
    """Tables (report → rows of cell texts) and chart marks from the DOM Chromium dumps."""

    def __init__(self):
        super().__init__()
        self.tables, self.svgs, self.stack, self.text = {}, [], [], None
        self.table = None
        self.gantt_row = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "")
        if tag == "table":
            self.table = self.tables.setdefault(a.get("data-report"), [])
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.text = ""
        elif tag == "svg":
            self.svgs.append({"attrs": a, "marks": []})
        elif self.svgs and tag in ("rect", "circle", "polyline", "path", "line", "g"):
            if tag == "g" and "gantt-row" in cls:
                self.gantt_row = a.get("data-initiative")
            self.svgs[-1]["marks"].append((tag, cls, a, self.gantt_row))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.text is not None and self.table is not None:
            self.table[-1].append(self.text)
            self.text = None
        elif tag == "table":
            self.table = None
        elif tag == "g":
            self.gantt_row = None

    def handle_data(self, data):
        if self.text is not None:
            self.text += data


def grouped(number_text):
    """A machine amount (1755950.00, -500.00) as the Danish table format writes it (1.755.950,00)."""
    sign = "-" if number_text.startswith("-") else ""
    whole, _, dec = number_text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + dec if dec else "")


def expected_table(db, report, filters):
    """The table as the Danish table format writes it: from the machine CSV (figures), the JSON (types) and the
    csv-da (Danish words and headers)."""
    args = ["report", report, "--as-of", AS_OF, *filters]
    machine = list(csv.reader(io.StringIO(run(db, *args, "--format", "csv").decode())))
    danish = list(csv.reader(io.StringIO(run(db, *args, "--format", "csv-da").decode("utf-8-sig"), newline=""),
                             delimiter=";"))
    doc = json.loads(run(db, *args, "--format", "json"))
    rows = [danish[0]]
    for r, row in enumerate(machine[1:]):
        values = list(doc["rows"][r].values())
        out = []
        for c, text in enumerate(row):
            v = values[c]
            if text == "":
                out.append("")
            elif isinstance(v, bool) or not isinstance(v, (int, float)):
                if isinstance(v, str) and re.match(r"^\d{4}-\d\d-\d\d$", v):
                    out.append(f"{v[8:10]}-{v[5:7]}-{v[0:4]}")
                else:
                    d = danish[r + 1][c]
                    out.append(d[1:] if re.match(r"^'[=+\-@\t\r]", d) else d)
            elif machine[0][c].endswith("_pct"):
                out.append(text.replace(".", ","))
            else:
                out.append(grouped(text))
        rows.append(out)
    return machine, rows


def chromium(*args):
    return subprocess.run(CHROMIUM + list(args), capture_output=True, text=True, timeout=120).stdout


def console_and_requests(page):
    """Chromium through chromium-driver: the console's messages and every request the page made."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for a in CHROMIUM[1:]:
        options.add_argument(a)
    options.binary_location = CHROMIUM[0]
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    try:
        driver.get("file://" + page)
        console = [e["message"] for e in driver.get_log("browser")]
        events = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
        requests = [m["params"]["request"]["url"] for m in events if m["method"] == "Network.requestWillBeSent"]
    finally:
        driver.quit()
    return console, requests


def check_page(label, db, out, filters=(), only=None):
    page = os.path.join(out, "pack.html")
    html = open(page, encoding="utf-8").read()
    for pattern in (r"<script", r"<link", r"<img", r"<iframe", r"@import", r"\bsrc\s*=", r"\bhref\s*=(?!\"#)",
                    r"url\((?!#)"):
        if re.search(pattern, html, re.I):
            failures.append(f"{label}: the page refers outside itself ({pattern})")
    dom_text = chromium("--dump-dom", "file://" + page)
    console, requests = console_and_requests(page)
    for line in console:
        failures.append(f"{label}: console: {line}")
    for url in requests:
        if url != "file://" + page:
            failures.append(f"{label}: the page requested {url}")
    if "file://" + page not in requests:
        failures.append(f"{label}: the requests were not recorded ({requests})")
    dom = Dom()
    dom.feed(dom_text)
    statuses = {}
    for report in ("funds", "status", "variance", "coverage", "timeline", "handover", "decisions", "indicators",
                   "reporting"):
        machine, want = expected_table(db, report, filters)
        got = dom.tables.get(report)
        if report in ("indicators", "reporting") and len(machine) == 1:
            if got is not None:
                failures.append(f"{label}: a table {report} without rows")
            continue
        if got is None:
            failures.append(f"{label}: no table {report}")
            continue
        if got != want:
            for i, (g, w) in enumerate(zip(got, want)):
                if g != w:
                    failures.append(f"{label}: {report} row {i}: page {g} != table format {w}")
                    break
            if len(got) != len(want):
                failures.append(f"{label}: {report}: {len(got)} rows on the page, {len(want)} expected")
        ids = {r[machine[0].index("initiative")] for r in machine[1:]
               if "initiative" in machine[0] and r[machine[0].index("initiative")] not in ("", "TOTAL")}
        if only is not None and not ids <= only:
            failures.append(f"{label}: {report} shows {sorted(ids - only)}, outside the group")
        if report == "status":
            statuses = {r[0]: r for r in machine[1:] if r[0] != "TOTAL"}
            overdue_col = machine[0].index("overdue")
        if report == "funds":
            holding = [r for r in machine[1:] if r[0] != "TOTAL" and any(float(x) != 0 for x in r[2:6])]
        if report == "variance":
            lines = [r for r in machine[1:] if r[0] != "TOTAL" and r[2]]
    charts = {}
    for svg in dom.svgs:
        charts.setdefault(svg["attrs"].get("data-chart"), []).append(svg)
    # Gantt: a row per initiative of the status report, red milestones as its overdue count.
    gantt = charts.get("gantt", [None])[0]
    rows = {} if gantt is None else {m[2].get("data-initiative") for m in gantt["marks"] if "gantt-row" in m[1]}
    if rows != set(statuses):
        failures.append(f"{label}: Gantt rows {sorted(rows)}, status has {sorted(statuses)}")
    for ini, srow in statuses.items():
        red = sum(1 for m in gantt["marks"] if m[3] == ini and "overdue" in m[1]) if gantt else 0
        if red != int(srow[overdue_col]):
            failures.append(f"{label}: Gantt {ini}: {red} overdue marks, status says {srow[overdue_col]}")
        # Each milestone on a white ring, so that a red or green mark shows on a bar of its own colour.
        circles = [m for m in gantt["marks"] if m[3] == ini and m[0] == "circle"] if gantt else []
        for k, m in enumerate(circles):
            if "milestone" not in m[1].split():
                continue
            ring = circles[k - 1][2] if k > 0 else {}
            if not (ring.get("fill") == "#ffffff" and ring.get("r") == "7" and ring.get("cx") == m[2].get("cx")):
                failures.append(f"{label}: Gantt {ini}: a milestone at x {m[2].get('cx')} without its white ring")
    # Funds: four bars per body holding money.
    bars = charts.get("bars", [{"marks": []}])[0]["marks"]
    nbars = sum(1 for m in bars if m[0] == "rect" and "bar" in m[1].split())
    if nbars != 4 * len(holding):
        failures.append(f"{label}: {nbars} funds bars, expected 4 × {len(holding)} bodies")
    # Burn charts: one per initiative with estimate lines, a point per month its lines cover.
    want_months = {}
    for r in lines:
        a, b = want_months.get(r[0], (r[2], r[3]))
        want_months[r[0]] = (min(a, r[2]), max(b, r[3]))
    burns = {s["attrs"].get("data-initiative"): s for s in charts.get("burn", [])}
    if set(burns) != set(want_months):
        failures.append(f"{label}: burn charts for {sorted(burns)}, estimates for {sorted(want_months)}")
    for ini, (a, b) in want_months.items():
        if ini not in burns:
            continue
        months = (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7]) + 1
        marks = burns[ini]["marks"]
        points = {m[1]: int(m[2]["data-points"]) for m in marks if m[0] == "polyline"}
        total = points.get("plan", 0)
        past = points.get("actual", 0) + max(points.get("forecast", 0) - (1 if points.get("actual") else 0), 0)
        if total != months or past != months:
            failures.append(f"{label}: burn {ini}: plan {total} points, actual+forecast {past}, expected {months} months")
    # Indicators: one chart per indicator measured by the date, a point per measurement, level lines as the
    # indicator has a baseline and a target.
    machine, _ = expected_table(db, "indicators", filters)
    head = machine[0]
    measured = {r[0] + "/" + r[1]: r for r in machine[1:] if r[head.index("latest")]}
    listed = list(csv.reader(io.StringIO(run(db, "list", "measurements", "--format", "csv").decode())))
    points = {}
    for r in listed[1:]:
        if r[2] <= AS_OF:
            points[r[0] + "/" + r[1]] = points.get(r[0] + "/" + r[1], 0) + 1
    charts_ind = {s["attrs"].get("data-indicator"): s for s in charts.get("indicator", [])}
    if set(charts_ind) != set(measured):
        failures.append(f"{label}: indicator charts {sorted(charts_ind)}, measured {sorted(measured)}")
    for key, svg in charts_ind.items():
        circles = sum(1 for m in svg["marks"] if m[0] == "circle" and "measurement" in m[1])
        if circles != points.get(key) or svg["attrs"].get("data-points") != str(points.get(key)):
            failures.append(f"{label}: indicator {key}: {circles} points, expected {points.get(key)}")
        for level in ("baseline", "target"):
            has = any(m[0] == "line" and m[1] == level for m in svg["marks"])
            if key in measured and has != bool(measured[key][head.index(level)]):
                failures.append(f"{label}: indicator {key}: {level} line {'drawn' if has else 'missing'}")
    return page


# All four example sets, and one steering group of them.
db = database("all", ["sonderjylland", "vest", "syd", "nsr-slagelse"])
out = os.path.join(work, "all")
run(db, "pack", "--as-of", AS_OF, "--out", out)
check_page("all", db, out)
out = os.path.join(work, "sdj")
run(db, "pack", "--as-of", AS_OF, "--group", "sdj-pol", "--out", out)
check_page("--group sdj-pol", db, out, ["--group", "sdj-pol"], only={"kth", "born-unge", "kth-eval"})
# The group's sheets hold only its initiatives too (csv-da beside the page).
for report in ("status", "variance", "timeline", "handover"):
    text = open(os.path.join(out, report + ".csv"), encoding="utf-8-sig").read()
    ids = {row[0] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")} - {"indsats", "I alt", "efterfølger"}
    if report == "handover":
        ids = {row[1] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")} - {"indsats", "I alt"}
    if not ids <= {"kth", "born-unge", "kth-eval"}:
        failures.append(f"--group sdj-pol: {report}.csv shows {sorted(ids)}")

# The Vest example: a screenshot and a PDF.
vest = database("vest", ["vest"])
out = os.path.join(work, "vest")
run(vest, "pack", "--as-of", AS_OF, "--out", out)
page = check_page("vest", vest, out)
png, pdf = os.path.join(work, "pack-vest.png"), os.path.join(work, "pack-vest.pdf")
chromium("--window-size=1280,1500", "--screenshot=" + png, "file://" + page)
chromium("--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + page)
if not os.path.exists(png) or open(png, "rb").read(8) != b"\x89PNG\r\n\x1a\n" or os.path.getsize(png) < 20000:
    failures.append("vest: no screenshot")
if not os.path.exists(pdf) or open(pdf, "rb").read(5) != b"%PDF-" or os.path.getsize(pdf) < 10000:
    failures.append("vest: no PDF")
if keep:
    shutil.copy(png, keep)
    shutil.copy(pdf, keep)

for f in failures[:40]:
    print(f)
print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
