-- The funds TOTAL (free, reserved, remaining) as of :asof, computed from klynge's ledger table by sqlite3.
-- A reversal (reverses IS NOT NULL) counts against the figure of its original (design §12).
WITH e AS (
  SELECT kind, initiative, counterparty, amount * (CASE WHEN reverses IS NULL THEN 1 ELSE -1 END) AS a
  FROM ledger WHERE date <= :asof
), f AS (
  SELECT
    SUM(CASE WHEN kind = 'receipt' OR (kind IN ('opening', 'contribution') AND initiative IS NULL) THEN a ELSE 0 END) AS received,
    SUM(CASE WHEN kind = 'grant' THEN a WHEN kind = 'return' THEN -a
             WHEN kind = 'contribution' AND counterparty IS NOT NULL THEN a ELSE 0 END) AS granted,
    SUM(CASE WHEN kind = 'reserve' THEN a WHEN kind = 'unreserve' THEN -a ELSE 0 END) AS reserved,
    SUM(CASE WHEN kind = 'grant' OR (kind IN ('opening', 'contribution') AND initiative IS NOT NULL) THEN a
             WHEN kind = 'return' THEN -a WHEN kind = 'expense' THEN -a ELSE 0 END) AS remaining
  FROM e
)
SELECT received - granted - reserved, reserved, remaining FROM f;  -- in øre
