-- klynge schema, version 6: knowledge time (design §14). Every write that changes something is one numbered
-- revision, written in the transaction of its data; every stored record carries the revision that added it.
-- A record that is corrected, updated or retired keeps its earlier version in record_versions (with the revision
-- that superseded it), so the database as known at any revision can be read back. The ledger stays
-- append-only: its rows are never changed; an undo reverses them.

CREATE TABLE revisions (
  number      INTEGER PRIMARY KEY CHECK (number > 0),
  recorded_at TEXT NOT NULL,  -- UTC, ISO 8601 to the second
  user        TEXT NOT NULL,
  command     TEXT NOT NULL,
  files       TEXT NOT NULL DEFAULT '',  -- per source file: PATH SHA256 rows/known/new/corrected, one per line
  added       INTEGER NOT NULL DEFAULT 0,
  corrected   INTEGER NOT NULL DEFAULT 0,
  retired     INTEGER NOT NULL DEFAULT 0,
  undoes      INTEGER REFERENCES revisions(number)  -- the revision an undo undid
) STRICT;

-- The revision that added each stored record (version). A database made by an earlier version holds revision 1.
ALTER TABLE bodies ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE groups ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE initiatives ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE decisions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE changes ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ledger ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE estimates ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE milestones ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE settings ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Superseded and retired versions of the records other than ledger entries: the table, the row's rowid (its
-- place in written order), the revision that added the version and the one that superseded or retired it, and
-- the stored columns as a JSON object (by column name, so that a later column is simply absent).
CREATE TABLE record_versions (
  tbl      TEXT NOT NULL,
  row      INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  retired  INTEGER NOT NULL,
  data     TEXT NOT NULL CHECK (json_valid(data)),
  CHECK (revision < retired)
) STRICT;
CREATE INDEX record_versions_table ON record_versions(tbl, retired);

-- Ledger files imported (sheets). A ledger row without an id is known by its content; the file it first came
-- from is kept with it (ledger.sheet_file), and the files that are versions of one running sheet share `sheet`.
CREATE TABLE ledger_files (
  number   INTEGER PRIMARY KEY,
  revision INTEGER NOT NULL,
  name     TEXT NOT NULL,
  sha256   TEXT NOT NULL,
  sheet    INTEGER NOT NULL
) STRICT;
ALTER TABLE ledger ADD COLUMN sheet_file INTEGER;

-- Entries stored before content identity: the id their content would get now, so a re-sent sheet knows them.
CREATE TABLE ledger_aliases (
  alias TEXT PRIMARY KEY,
  entry TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The fingerprints of imported files give way to content identity and the files of each revision.
DROP TABLE imported_files;

INSERT INTO revisions (number, recorded_at, user, command, added)
SELECT 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '', 'migration',
  (SELECT count(*) FROM bodies) + (SELECT count(*) FROM groups) + (SELECT count(*) FROM initiatives) +
  (SELECT count(*) FROM meetings) + (SELECT count(*) FROM decisions) + (SELECT count(*) FROM changes) +
  (SELECT count(*) FROM ledger) + (SELECT count(*) FROM estimates) + (SELECT count(*) FROM milestones) +
  (SELECT count(*) FROM settings)
WHERE EXISTS (SELECT 1 FROM bodies) OR EXISTS (SELECT 1 FROM ledger) OR EXISTS (SELECT 1 FROM settings);
