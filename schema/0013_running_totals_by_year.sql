-- klynge schema 13: the running totals restart every year, so that an entry dated among stored days rewrites the
-- running sums of its key's later days in its own year only, and one row per later year, not every later day
-- (bench/revisions.sh: a month spread over earlier days cost three to five times more at 1M lines than at 100k).
-- A key's sum as of D is the running sum of its last day on or before D plus the opening of that day's year: two
-- index seeks (on PostgreSQL a report reads the openings once instead). Derived as before: kept by the program in the ledger's transaction, compared with a fresh sum of the
-- ledger by `klynge check`, rebuilt by `klynge check --rebuild-totals`.

-- Per key and calendar year with entries ('2025'): the signed sum of the year's entries, and of all the key's
-- entries before the year.
CREATE TABLE ledger_years (
  key     INTEGER NOT NULL,
  year    TEXT NOT NULL,
  opening INTEGER NOT NULL,
  total   INTEGER NOT NULL,
  PRIMARY KEY (key, year)
) STRICT, WITHOUT ROWID;

INSERT INTO ledger_years (key, year, opening, total)
  SELECT key, year, sum(total) OVER (PARTITION BY key ORDER BY year) - total, total
  FROM (SELECT key, substr(day, 1, 4) AS year, sum(amount) AS total FROM ledger_days GROUP BY key, year);

-- ledger_days.running is from now on the running sum within the day's year.
UPDATE ledger_days SET running = running - (SELECT y.opening FROM ledger_years y
                                            WHERE y.key = ledger_days.key AND y.year = substr(ledger_days.day, 1, 4));
