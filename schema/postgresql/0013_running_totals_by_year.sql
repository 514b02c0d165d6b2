-- klynge schema on PostgreSQL, version 13 (SQLite 0013): the running totals restart every year. A key's sum as of D
-- is the running sum of its last day on or before D plus the opening of that day's year, so that an entry dated
-- among stored days rewrites its key's later days in its own year and one row per later year, not every later day.
CREATE TABLE ledger_years (
  key     bigint NOT NULL,
  year    text COLLATE "C" NOT NULL,
  opening bigint NOT NULL,
  total   bigint NOT NULL,
  PRIMARY KEY (key, year)
);

INSERT INTO ledger_years (key, year, opening, total)
  SELECT key, year, sum(total) OVER (PARTITION BY key ORDER BY year) - total, total
  FROM (SELECT key, substr(day, 1, 4) AS year, sum(amount) AS total FROM ledger_days GROUP BY key, year) AS y;

UPDATE ledger_days SET running = running - y.opening
  FROM ledger_years y WHERE y.key = ledger_days.key AND y.year = substr(ledger_days.day, 1, 4);
