#!/usr/bin/env python3
"""Deterministic national data in the interchange format, for benchmarks and scale tests.

5 regions, 21 clusters dissolved 31-12-2025 (each naming one of 17 councils from 01-01-2027), 98
municipalities, groups at every level, initiatives with extensions and owner changes, receipts, grants,
reservations and releases, returns, reversals, co-funding by municipalities, monthly expenses by category,
revised estimates and milestones, 2022-2027.

  generate.py OUT_DIR --lines N [--initiatives K] [--seed S] [--journal FILE]

--initiatives fixes the number of initiatives (default: one per 250 ledger lines, at least 21), so that the same
national shape can be filled with more or fewer lines.

--journal also writes the same ledger as a ledger/hledger journal (design §13: pool:B:free, pool:B:reserved,
init:B:I, spent:B:I, income:B, equity:opening), so that `ledger bal` gives the same balances.
"""
import argparse, os, random

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--lines", type=int, default=10000)
ap.add_argument("--initiatives", type=int)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--journal")
a = ap.parse_args()
rnd = random.Random(a.seed)
os.makedirs(a.out, exist_ok=True)

def w(name, header, rows):
    with open(os.path.join(a.out, name), "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")

regions = [f"region-{i}" for i in range(1, 6)]
councils = [f"council-{i:02d}" for i in range(1, 18)]
clusters = [f"cluster-{i:02d}" for i in range(1, 22)]
municipalities = [f"kommune-{i:02d}" for i in range(1, 99)]
bodies = [[r, "region", f"Region {r[-1]}", r, "", "2026-12-31", "", ""] for r in regions]
bodies += [[c, "council", f"Sundhedsråd {c[-2:]}", regions[i % 5], "2027-01-01", "", "", ""] for i, c in enumerate(councils)]
bodies += [[c, "cluster", f"Sundhedsklynge {c[-2:]}", regions[i % 5], "2019-01-01", "2025-12-31",
            councils[i % 17], "2027-01-01"] for i, c in enumerate(clusters)]
bodies += [[m, "municipality", f"Kommune {m[-2:]}", regions[i % 5], "", "", "", ""] for i, m in enumerate(municipalities)]
w("bodies.csv", "id,kind,name,region,active_from,active_to,successor,successor_from", bodies)

levels = ["political", "strategic", "coordination", "implementation", "operations", "project"]
groups = []
for c in clusters:
    parent = ""
    for lv in levels:
        gid = f"{c}-{lv}"
        groups.append([gid, c, f"{c} {lv}", lv, parent])
        parent = gid if lv in ("political", "strategic") else parent
w("groups.csv", "id,body,name,level,parent", groups)

n_init = a.initiatives or max(21, a.lines // 250)
inits, changes, estimates, milestones = [], [], [], []
cats = ["løn", "indkøb", "materialer", "evaluering"]
for k in range(n_init):
    c = clusters[k % 21]
    iid = f"i{k:05d}"
    start_y = rnd.choice([2022, 2023, 2024])
    start = f"{start_y}-{rnd.randint(1, 12):02d}-01"
    end_y = rnd.choice([2024, 2025, 2026])
    end = f"{max(end_y, start_y + 1)}-{rnd.randint(1, 12):02d}-28"
    inits.append([iid, c, f"Indsats {k}", rnd.choice(["cluster_project", "lead", "free", "joint", "improvement"]),
                  f"{c}-project", "projektleder", start, end, "active"])
    if rnd.random() < 0.3:
        changes.append(["2025-06-30", iid, "", "end", "2026-12-31", "", "forlænget"])
    if rnd.random() < 0.1:
        changes.append(["2026-01-01", iid, "", "owner", regions[k % 5], "", "interim ejer"])
    for cat in cats[: rnd.randint(1, 4)]:
        amount = rnd.randint(50000, 900000)
        estimates.append([iid, cat, start, end, f"{amount}.00", start, ""])
        if rnd.random() < 0.3:
            estimates.append([iid, cat, start, end, f"{int(amount * 1.1)}.00", "2025-01-01", "revideret"])
    milestones.append([iid, "Start", "start", start, start])
    milestones.append([iid, "Slutrapport", "report", end, ""])
w("initiatives.csv", "id,body,name,kind,group,lead,start,end,status", inits)
w("changes.csv", "date,initiative,body,field,value,decision,note", changes)
w("estimates.csv", "initiative,category,from,to,amount,estimated_on,note", estimates)
w("milestones.csv", "initiative,name,kind,due,done", milestones)

# The ledger: receipts and grants first, then monthly expenses until the requested number of lines.
ledger = []
def entry(date, kind, body, init, cp, cat, src, ore, rev=""):
    ledger.append([f"g{len(ledger)}", date, kind, body, init, cp, cat, src, f"{ore // 100}.{ore % 100:02d}", "", rev, ""])
for c in clusters:
    for y in (2022, 2023, 2024, 2025):
        entry(f"{y}-01-15", "receipt", c, "", "", "", f"klyngemidler-{y}", rnd.randint(2_000_000, 9_000_000) * 100)
for k, init in enumerate(inits):
    iid, c, start = init[0], init[1], init[6]
    entry(start, "grant", c, iid, "", "", "klyngemidler", rnd.randint(100_000, 2_000_000) * 100)
    if rnd.random() < 0.3:
        entry(start, "contribution", c, iid, municipalities[k % 98], "", "medfinansiering", rnd.randint(10_000, 200_000) * 100)
    if rnd.random() < 0.2:
        entry("2025-06-30", "return", c, iid, "", "", "", rnd.randint(1_000, 50_000) * 100)
for c in clusters:
    entry("2024-03-04", "reserve", c, "", "", "", "klyngemidler", 1_000_000_00)
    entry("2024-09-01", "unreserve", c, "", "", "", "klyngemidler", 400_000_00)
months = [f"{y}-{m:02d}" for y in range(2022, 2028) for m in range(1, 13)]
while len(ledger) < a.lines:
    init = inits[rnd.randrange(len(inits))]
    iid, c = init[0], init[1]
    date = f"{rnd.choice(months)}-{rnd.randint(1, 28):02d}"
    ore = rnd.randint(100_00, 700_000)
    entry(date, "expense", c, iid, "", rnd.choice(cats), "", ore)
    if rnd.random() < 0.01 and len(ledger) < a.lines:  # a correction: the same entry reversed later
        orig = ledger[-1]
        entry(date, "expense", c, iid, "", orig[6], "", ore, rev=orig[0])
w("ledger.csv", "id,date,kind,body,initiative,counterparty,category,source,amount,decision,reverses,note", ledger)

if a.journal:
    # Each entry as a transaction in the accounts of design §13; a reversal swaps the postings.
    with open(a.journal, "w", encoding="utf-8") as j:
        for e in ledger:
            _, date, kind, body, init, cp, cat, src, amount, _, rev, _ = e
            if kind == "receipt": up, down = f"pool:{body}:free", f"income:{body}"
            elif kind == "grant": up, down = f"init:{body}:{init}", f"pool:{body}:free"
            elif kind == "return": up, down = f"pool:{body}:free", f"init:{body}:{init}"
            elif kind == "reserve": up, down = f"pool:{body}:reserved", f"pool:{body}:free"
            elif kind == "unreserve": up, down = f"pool:{body}:free", f"pool:{body}:reserved"
            elif kind == "expense": up, down = f"spent:{body}:{init}", f"init:{body}:{init}"
            elif kind == "contribution":
                up = f"init:{body}:{init}" if init else f"pool:{body}:free"
                down = f"pool:{cp}:free" if cp else f"income:{src or 'unknown'}"
            else: up, down = (f"init:{body}:{init}" if init else f"pool:{body}:free"), "equity:opening"
            if rev: up, down = down, up
            j.write(f"{date.replace('-', '/')} {kind}\n    {up}  {amount} DKK\n    {down}\n\n")
print(f"{a.out}: {len(ledger)} ledger lines, {len(inits)} initiatives")
