-- klynge schema: the ledger's entries by the revision that wrote them. A report as known at an old revision reads
-- the running totals (which are of now) less the entries written after it; this index finds those entries without
-- reading the whole ledger (bench/revisions.sh).
CREATE INDEX ledger_revision ON ledger(revision);
