#!/usr/bin/env python3
"""Reads the flat ODF spreadsheets Calc wrote from klynge's csv-da reports and checks each cell's type."""
import os, sys
import xml.etree.ElementTree as ET

NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
A = lambda ns, name: "{%s}%s" % (NS[ns], name)

def cells(path):
    rows = []
    for row in ET.parse(path).getroot().iter(A("table", "table-row")):
        out = []
        for c in row.iter(A("table", "table-cell")):
            if c.get(A("table", "formula")):
                out.append(("FORMULA", c.get(A("table", "formula"))))
                continue
            kind = c.get(A("office", "value-type"))
            text = "".join(p.text or "" for p in c.iter(A("text", "p")))
            value = c.get(A("office", "value")) or c.get(A("office", "date-value")) or text
            n = int(c.get(A("table", "number-columns-repeated"), "1"))
            out.extend([(kind, value, text)] * min(n, 50))
        rows.append(out)
    return rows

failures = []
def expect(what, ok):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)

out = sys.argv[1]
cov = cells(os.path.join(out, "coverage.fods"))
head = [c[2] for c in cov[0]]
row = next(r for r in cov if r and r[0][1] == "indlaeggelse-hjemme")
col = {h: i for i, h in enumerate(head)}
expect("header keeps æ, ø, å (til_rådighed)", "til_rådighed" in col)
expect("available 374.003,24 is the number 374003.24", row[col["til_rådighed"]][:2] == ("float", "374003.24"))
expect("margin 24.003,24 is the number 24003.24", row[col["margin"]][:2] == ("float", "24003.24"))
expect("from 01-06-2025 is the date 2025-06-01", row[col["fra"]][0] == "date" and row[col["fra"]][1].startswith("2025-06-01"))
expect("the name Indlæggelse Hjemme is text", row[col["navn"]][:2] == ("string", "Indlæggelse Hjemme"))

st = cells(os.path.join(out, "status.fods"))
flat = [c for r in st for c in r]
expect("no cell became a formula", not any(c[0] == "FORMULA" for c in flat))
formel = [c for c in flat if "HYPERLINK" in c[-1]]
expect("a formula-like name stays text", bool(formel) and all(c[0] == "string" for c in formel))
minus = [c for c in flat if c[-1].endswith("-1+2")]
expect("'-1+2' stays text, not the number 1", bool(minus) and all(c[0] == "string" for c in minus))
total = next(r for r in st if r and r[0][2] == "I alt")
expect("the total row's budget is a number", any(c[0] == "float" for c in total))

ev = cells(os.path.join(out, "evaluation.fods"))
ecol = {c[2]: i for i, c in enumerate(ev[0])}
erow = next(r for r in ev if r and r[0][1] == "kth-eval")
expect("the margin -490.000,00 is the number -490000", erow[ecol["margin"]][:2] == ("float", "-490000"))
expect("the name with æ and ø is intact", erow[ecol["navn"]][1] == "Fælles sundhedsøkonomisk evaluering af Kom Trygt Hjem")

dec = cells(os.path.join(out, "decisions.fods"))
dcol = {c[2]: i for i, c in enumerate(dec[0])}
drow = next(r for r in dec if r and r[0][1] == "sdj-2024-03-04-p5")
expect("the reserved 1.755.950,00 is the number 1755950", drow[dcol["beløb"]][:2] == ("float", "1755950"))
expect("the meeting date 04-03-2024 is the date 2024-03-04", drow[dcol["dato"]][0] == "date" and drow[dcol["dato"]][1].startswith("2024-03-04"))
sys.exit(1 if failures else 0)
