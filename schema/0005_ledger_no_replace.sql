-- klynge schema, version 5: no statement can replace a ledger entry. `INSERT OR REPLACE` (or `REPLACE`, or an
-- insert whose conflict resolution is REPLACE) deletes the conflicting row without firing the delete trigger, so
-- an entry could be rewritten with plain SQL. This trigger refuses any insert that meets a stored entry's seq, id
-- or reversal before SQLite resolves the conflict. klynge itself never inserts such a row: it looks the id up
-- when the insert is refused.
CREATE TRIGGER ledger_no_replace BEFORE INSERT ON ledger
WHEN EXISTS (SELECT 1 FROM ledger WHERE seq = NEW.seq)
  OR EXISTS (SELECT 1 FROM ledger WHERE id = NEW.id)
  OR (NEW.reverses IS NOT NULL AND EXISTS (SELECT 1 FROM ledger WHERE reverses = NEW.reverses))
BEGIN
  SELECT RAISE(ABORT, 'the ledger is append-only: an entry with this seq, id or reversal is stored already');
END;
