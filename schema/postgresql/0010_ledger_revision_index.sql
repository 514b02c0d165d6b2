-- klynge schema on PostgreSQL, version 10: the ledger's entries by the revision that wrote them, as schema/0010 on
-- SQLite (a report as known at an old revision reads the entries written after it through this index).
CREATE INDEX ledger_revision ON ledger(revision);
