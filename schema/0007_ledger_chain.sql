-- klynge schema: a tamper-evident ledger (design §14). In the order entries were written (seq), each entry keeps
-- in `hash` the SHA-256 of the previous entry's hash and its own exported columns in canonical form
-- (engine/include/klynge/chain.hpp says exactly what is hashed). The program computes the hash in the transaction
-- that writes the entry; `klynge check` computes the chain again and names the first entry that differs.
-- `ledger_head` holds, in its one row, how many entries the chain has and the hash of the last, written in the
-- same transaction: a deleted last entry leaves the chain whole but no longer reaching the head.
-- SQLite has no SHA-256 of its own: after this file, the program builds the chain over the entries already stored
-- (in the migration's transaction; the append-only triggers stand aside for that step only).
ALTER TABLE ledger ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);

CREATE TABLE ledger_head (
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  entries INTEGER NOT NULL CHECK (entries >= 0),
  head    TEXT NOT NULL CHECK (length(head) = 64)
) STRICT;
INSERT INTO ledger_head VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
