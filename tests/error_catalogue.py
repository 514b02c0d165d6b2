#!/usr/bin/env python3
"""The error catalogue (docs/errors.md) is made from the golden tests: every case whose stderr holds an error or
a warning is listed with the message, the exit code and the input that produces it. So every message in the
catalogue has a test, and the catalogue cannot go stale:
  error_catalogue.py ROOT            checks that docs/errors.md is what the golden tests say
  error_catalogue.py ROOT --write    writes it
"""
import os, sys

root = sys.argv[1]
cases_root = os.path.join(root, "tests", "cli")
doc = os.path.join(root, "docs", "errors.md")

GROUPS = [
    ("import-errors", "Bad input files (exit 1, nothing written; imported on top of examples/vest)"),
    ("import", "Importing again"),
    ("add", "Adding one record (exit 1: the option is named instead of file:line:column)"),
    ("usage", "The command line (exit 2, or 1 when a name does not exist)"),
    ("init", "The database (exit 3)"),
    ("export", "Export"),
    ("check", "check"),
    ("backup", "Backup and restore"),
    ("reliability", "Faults and hostile conditions: sums, outputs, empty options, damaged files"),
    ("revisions", "Revisions: running sheets, corrections, undo, --known-at, warnings when writing"),
    # Run against a throw-away PostgreSQL server (tests/pg/run_case.sh), whose address is written HOST:PORT/DB.
    ("../pg/cases", "A database on a server (PostgreSQL)"),
]

def read(path, limit=None):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8", errors="replace")
    if "\0" in text:
        text = text.replace("\0", "\\0")
    if limit and len(text) > limit:
        text = text[:limit] + "…\n"
    return text

def inputs(case):
    shown = []
    for base, _, files in sorted(os.walk(case)):
        for f in sorted(files):
            if f in ("cmd", "stdout", "stderr", "exit"):
                continue
            p = os.path.join(base, f)
            shown.append((os.path.relpath(p, case), read(p, 600)))
    return shown

out = ["# Error catalogue", "",
       "Every message klynge gives about data, the command line or the database, with an input that produces it.",
       "This page is generated from the golden tests (`tests/error_catalogue.py --write`); each entry names its test",
       "folder, where `cmd` shows the commands. A message about a place in a file starts with `file:line:column`",
       "(the column is the 1-based field number) and names the column's header; other messages start with",
       "`klynge: error:` (or `klynge: warning:`).", ""]
for folder, title in GROUPS:
    d = os.path.join(cases_root, folder)
    if not os.path.isdir(d):
        continue
    entries = []
    for name in sorted(os.listdir(d)):
        case = os.path.join(d, name)
        stderr = os.path.join(case, "stderr")
        if not os.path.isfile(stderr):
            continue
        messages = [l for l in read(stderr).splitlines() if "error:" in l or "warning:" in l]
        if not messages:
            continue
        code = read(os.path.join(case, "exit")).strip() if os.path.isfile(os.path.join(case, "exit")) else "0"
        entries.append((name, messages, inputs(case)))
    if not entries:
        continue
    out += ["## " + title, ""]
    for name, messages, files in entries:
        test = os.path.normpath(os.path.join("tests", "cli", folder, name))
        out += ["### " + name.replace("-", " "), "", "Test: `%s`" % test, "", "```"]
        out += messages
        out += ["```", ""]
        for rel, text in files:
            out += ["`%s`:" % rel, "", "```", text.rstrip("\n"), "```", ""]
text = "\n".join(out).rstrip("\n") + "\n"

if "--write" in sys.argv:
    with open(doc, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print("wrote", doc)
    sys.exit(0)
current = open(doc, encoding="utf-8", newline="").read() if os.path.exists(doc) else ""
if current != text:
    print("docs/errors.md is not what the golden tests say: run tests/error_catalogue.py . --write and review")
    sys.exit(1)
print("error catalogue: up to date")
