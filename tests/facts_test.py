#!/usr/bin/env python3
"""The figures of the real minutes, asserted one by one: each is read from klynge's machine CSV of a report on the
bundled examples, its row found by its key (body, initiative, category, …) and its cell by the column's name, and
compared with the exact value the minutes give (the table "What the examples must show" and the sections above it
in the shared facts, and the Vest gap in design §12).

This file is the expectation: no update script rewrites it. A figure that changes is a failure naming the figure,
what was expected, what klynge printed, the command, and where the figure comes from.
  facts_test.py KLYNGE EXAMPLES
Each figure is checked twice: in a database holding only its data set, and in one holding all four sets.
"""
import csv, io, os, subprocess, sys, tempfile

klynge, examples = sys.argv[1:3]
SETS = ["sonderjylland", "vest", "syd", "nsr-slagelse"]

# Where the figures come from.
SDJ = "facts.md, section 'Sønderjylland (001, 000)'"
SDJ_TABLE = "facts.md, 'What the examples must show', Sønderjylland"
VEST = "facts.md, section 'Vest (003)'"
VEST_TABLE = "facts.md, 'What the examples must show', Vest"
SDJ_IND = "facts.md, section 'Sønderjylland (001, 000)', Kom Trygt Hjem and 'Indicators as the example models them'"
DESIGN_GAP = "design.md §12, 'The transition of an initiative as of D' (Vest as of 2025-06-24: gap 144.794,53)"

# (data set, report arguments, row key {column: value}, {column: expected machine value}, figure, source)
FACTS = [
    ("sonderjylland", ["funds", "--body", "sonderjylland", "--as-of", "2024-03-03"], {"body": "sonderjylland"},
     {"received": "6251950.00"}, "klyngemidler received in 2022 and 2023", SDJ_TABLE + " funds 2024-03-03"),
    ("sonderjylland", ["funds", "--body", "sonderjylland", "--as-of", "2024-03-03"], {"body": "sonderjylland"},
     {"granted": "4496000.00"}, "granted to Kom Trygt Hjem and Lettilgængeligt tilbud (2.356.000 + 2.140.000)",
     SDJ_TABLE + " funds 2024-03-03"),
    ("sonderjylland", ["funds", "--body", "sonderjylland", "--as-of", "2024-03-03"], {"body": "sonderjylland"},
     {"reserved": "0.00"}, "reserved before the meeting of 04-03-2024", SDJ_TABLE + " funds 2024-03-03"),
    ("sonderjylland", ["funds", "--body", "sonderjylland", "--as-of", "2024-03-03"], {"body": "sonderjylland"},
     {"free": "1755950.00"}, "free before the meeting of 04-03-2024 (6.251.950 − 2.356.000 − 2.140.000)",
     SDJ_TABLE + " funds 2024-03-03"),
    ("sonderjylland", ["funds", "--body", "sonderjylland", "--as-of", "2024-03-04"], {"body": "sonderjylland"},
     {"reserved": "1755950.00"}, "reserved by the decision of 04-03-2024, punkt 5", SDJ_TABLE + " funds 2024-03-04"),
    ("sonderjylland", ["funds", "--body", "sonderjylland", "--as-of", "2024-03-04"], {"body": "sonderjylland"},
     {"free": "0.00"}, "free after the decision of 04-03-2024", SDJ_TABLE + " funds 2024-03-04"),
    ("sonderjylland", ["funds", "--body", "sonderjylland", "--as-of", "2024-03-04"], {"body": "sonderjylland"},
     {"received": "6251950.00", "granted": "4496000.00"},
     "received and granted unchanged by the reservation (the evaluation's share lies inside Kom Trygt Hjem's grant)",
     SDJ + ", the joint evaluation"),
    ("sonderjylland", ["status", "--as-of", "2024-01-31"], {"initiative": "kth"}, {"budget": "2356000.00"},
     "granted to Kom Trygt Hjem", SDJ + ", Granted"),
    ("sonderjylland", ["status", "--as-of", "2024-01-31"], {"initiative": "born-unge"}, {"budget": "2140000.00"},
     "granted to Lettilgængeligt tilbud til børn og unge i psykisk mistrivsel", SDJ + ", Granted"),
    ("sonderjylland", ["decisions", "--as-of", "2024-03-04"], {"decision": "sdj-2023-01-16-kth"},
     {"date": "2023-01-16", "initiative": "kth", "amount": "2356000.00"},
     "Kom Trygt Hjem's grant, decided at political level 16-01-2023", SDJ + ", Granted"),
    ("sonderjylland", ["decisions", "--as-of", "2024-03-04"], {"decision": "sdj-2024-03-04-p5"},
     {"date": "2024-03-04", "item": "5", "amount": "1755950.00"},
     "the remaining funds reserved by the decision of 04-03-2024, punkt 5", SDJ + ", Decision 04-03-2024"),
    ("sonderjylland", ["status", "--as-of", "2024-03-04"], {"initiative": "kth"},
     {"start": "2023-09-15", "end": "2024-09-01"}, "Kom Trygt Hjem: first patient, and the end of the project period",
     SDJ + ", Kom Trygt Hjem"),
    ("sonderjylland", ["coverage", "--initiative", "kth-eval", "--as-of", "2024-03-04"], {"initiative": "kth-eval"},
     {"remaining": "300000.00"}, "set aside for the joint evaluation: 100.000 each from three clusters",
     SDJ + ", Joint health-economic evaluation"),
    ("sonderjylland", ["coverage", "--initiative", "kth-eval", "--as-of", "2024-03-04"], {"initiative": "kth-eval"},
     {"owner_free": "0.00"}, "Sønderjylland's pool has nothing free after 04-03-2024",
     SDJ_TABLE + " coverage of the joint evaluation"),
    ("sonderjylland", ["coverage", "--initiative", "kth-eval", "--as-of", "2024-03-04"], {"initiative": "kth-eval"},
     {"available": "300000.00", "estimated": "790000.00", "margin": "-490000.00"},
     "the joint evaluation: available, SDU's offer, and the unfunded gap", SDJ_TABLE + " coverage of the joint evaluation"),
    ("sonderjylland", ["coverage", "--initiative", "kth-eval", "--from", "2024-04-01", "--to", "2025-03-31",
                       "--as-of", "2025-06-24"], {"initiative": "kth-eval"},
     {"available": "300000.00", "estimated": "790000.00", "margin": "-490000.00"},
     "the joint evaluation over its whole period, as of a later date", SDJ_TABLE + " coverage of the joint evaluation"),
    ("sonderjylland", ["indicators", "--as-of", "2024-03-04"], {"indicator": "genindl-over-24t"},
     {"unit": "percent", "direction": "lower", "baseline": "15", "latest": "13.2", "latest_date": "2024-02-08"},
     "30-day readmissions over 24 hours: 13,2 % against the 2022 baseline of 15 % (49 of 333)", SDJ_IND),
    ("sonderjylland", ["indicators", "--as-of", "2024-03-04"], {"indicator": "genindl-over-24t"},
     {"change": "-1.8", "better": "true"}, "readmissions 1,8 points better than the baseline as of 04-03-2024", SDJ_IND),
    ("sonderjylland", ["indicators", "--as-of", "2024-03-04"], {"indicator": "genindl-over-24t"},
     {"previous": "13", "previous_date": "2023-12-31"}, "readmissions 2023: 13 % (42 of 334)", SDJ_IND),
    ("sonderjylland", ["indicators", "--as-of", "2024-03-04"], {"indicator": "genindl-under-24t"},
     {"latest": "13.9", "latest_date": "2024-02-08"}, "30-day readmissions under 24 hours: 13,9 %", SDJ_IND),
    ("sonderjylland", ["indicators", "--as-of", "2024-03-04"], {"indicator": "mortalitet"},
     {"baseline": "12", "previous": "13", "latest": "5.6", "change": "-6.4", "better": "true"},
     "30-day mortality 5,6 % against 12 % (2022, 40 of 334) and 13 % (2023, 44 of 334)", SDJ_IND),
    ("sonderjylland", ["indicators", "--as-of", "2024-03-04"], {"indicator": "gennemfoert"},
     {"unit": "count", "direction": "higher", "latest": "119", "latest_date": "2024-02-08"},
     "119 of the 144 participants had completed the course", SDJ_IND),
    ("vest", ["coverage", "--initiative", "indlaeggelse-hjemme", "--from", "2025-06-01", "--to", "2026-05-31",
              "--as-of", "2025-06-24"], {"initiative": "indlaeggelse-hjemme"},
     {"remaining": "41715.62"}, "remaining project funds of Indlæggelse Hjemme as presented 24-06-2025",
     VEST_TABLE + " coverage"),
    ("vest", ["coverage", "--initiative", "indlaeggelse-hjemme", "--from", "2025-06-01", "--to", "2026-05-31",
              "--as-of", "2025-06-24"], {"initiative": "indlaeggelse-hjemme"},
     {"owner_free": "332287.62"}, "remaining cluster funds of Sundhedsklynge Vest", VEST_TABLE + " coverage"),
    ("vest", ["coverage", "--initiative", "indlaeggelse-hjemme", "--from", "2025-06-01", "--to", "2026-05-31",
              "--as-of", "2025-06-24"], {"initiative": "indlaeggelse-hjemme"},
     {"available": "374003.24"}, "sum available (41.715,62 + 332.287,62)", VEST_TABLE + " coverage"),
    ("vest", ["coverage", "--initiative", "indlaeggelse-hjemme", "--from", "2025-06-01", "--to", "2026-05-31",
              "--as-of", "2025-06-24"], {"initiative": "indlaeggelse-hjemme"},
     {"estimated": "350000.00"}, "estimated costs 01-06-2025 to 31-05-2026", VEST_TABLE + " coverage"),
    ("vest", ["coverage", "--initiative", "indlaeggelse-hjemme", "--from", "2025-06-01", "--to", "2026-05-31",
              "--as-of", "2025-06-24"], {"initiative": "indlaeggelse-hjemme"},
     {"margin": "24003.24", "from": "2025-06-01", "to": "2026-05-31"}, "the margin, over the minutes' window",
     VEST_TABLE + " coverage"),
    ("vest", ["variance", "--initiative", "indlaeggelse-hjemme", "--as-of", "2025-06-24"],
     {"initiative": "indlaeggelse-hjemme", "category": "løn"}, {"estimated": "280000.00"},
     "estimated salary (15 hours a week)", VEST + ", Estimated costs"),
    ("vest", ["variance", "--initiative", "indlaeggelse-hjemme", "--as-of", "2025-06-24"],
     {"initiative": "indlaeggelse-hjemme", "category": "udstyr"}, {"estimated": "60000.00"},
     "one epoc device", VEST + ", Estimated costs"),
    ("vest", ["variance", "--initiative", "indlaeggelse-hjemme", "--as-of", "2025-06-24"],
     {"initiative": "indlaeggelse-hjemme", "category": "materialer"}, {"estimated": "10000.00"},
     "extra materials", VEST + ", Estimated costs"),
    ("vest", ["variance", "--initiative", "indlaeggelse-hjemme", "--as-of", "2025-06-24"],
     {"initiative": "TOTAL"}, {"estimated": "350000.00"}, "the sum of the estimated costs", VEST + ", Estimated costs"),
    ("vest", ["status", "--initiative", "indlaeggelse-hjemme", "--as-of", "2025-06-24"],
     {"initiative": "indlaeggelse-hjemme"}, {"start": "2023-03-01", "end": "2026-12-31"},
     "Indlæggelse Hjemme started 01-03-2023 and is planned to 31-12-2026", VEST),
    ("vest", ["timeline", "--as-of", "2025-06-24"], {"initiative": "indlaeggelse-hjemme"},
     {"owner": "vest", "owner_until": "2025-12-31", "end": "2026-12-31", "runs_past_owner": "true"},
     "runs past its owner's end (31-12-2025)", VEST_TABLE + " timeline / handover"),
    ("vest", ["timeline", "--as-of", "2025-06-24"], {"initiative": "indlaeggelse-hjemme"},
     {"successor": "limfjorden", "successor_from": "2027-01-01"}, "successor Limfjorden from 01-01-2027",
     VEST_TABLE + " timeline / handover"),
    ("vest", ["timeline", "--as-of", "2025-06-24"], {"initiative": "indlaeggelse-hjemme"},
     {"days_without_owner": "365"}, "365 days without owner in 2026", VEST_TABLE + " timeline / handover"),
    ("vest", ["timeline", "--as-of", "2025-06-24"], {"initiative": "indlaeggelse-hjemme"},
     {"estimated_after_owner": "144794.53", "gap": "144794.53"},
     "the three lines' share of 2026-01-01..2026-05-31, not covered (left 0)", DESIGN_GAP),
    ("vest", ["handover", "--body", "limfjorden", "--as-of", "2025-06-24"],
     {"successor": "limfjorden", "initiative": "indlaeggelse-hjemme"},
     {"from_owner": "vest", "successor_from": "2027-01-01", "days_without_owner": "365", "end": "2026-12-31"},
     "handed to Sundhedsråd Limfjorden from 01-01-2027 after 365 days without owner",
     VEST_TABLE + " timeline / handover"),
    ("vest", ["handover", "--body", "limfjorden", "--as-of", "2025-06-24"],
     {"successor": "limfjorden", "initiative": "indlaeggelse-hjemme"},
     {"remaining": "41715.62", "gap": "144794.53"}, "the money handed over, and the gap", VEST + "; " + DESIGN_GAP),
]

env = dict(os.environ, KLYNGE_TODAY="2026-11-25", TZ="UTC", LC_ALL="C.UTF-8")
scratch = tempfile.TemporaryDirectory()  # removed at exit
work = scratch.name


def run(db, args):
    r = subprocess.run([klynge, "--db", db] + args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit("klynge %s: exit %d\n%s" % (" ".join(args), r.returncode, r.stderr.decode("utf-8", "replace")))
    return r.stdout.decode("utf-8")


def database(name, sets):
    db = os.path.join(work, name + ".db")
    run(db, ["--quiet", "init"])
    for s in sets:
        run(db, ["--quiet", "import", os.path.join(examples, s)])
    return db


databases = {s: database(s, [s]) for s in ["sonderjylland", "vest"]}
everything = database("all-sets", SETS)

failures, checked, cache = [], 0, {}
for data_set, args, key, expected, figure, source in FACTS:
    for label, db in ((data_set, databases[data_set]), ("all four sets", everything)):
        command = "klynge report " + " ".join(args) + " --format csv"
        if (db, command) not in cache:
            cache[(db, command)] = list(csv.DictReader(io.StringIO(run(db, ["report"] + args + ["--format", "csv"]))))
        rows = cache[(db, command)]
        where = "%s, in the database of %s: %s" % (source, label, command)
        for column in list(key) + list(expected):
            if rows and column not in rows[0]:
                failures.append("%s: no column '%s' (%s)" % (figure, column, where))
        matches = [r for r in rows if all(r.get(c) == v for c, v in key.items())]
        if len(matches) != 1:
            failures.append("%s: %d rows where %s, expected one (%s)" % (
                figure, len(matches), ", ".join("%s=%s" % kv for kv in key.items()), where))
            continue
        for column, value in expected.items():
            checked += 1
            got = matches[0].get(column)
            if got != value:
                failures.append("%s: %s expected %s, got %s (row %s; %s)" % (
                    figure, column, value, got, ", ".join("%s=%s" % kv for kv in key.items()), where))

# The baselines' counts: a value agrees with its counts to its own decimals. 49 of 333 is 15 % at no decimals
# and 14,7 % at one, so 15,0 with those counts is refused, naming 14,7; 42 of 334 is 13 %.
counts_db = database("counts", ["sonderjylland"])
for typed, ok, needle in (("15", True, None), ("15,0", False, "49 of 333 is 14,7 % at one decimal"),
                          ("14,7", True, None), ("13", True, None)):
    folder = os.path.join(work, "counts-" + typed.replace(",", "_"))
    os.makedirs(folder)
    counts = "49;333" if typed != "13" else "42;334"
    with open(os.path.join(folder, "measurements.csv"), "w", encoding="utf-8") as f:
        f.write("indsats;indikator;dato;værdi;tæller;nævner\nkth;genindl-over-24t;30-06-2024;%s;%s\n" % (typed, counts))
    r = subprocess.run([klynge, "--db", counts_db, "import", "--dry-run", folder], env=env, capture_output=True)
    checked += 1
    message = r.stderr.decode("utf-8", "replace")
    if ok and r.returncode != 0:
        failures.append("%s with counts %s: refused (%s); %s" % (typed, counts, message.strip(), SDJ_IND))
    if not ok and (r.returncode != 1 or needle not in message):
        failures.append("%s with counts %s: expected exit 1 naming '%s', got exit %d: %s" % (
            typed, counts, needle, r.returncode, message.strip()))

# Vest's cost-sharing key (the example's assumption, not the minutes': the 7 municipalities of Limfjorden by
# population, examples/vest/keys.csv): what they pay toward the gap of 2026 adds up to it exactly, and each share
# is within one øre of its exact part. Read the populations from the file so the check does not restate them.
from fractions import Fraction
populations = {}
with open(os.path.join(examples, "vest", "keys.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["key"] == "limfjorden-2026":
            populations[row["body"]] = Fraction(row["share"])
for label, db in (("vest", databases["vest"]), ("all four sets", everything)):
    args = ["report", "sharing", "--key", "limfjorden-2026", "--as-of", "2025-06-24", "--format", "csv"]
    rows = [r for r in csv.DictReader(io.StringIO(run(db, args))) if r["initiative"] == "indlaeggelse-hjemme"]
    checked += 1
    where = "%s, in the database of %s: klynge %s" % (DESIGN_GAP, label, " ".join(args))
    if sorted(r["body"] for r in rows) != sorted(populations) or len(populations) != 7:
        failures.append("sharing: expected a row for each of the 7 municipalities, got %s (%s)" % (
            [r["body"] for r in rows], where))
        continue
    paid = sum(Fraction(r["pays_gap"]) for r in rows)
    if paid != Fraction("144794.53") or any(r["gap"] != "144794.53" for r in rows):
        failures.append("sharing: the municipalities pay %s toward the gap 144794.53 (%s)" % (float(paid), where))
    for r in rows:
        exact = Fraction("144794.53") * populations[r["body"]] / sum(populations.values())
        if abs(Fraction(r["pays_gap"]) - exact) >= Fraction(1, 100):
            failures.append("sharing: %s pays %s, more than one øre from %.4f (%s)" % (
                r["body"], r["pays_gap"], float(exact), where))

for f in failures:
    print("FAIL " + f)
print("%d figures of the minutes checked, %d wrong" % (checked, len(failures)))
sys.exit(1 if failures or checked == 0 else 0)
