-- klynge schema, version 1: the records of design §1–2 and §9.
-- Dates are ISO text (checked by shape and by SQLite's own calendar); money is integer øre.
-- Foreign keys are deferred so that one import can write records that refer to each other in any order.

CREATE TABLE bodies (
  id             TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9_-]*'),
  kind           TEXT NOT NULL CHECK (kind IN ('cluster','council','region','municipality','other')),
  name           TEXT NOT NULL CHECK (name <> ''),
  region         TEXT NOT NULL DEFAULT '',
  active_from    TEXT CHECK (active_from IS date(active_from)),
  active_to      TEXT CHECK (active_to IS date(active_to)),
  successor      TEXT REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
  successor_from TEXT CHECK (successor_from IS date(successor_from)),
  CHECK (active_from IS NULL OR active_to IS NULL OR active_from <= active_to)
) STRICT;

CREATE TABLE groups (
  id     TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9_-]*'),
  body   TEXT NOT NULL REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
  name   TEXT NOT NULL CHECK (name <> ''),
  level  TEXT NOT NULL CHECK (level IN ('political','strategic','coordination','implementation','operations','project','other')),
  parent TEXT REFERENCES groups(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE initiatives (
  id     TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9_-]*'),
  body   TEXT NOT NULL REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
  name   TEXT NOT NULL CHECK (name <> ''),
  kind   TEXT CHECK (kind IN ('cluster_project','lead','free','joint','improvement','evaluation','other')),
  grp    TEXT REFERENCES groups(id) DEFERRABLE INITIALLY DEFERRED,
  lead   TEXT NOT NULL DEFAULT '',
  start  TEXT CHECK (start IS date(start)),
  end    TEXT CHECK (end IS date(end)),
  status TEXT NOT NULL CHECK (status IN ('proposed','approved','active','paused','completed','cancelled','transferred')),
  CHECK (start IS NULL OR end IS NULL OR start <= end)
) STRICT;

CREATE TABLE meetings (
  id    TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9_-]*'),
  grp   TEXT NOT NULL REFERENCES groups(id) DEFERRABLE INITIALLY DEFERRED,
  date  TEXT NOT NULL CHECK (date IS date(date)),
  place TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE decisions (
  id         TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9_-]*'),
  meeting    TEXT NOT NULL REFERENCES meetings(id) DEFERRABLE INITIALLY DEFERRED,
  item       TEXT NOT NULL DEFAULT '',
  title      TEXT NOT NULL CHECK (title <> ''),
  text       TEXT NOT NULL DEFAULT '',
  initiative TEXT REFERENCES initiatives(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

-- Dated changes of an initiative (status, end, owner, group) or of a body (active_to, successor, successor_from).
-- seq keeps file order, which breaks ties between changes of the same date.
CREATE TABLE changes (
  seq        INTEGER PRIMARY KEY,
  date       TEXT NOT NULL CHECK (date IS date(date)),
  initiative TEXT REFERENCES initiatives(id) DEFERRABLE INITIALLY DEFERRED,
  body       TEXT REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
  field      TEXT NOT NULL CHECK (field IN ('status','end','owner','group','active_to','successor','successor_from')),
  value      TEXT NOT NULL,
  decision   TEXT REFERENCES decisions(id) DEFERRABLE INITIALLY DEFERRED,
  note       TEXT NOT NULL DEFAULT '',
  origin     TEXT NOT NULL,
  CHECK ((initiative IS NULL) <> (body IS NULL)),
  CHECK (initiative IS NULL OR field IN ('status','end','owner','group')),
  CHECK (body IS NULL OR field IN ('active_to','successor','successor_from'))
) STRICT;

-- The funds ledger: append-only (see the triggers below). Amounts are positive øre except openings.
CREATE TABLE ledger (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE CHECK (id <> ''),
  date         TEXT NOT NULL CHECK (date IS date(date)),
  kind         TEXT NOT NULL CHECK (kind IN ('opening','receipt','grant','reserve','unreserve','return','expense','contribution')),
  body         TEXT NOT NULL REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
  initiative   TEXT REFERENCES initiatives(id) DEFERRABLE INITIALLY DEFERRED,
  counterparty TEXT REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
  category     TEXT NOT NULL DEFAULT '',
  source       TEXT NOT NULL DEFAULT '',
  amount       INTEGER NOT NULL CHECK (amount > 0 OR (kind = 'opening' AND amount <> 0)),
  decision     TEXT REFERENCES decisions(id) DEFERRABLE INITIALLY DEFERRED,
  reverses     TEXT UNIQUE REFERENCES ledger(id) DEFERRABLE INITIALLY DEFERRED,
  note         TEXT NOT NULL DEFAULT '',
  origin       TEXT NOT NULL,
  CHECK (kind NOT IN ('grant','return','expense') OR initiative IS NOT NULL),
  CHECK (reverses IS NULL OR reverses <> id)
) STRICT;
CREATE INDEX ledger_body_date ON ledger(body, date);
CREATE INDEX ledger_initiative_date ON ledger(initiative, date);
CREATE INDEX ledger_date ON ledger(date);

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
  SELECT RAISE(ABORT, 'the ledger is append-only: record a reversing entry instead of changing one');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
  SELECT RAISE(ABORT, 'the ledger is append-only: record a reversing entry instead of deleting one');
END;

-- Estimate lines; (initiative, category, from, to) names a line, estimated_on its revision.
CREATE TABLE estimates (
  seq          INTEGER PRIMARY KEY,
  initiative   TEXT NOT NULL REFERENCES initiatives(id) DEFERRABLE INITIALLY DEFERRED,
  category     TEXT NOT NULL CHECK (category <> ''),
  date_from    TEXT NOT NULL CHECK (date_from IS date(date_from)),
  date_to      TEXT NOT NULL CHECK (date_to IS date(date_to)),
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  estimated_on TEXT NOT NULL CHECK (estimated_on IS date(estimated_on)),
  note         TEXT NOT NULL DEFAULT '',
  origin       TEXT NOT NULL,
  CHECK (date_from <= date_to),
  UNIQUE (initiative, category, date_from, date_to, estimated_on)
) STRICT;

CREATE TABLE milestones (
  seq        INTEGER PRIMARY KEY,
  initiative TEXT NOT NULL REFERENCES initiatives(id) DEFERRABLE INITIALLY DEFERRED,
  name       TEXT NOT NULL CHECK (name <> ''),
  kind       TEXT CHECK (kind IN ('start','delivery','report','decision','end','handover','other')),
  due        TEXT NOT NULL CHECK (due IS date(due)),
  done       TEXT CHECK (done IS date(done)),
  UNIQUE (initiative, name)
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- One row per imported file of records that are never merged (ledger, changes, estimates).
CREATE TABLE imported_files (
  sha256      TEXT PRIMARY KEY,
  file        TEXT NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;
