-- klynge schema: each revision keeps the ledger's entry count and head (the hash of its last entry) after it
-- (design §14). `klynge check` verifies them against the chain, so that a deleted last entry is found even when
-- the one row of ledger_head is set back with it, and an entry moved to another revision is found too. The
-- revisions before this version get theirs from the chain as stored: entries are written in revision order.
ALTER TABLE revisions ADD COLUMN entries INTEGER CHECK (entries IS NULL OR entries >= 0);
ALTER TABLE revisions ADD COLUMN head TEXT CHECK (head IS NULL OR length(head) = 64);
CREATE TEMP TABLE revision_runs AS
  SELECT revision, count(*) AS n, max(seq) AS last FROM ledger GROUP BY revision;
CREATE TEMP TABLE revision_heads AS
  SELECT r.number, coalesce(sum(x.n), 0) AS entries, max(x.last) AS last
  FROM revisions r LEFT JOIN revision_runs x ON x.revision <= r.number GROUP BY r.number;
UPDATE revisions SET
  entries = (SELECT h.entries FROM revision_heads h WHERE h.number = revisions.number),
  head = coalesce((SELECT l.hash FROM revision_heads h JOIN ledger l ON l.seq = h.last WHERE h.number = revisions.number),
                  '0000000000000000000000000000000000000000000000000000000000000000');
DROP TABLE revision_runs;
DROP TABLE revision_heads;
