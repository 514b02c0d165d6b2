#!/usr/bin/env python3
"""Runs the walkthrough of README.md: every ```console block, in order, in one scratch folder.

A line starting with `$ ` is a command (a trailing backslash continues it); the lines after it, up to the next
command or the end of the block, are what it must print (stdout and stderr together). Today is fixed at
2026-11-25 and `examples/` is beside the scratch folder's database, as in a clone.
  readme_test.py KLYNGE README EXAMPLES [--update]   (--update writes what each command prints into the README;
                                                      review the diff before committing it)
  readme_test.py KLYNGE README EXAMPLES --postgresql STATE
      the same walkthrough on the test server (tests/pg/server.sh start STATE): each database the walkthrough names
      (`klynge.db`, `--db NAME.db`) is a new database on the server, and where the output names the server's address
      it is written as the file's name before the comparison (the only difference allowed).
"""
import os, re, shutil, subprocess, sys, tempfile

klynge, readme, examples = sys.argv[1:4]
update = "--update" in sys.argv
server = sys.argv[sys.argv.index("--postgresql") + 1] if "--postgresql" in sys.argv else None
outputs = []

steps = []  # (command, expected lines)
inside = False
for line in open(readme, encoding="utf-8").read().splitlines():
    if line.startswith("```console"):
        inside = True
        continue
    if inside and line.startswith("```"):
        inside = False
        continue
    if not inside:
        continue
    if line.startswith("$ "):
        steps.append([line[2:], []])
    elif steps and steps[-1][0].endswith("\\"):
        steps[-1][0] = steps[-1][0][:-1] + " " + line.strip()
    elif steps:
        steps[-1][1].append(line)

work = tempfile.mkdtemp()
bindir = tempfile.mkdtemp()
os.symlink(os.path.abspath(klynge), os.path.join(bindir, "klynge"))
shutil.copytree(examples, os.path.join(work, "examples"))
env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"], KLYNGE_TODAY="2026-11-25", TZ="UTC",
           KLYNGE_NOW="2026-11-25T09:00:00Z", USER="sekretariat",
           LC_ALL="C.UTF-8")
env.pop("KLYNGE_DB", None)
# On the server: a database per file name the walkthrough uses, made now and dropped at the end.
databases = {}  # file name -> postgresql:// address
if server:
    port = open(os.path.join(server, "port")).read().strip()
    env.update(PGHOST="127.0.0.1", PGPORT=port, PGUSER="postgres",
               PGPASSWORD=open(os.path.join(server, "password")).read().strip())
    names = ["klynge.db"] + sorted(set(n for command, _ in steps for n in re.findall(r"--db (\S+\.db)", command)))
    for n in names:
        db = "readme_%s_%d" % (re.sub(r"[^a-z0-9]", "_", n), os.getpid())
        subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", 'CREATE DATABASE "%s"' % db], env=env, check=True)
        databases[n] = "postgresql://postgres@127.0.0.1:%s/%s" % (port, db)
    env["KLYNGE_DB"] = databases["klynge.db"]

def on_server(command):
    for n, url in databases.items():
        command = re.sub(r"--db %s(?=\s|$)" % re.escape(n), "--db " + url, command)
    return command

def as_files(text):
    for n, url in databases.items():
        text = text.replace(url, n)
    return text
# The schema version is the program's (one per migration): the walkthrough's number is not compared, so that a new
# migration changes no test.
def same(got, expected):
    version = lambda lines: [re.sub(r"schema version \d+", "schema version N", line) for line in lines]
    return version(got) == version(expected)

failed = 0
for command, expected in steps:
    r = subprocess.run(["bash", "-c", on_server(command)], cwd=work, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    got = as_files(r.stdout.decode("utf-8")).splitlines()
    outputs.append(got)
    if update:
        continue
    if not same(got, expected):
        failed += 1
        print("--- README step differs: $ " + command)
        print("expected:\n  " + "\n  ".join(expected))
        print("got:\n  " + "\n  ".join(got))
if update:
    # Rewrite each console block: its commands as written, each followed by what it printed.
    lines = open(readme, encoding="utf-8").read().splitlines()
    out, inside, k, i = [], False, 0, 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```console"):
            inside = True
            out.append(line)
        elif inside and line.startswith("```"):
            inside = False
            out.append(line)
        elif inside:
            if line.startswith("$ "):
                out.append(line)
                while lines[i].endswith("\\"):
                    i += 1
                    out.append(lines[i])
                out.extend(outputs[k])
                k += 1
        else:
            out.append(line)
        i += 1
    open(readme, "w", encoding="utf-8").write("\n".join(out) + "\n")
shutil.rmtree(work)
shutil.rmtree(bindir)
for url in databases.values():
    subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c",
                    'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % url.rsplit("/", 1)[1]], env=env)
print(f"{len(steps)} README steps, {failed} differ")
sys.exit(1 if failed else 0)
