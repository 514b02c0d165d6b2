-- klynge schema, version 3: running totals of the ledger, so that a report as of any date reads one row per
-- key instead of every entry (bench/RESULTS.md). They are derived, never typed: written by the program in the
-- transaction that writes the ledger rows (Store::update_totals), filled from the ledger when a database is
-- migrated to this version, compared with a fresh sum of the ledger by `klynge check`, and rebuilt from the
-- ledger by `klynge check --rebuild-totals`.

-- What the totals are kept by: every figure of design §2 is a sum over entries of one key.
-- Empty text stands for no initiative / counterparty, so that the key is unique.
CREATE TABLE ledger_keys (
  id           INTEGER PRIMARY KEY,
  body         TEXT NOT NULL,
  initiative   TEXT NOT NULL,
  counterparty TEXT NOT NULL,
  kind         TEXT NOT NULL,
  category     TEXT NOT NULL,
  UNIQUE (body, initiative, counterparty, kind, category)
) STRICT;

-- Per key and day with entries: the signed sum of the day's entries (a reversal counts negative), how many
-- there were, and the running sum of all the key's entries up to and including the day. The sum as of D is
-- the running sum of the key's last day on or before D: one index seek.
CREATE TABLE ledger_days (
  key     INTEGER NOT NULL,
  day     TEXT NOT NULL,
  amount  INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  running INTEGER NOT NULL,
  PRIMARY KEY (key, day)
) STRICT, WITHOUT ROWID;
