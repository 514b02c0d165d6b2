-- klynge schema: what a write checks stays proportional to the write, not to the ledger (bench/revisions.sh).
-- The ledger's amounts without their sign, added up (at most max_total_ore: money.hpp), kept in the head's row by
-- the transaction that writes entries, so that an import no longer sums the whole ledger to know how much room is
-- left; `klynge check` compares it with a fresh sum, `check --rebuild-totals` sums it again. The program fills it
-- after this file (a sum beyond 64 bits is capped, which SQL cannot say).
ALTER TABLE ledger_head ADD COLUMN magnitude INTEGER NOT NULL DEFAULT 0 CHECK (magnitude >= 0);
-- The entries that cite a decision: the warning about a decision of another initiative reads only those.
CREATE INDEX ledger_decision ON ledger(initiative, decision) WHERE decision IS NOT NULL;
