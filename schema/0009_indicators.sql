-- klynge schema: indicators and their measurements, cost-sharing keys, and each initiative's reporting cadence
-- (design §14). Numbers that are not money (values, baselines, targets, counts, shares) are kept as text in their
-- canonical English form with the decimals they were typed with (`13.2`, `15`): the decimals are part of the
-- value (a value must agree with its counts to its own decimals), and klynge computes with them as exact decimals.

ALTER TABLE initiatives ADD COLUMN reporting TEXT CHECK (reporting IN ('month','quarter','none'));

CREATE TABLE indicators (
  seq           INTEGER PRIMARY KEY,
  initiative    TEXT NOT NULL REFERENCES initiatives(id) DEFERRABLE INITIALLY DEFERRED,
  id            TEXT NOT NULL CHECK (id GLOB '[a-z0-9æøå]*' AND id NOT GLOB '*[^a-z0-9æøå_-]*'),
  name          TEXT NOT NULL CHECK (name <> ''),
  unit          TEXT NOT NULL CHECK (unit IN ('percent','count','ratio','kroner','days')),
  direction     TEXT NOT NULL CHECK (direction IN ('lower','higher')),
  baseline      TEXT CHECK (baseline <> ''),
  baseline_from TEXT CHECK (baseline_from IS date(baseline_from)),
  baseline_to   TEXT CHECK (baseline_to IS date(baseline_to)),
  baseline_note TEXT NOT NULL DEFAULT '',
  target        TEXT CHECK (target <> ''),
  target_date   TEXT CHECK (target_date IS date(target_date)),
  revision      INTEGER NOT NULL DEFAULT 1,  -- the revision that wrote it (schema 6)
  UNIQUE (initiative, id)
) STRICT;

CREATE TABLE measurements (
  seq         INTEGER PRIMARY KEY,
  initiative  TEXT NOT NULL,
  indicator   TEXT NOT NULL,
  date        TEXT NOT NULL CHECK (date IS date(date)),
  value       TEXT NOT NULL CHECK (value <> ''),
  numerator   TEXT CHECK (numerator <> ''),
  denominator TEXT CHECK (denominator <> ''),
  period_from TEXT CHECK (period_from IS date(period_from)),
  period_to   TEXT CHECK (period_to IS date(period_to)),
  note        TEXT NOT NULL DEFAULT '',
  revision    INTEGER NOT NULL DEFAULT 1,  -- the revision that wrote it (schema 6)
  FOREIGN KEY (initiative, indicator) REFERENCES indicators(initiative, id) DEFERRABLE INITIALLY DEFERRED,
  UNIQUE (initiative, indicator, date)
) STRICT;

CREATE TABLE sharing_keys (
  seq   INTEGER PRIMARY KEY,
  key   TEXT NOT NULL CHECK (key GLOB '[a-z0-9æøå]*' AND key NOT GLOB '*[^a-z0-9æøå_-]*'),
  body  TEXT NOT NULL REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
  share TEXT NOT NULL CHECK (share <> ''),
  revision INTEGER NOT NULL DEFAULT 1,  -- the revision that wrote it (schema 6)
  UNIQUE (key, body)
) STRICT;
