-- klynge schema on PostgreSQL, version 14: each revision keeps the ledger's entry count and head after it, as
-- schema/0014 on SQLite (design §14; `klynge check` verifies them against the chain).
ALTER TABLE revisions ADD COLUMN entries bigint CHECK (entries IS NULL OR entries >= 0);
ALTER TABLE revisions ADD COLUMN head text COLLATE "C" CHECK (head IS NULL OR length(head) = 64);
WITH runs AS (SELECT revision, count(*) AS n, max(seq) AS last FROM ledger GROUP BY revision),
     heads AS (SELECT r.number, coalesce(sum(x.n), 0) AS entries, max(x.last) AS last
               FROM revisions r LEFT JOIN runs x ON x.revision <= r.number GROUP BY r.number)
UPDATE revisions SET entries = h.entries,
                     head = coalesce((SELECT l.hash FROM ledger l WHERE l.seq = h.last), '0000000000000000000000000000000000000000000000000000000000000000')
FROM heads h WHERE h.number = revisions.number;
