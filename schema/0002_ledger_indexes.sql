-- klynge schema, version 2: the ledger keeps only the indexes its queries use.
-- Measured on a 100k-line import (bench/): each index on the ledger costs import time, and no query filters
-- by (body, date), (initiative, date) or date alone: reports read the ledger in one pass. The ids (UNIQUE)
-- and the reversals (UNIQUE) keep theirs; an as-of query that needs an index adds it with its migration.
DROP INDEX ledger_body_date;
DROP INDEX ledger_initiative_date;
DROP INDEX ledger_date;
