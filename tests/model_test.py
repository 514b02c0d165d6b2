#!/usr/bin/env python3
"""Properties of the money figures against an independent model.

For each seed a generator writes a data set whose ledger holds every kind of entry — openings of a pool and of an
initiative (positive and negative), receipts (one now and then naming an initiative), grants, reservations and
releases (of the pool and for an initiative), returns, expenses, contributions to a pool and to an initiative
with and without a paying body in the books — and reversals of each kind, with dated owner changes and decisions
cited by the entries. klynge imports it (in two imports, the second holding entries dated before stored ones) and
prints `funds`, `status` and `decisions` as machine CSV as of several dates. The model below computes the same
figures as plain sums per kind over the entries dated on or before the date, written from design §2 and §12 and
nothing else (it calls no part of klynge):

  pool of B:       received = openings of B's pool (no initiative) + receipts of B + contributions to B's pool
                   granted  = grants of B − returns of B + contributions B paid as counterparty
                   reserved = reservations of B − releases of B;   free = received − granted − reserved
  initiative I:    budget = openings naming I + grants to I + contributions to I − returns from I
                   spent = expenses of I;  remaining = budget − spent;  reserved_for = reservations − releases naming I
  funds of B:      budget, spent, remaining summed over the initiatives B owns as of D (its row, then owner changes)
  decision:        amount = grants + reservations + contributions citing it − returns − releases citing it,
                   and per kind: granted, reserved, contributed (+), released, returned (−) — amount their sum
  a reversal:      counts on its own date, negated, in the figure (and for the decision) its original counted in

Every difference is printed with the seed, the date, the report, the row, the column, what the model expected and
what klynge printed. Rerun one seed, keeping its data: model_test.py KLYNGE --seed S --keep DIR.
  model_test.py KLYNGE [--seeds N]
"""
import argparse, csv, datetime, io, os, random, subprocess, sys, tempfile

parser = argparse.ArgumentParser()
parser.add_argument("klynge")
parser.add_argument("--seeds", type=int, default=12)
parser.add_argument("--seed", type=int)
parser.add_argument("--keep")
args = parser.parse_args()

BODIES = [("a", "cluster"), ("b", "region"), ("c", "municipality"), ("d", "other")]
INITIATIVES = [("i1", "a"), ("i2", "a"), ("i3", "b"), ("i4", "c"), ("i5", "d")]
DECISIONS = ["d1", "d2", "d3"]
KINDS = ["opening", "receipt", "grant", "reserve", "unreserve", "return", "expense", "contribution"]


def day(n):
    return datetime.date(2025, 1, 1) + datetime.timedelta(days=n)


def money(ore):
    sign = "-" if ore < 0 else ""
    return "%s%d.%02d" % (sign, abs(ore) // 100, abs(ore) % 100)


class Entry:
    def __init__(self, **kw):
        self.id = kw["id"]
        self.date = kw["date"]
        self.kind = kw["kind"]
        self.body = kw["body"]
        self.initiative = kw.get("initiative", "")
        self.counterparty = kw.get("counterparty", "")
        self.source = kw.get("source", "")
        self.amount = kw["amount"]  # øre, as written
        self.decision = kw.get("decision", "")
        self.reverses = kw.get("reverses", "")


def generate(seed, n):
    """A valid ledger of n entries and more, in date order, with owner changes."""
    rng = random.Random(seed)
    bodies = [b for b, _ in BODIES]
    inits = [i for i, _ in INITIATIVES]
    days = sorted(rng.randrange(365) for _ in range(n))
    entries, reversed_ids = [], set()
    held = {}  # (body, initiative) -> what is reserved (the engine refuses a release of more)
    made = {k: 0 for k in KINDS}
    undone = {k: 0 for k in KINDS}  # reversals made, per kind
    for k, offset in enumerate(days):
        date = day(offset)
        decision = rng.choice(DECISIONS + [""] * 3)
        amount = rng.randrange(1, 10_000_000)
        # Taking back a reservation must not leave a release above what is reserved (the engine refuses it).
        candidates = [e for e in entries if e.id not in reversed_ids and not e.reverses and
                      (e.kind != "reserve" or held[(e.body, e.initiative)] >= e.amount)]
        if candidates and rng.random() < 0.25:
            # Mostly the kind reversed least so far, so that every kind is reversed in every seed.
            least = min(undone[c.kind] for c in candidates)
            o = rng.choice([c for c in candidates if undone[c.kind] == least] if rng.random() < 0.7 else candidates)
            if o.kind in ("reserve", "unreserve"):
                held[(o.body, o.initiative)] += -o.amount if o.kind == "reserve" else o.amount
            reversed_ids.add(o.id)
            # The reversal may cite another decision than its original: it counts for the original's (§12).
            entries.append(Entry(id="r%d" % k, date=date, kind=o.kind, body=o.body, initiative=o.initiative,
                                 counterparty=o.counterparty, source=o.source, amount=o.amount,
                                 decision=rng.choice([o.decision, decision]), reverses=o.id))
            undone[o.kind] += 1
            continue
        # Every kind equally often, so each appears (and is reversed) in every seed.
        kind = min(KINDS, key=lambda x: (made[x], rng.random())) if rng.random() < 0.5 else rng.choice(KINDS)
        body, init = rng.choice(bodies), rng.choice(inits)
        e = dict(id="e%d" % k, date=date, kind=kind, body=body, amount=amount, decision=decision)
        if kind == "opening":
            e["initiative"] = rng.choice([init, ""])
            e["amount"] = amount if rng.random() < 0.6 else -amount
        elif kind == "receipt":
            e["initiative"] = init if rng.random() < 0.15 else ""
            e["source"] = "klyngemidler"
        elif kind in ("grant", "return", "expense"):
            e["initiative"] = init
        elif kind == "reserve":
            e["initiative"] = rng.choice([init, ""])
        elif kind == "unreserve":
            pairs = [p for p, v in held.items() if v > 0]
            if not pairs:
                kind = e["kind"] = "reserve"
                e["initiative"] = rng.choice([init, ""])
            else:
                e["body"], e["initiative"] = rng.choice(pairs)
                e["amount"] = rng.randrange(1, held[(e["body"], e["initiative"])] + 1)
        elif kind == "contribution":
            e["initiative"] = rng.choice([init, ""])
            if rng.random() < 0.5:
                e["counterparty"] = rng.choice([b for b in bodies if b != body])
            else:
                e["source"] = "Sundhedsklynge Fyn"
        if kind in ("reserve", "unreserve"):
            key = (e["body"], e.get("initiative", ""))
            held[key] = held.get(key, 0) + (e["amount"] if kind == "reserve" else -e["amount"])
        entries.append(Entry(**e))
        made[kind] += 1
    # Owners move on dated changes (the figures of funds follow the owner as of D).
    changes = []
    for i in inits:
        for _ in range(rng.choice([0, 0, 1, 2])):
            changes.append((day(rng.randrange(365)), i, rng.choice(bodies)))
    changes = sorted(set((d, i, b) for d, i, b in changes))
    seen = set()
    changes = [c for c in changes if (c[0], c[1]) not in seen and not seen.add((c[0], c[1]))]
    return entries, changes


def write_data(folder, entries, changes, rng):
    """The records in folder/data, the ledger in folder/ledger-0 and folder/ledger-1 (to import in that order)."""
    os.makedirs(os.path.join(folder, "data"), exist_ok=True)

    def write(name, header, rows):
        with open(os.path.join(folder, "data", name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    write("bodies.csv", ["id", "kind", "name"], [(b, k, b.upper()) for b, k in BODIES])
    write("groups.csv", ["id", "body", "name", "level"], [("g", "a", "G", "strategic")])
    write("meetings.csv", ["id", "group", "date"], [("m", "g", "2024-06-01")])
    write("decisions.csv", ["id", "meeting", "item", "title"], [(d, "m", str(n + 1), "D" + d) for n, d in enumerate(DECISIONS)])
    write("initiatives.csv", ["id", "body", "name", "status"], [(i, b, i.upper(), "active") for i, b in INITIATIVES])
    write("changes.csv", ["date", "initiative", "field", "value"], [(d.isoformat(), i, "owner", b) for d, i, b in changes])
    # Two imports: the second holds entries dated before stored ones. A reversal comes in the import of its
    # original or a later one; the reservations and releases of one pool or initiative come in one import (a
    # release is checked against what that import finds reserved).
    part = {}
    pair_part = {}
    for e in entries:
        if e.kind in ("reserve", "unreserve"):
            part[e.id] = pair_part.setdefault((e.body, e.initiative), rng.choice([0, 1]))
        elif e.reverses:
            part[e.id] = max(part[e.reverses], rng.choice([0, 1]))
        else:
            part[e.id] = rng.choice([0, 1])
    header = ["id", "date", "kind", "body", "initiative", "counterparty", "source", "amount", "decision", "reverses"]
    ledgers = []
    for p in (0, 1):
        sub = os.path.join(folder, "ledger-%d" % p)
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "ledger.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for e in entries:
                if part[e.id] == p:
                    w.writerow([e.id, e.date.isoformat(), e.kind, e.body, e.initiative, e.counterparty, e.source,
                                money(e.amount), e.decision, e.reverses])
        ledgers.append(sub)
    return ledgers


def model(entries, changes, as_of):
    """The figures as of a date, summed per kind from the entries (design §2, §12)."""
    by_id = {e.id: e for e in entries}
    pool = {b: dict(received=0, granted=0, reserved=0) for b, _ in BODIES}
    ini = {i: dict(budget=0, spent=0, reserved_for=0) for i, _ in INITIATIVES}
    per_kind = ["granted", "reserved", "released", "contributed", "returned"]
    decided = {d: dict(amount=0, **{k: 0 for k in per_kind}) for d in DECISIONS}
    column = dict(grant="granted", reserve="reserved", unreserve="released", contribution="contributed",
                  **{"return": "returned"})
    for e in entries:
        if e.date > as_of:
            continue
        # A reversal takes back what its original counted, in the original's figures.
        o, sign = e, 1
        while o.reverses:
            o, sign = by_id[o.reverses], -sign
        a = sign * o.amount
        if o.kind == "opening":
            if o.initiative:
                ini[o.initiative]["budget"] += a
            else:
                pool[o.body]["received"] += a
        elif o.kind == "receipt":
            pool[o.body]["received"] += a
        elif o.kind == "grant":
            pool[o.body]["granted"] += a
            ini[o.initiative]["budget"] += a
        elif o.kind == "return":
            pool[o.body]["granted"] -= a
            ini[o.initiative]["budget"] -= a
        elif o.kind == "reserve":
            pool[o.body]["reserved"] += a
            if o.initiative:
                ini[o.initiative]["reserved_for"] += a
        elif o.kind == "unreserve":
            pool[o.body]["reserved"] -= a
            if o.initiative:
                ini[o.initiative]["reserved_for"] -= a
        elif o.kind == "expense":
            ini[o.initiative]["spent"] += a
        elif o.kind == "contribution":
            if o.initiative:
                ini[o.initiative]["budget"] += a
            else:
                pool[o.body]["received"] += a
            if o.counterparty:
                pool[o.counterparty]["granted"] += a
        if o.decision and o.kind in ("grant", "reserve", "contribution"):
            decided[o.decision]["amount"] += a
            decided[o.decision][column[o.kind]] += a
        elif o.decision and o.kind in ("return", "unreserve"):
            decided[o.decision]["amount"] -= a
            decided[o.decision][column[o.kind]] -= a
    owner = dict(INITIATIVES)
    for d, i, b in changes:  # in date order
        if d <= as_of:
            owner[i] = b
    for i, m in ini.items():
        m["remaining"] = m["budget"] - m["spent"]
        m["owner"] = owner[i]
    funds = {}
    for b, p in pool.items():
        owned = [ini[i] for i in ini if owner[i] == b]
        funds[b] = dict(received=p["received"], granted=p["granted"], reserved=p["reserved"],
                        free=p["received"] - p["granted"] - p["reserved"],
                        budget=sum(m["budget"] for m in owned), spent=sum(m["spent"] for m in owned),
                        remaining=sum(m["remaining"] for m in owned))
        funds[b]["over_committed"] = funds[b]["free"] < 0
    return funds, ini, decided


def cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return money(v)
    return v


def run(klynge, db, argv, env):
    r = subprocess.run([klynge, "--db", db] + argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise SystemExit("klynge %s: exit %d\n%s" % (" ".join(argv), r.returncode, r.stderr.decode("utf-8", "replace")))
    return r.stdout.decode("utf-8")


def check_seed(seed, folder, env):
    rng = random.Random(seed * 7919)
    entries, changes = generate(seed, 90)
    ledgers = write_data(folder, entries, changes, rng)
    db = os.path.join(folder, "klynge.db")
    run(args.klynge, db, ["--quiet", "init"], env)
    run(args.klynge, db, ["--quiet", "import", os.path.join(folder, "data")], env)
    for sub in ledgers:
        run(args.klynge, db, ["--quiet", "import", os.path.join(sub, "ledger.csv")], env)
    # Around the year, and on the day of an entry and of an owner change and the day before each (dates count
    # inclusively).
    dates = {datetime.date(2024, 12, 31), datetime.date(2025, 3, 31), datetime.date(2025, 9, 30),
             datetime.date(2025, 12, 31)}
    for pick in [rng.choice(entries).date] + ([rng.choice(changes)[0]] if changes else []):
        dates |= {pick - datetime.timedelta(days=1), pick}
    dates = sorted(dates)
    problems, compared = [], 0
    for as_of in dates:
        funds, ini, decided = model(entries, changes, as_of)
        expected = {
            "funds": ("body", funds, ["received", "granted", "reserved", "free", "budget", "spent", "remaining",
                                      "over_committed"]),
            "status": ("initiative", ini, ["owner", "budget", "spent", "remaining", "reserved_for"]),
            "decisions": ("decision", decided, ["amount", "granted", "reserved", "released", "contributed",
                                                 "returned"]),
        }
        for report, (key, rows, columns) in expected.items():
            got = list(csv.DictReader(io.StringIO(run(args.klynge, db, ["report", report, "--as-of", as_of.isoformat(),
                                                                       "--format", "csv"], env))))
            where = "seed %d, report %s --as-of %s" % (seed, report, as_of)
            by_key = {}
            for r in got:
                by_key.setdefault(r[key], []).append(r)
            totals = {}
            for k, figures in rows.items():
                found = by_key.get(k, [])
                if len(found) != 1:
                    problems.append("%s: %d rows for %s %s, expected one" % (where, len(found), key, k))
                    continue
                for c in columns:
                    compared += 1
                    if isinstance(figures[c], int) and not isinstance(figures[c], bool):
                        totals[c] = totals.get(c, 0) + figures[c]
                    if found[0].get(c) != cell(figures[c]):
                        problems.append("%s, %s %s, %s: expected %s, got %s" % (where, key, k, c, cell(figures[c]),
                                                                                found[0].get(c)))
            if len(got) != len(rows) + 1 or got[-1][key] != "TOTAL":
                problems.append("%s: expected %d rows and a TOTAL row, got %d rows" % (where, len(rows), len(got)))
                continue
            for c, v in totals.items():
                compared += 1
                if got[-1].get(c) != money(v):
                    problems.append("%s, TOTAL, %s: expected %s, got %s" % (where, c, money(v), got[-1].get(c)))
    kinds = {(e.kind, bool(e.reverses)) for e in entries}
    missing = [(k, r) for k in KINDS for r in (False, True) if (k, r) not in kinds]
    if missing:  # the generator must make every kind, and a reversal of every kind
        problems.append("seed %d: the generated ledger has no %s" % (
            seed, ", ".join(("reversal of a " if r else "") + k for k, r in missing)))
    return problems, compared


env = dict(os.environ, KLYNGE_TODAY="2026-11-25", TZ="UTC", LC_ALL="C.UTF-8")
env.pop("KLYNGE_DB", None)
seeds = [args.seed] if args.seed is not None else list(range(1, args.seeds + 1))
all_problems, total = [], 0
with tempfile.TemporaryDirectory() as scratch:
    for seed in seeds:
        folder = args.keep or os.path.join(scratch, "seed-%d" % seed)
        if args.keep and os.path.exists(os.path.join(folder, "klynge.db")):
            raise SystemExit("%s holds a database already: name a new folder to keep" % folder)
        problems, compared = check_seed(seed, folder, env)
        total += compared
        all_problems += problems
for p in all_problems[:60]:
    print("FAIL " + p)
if len(all_problems) > 60:
    print("… and %d more" % (len(all_problems) - 60))
print("%d figures compared with the model over %d seeds, %d differ" % (total, len(seeds), len(all_problems)))
sys.exit(1 if all_problems or total == 0 else 0)
