-- klynge schema (SQLite 0011): the ledger's amounts without their sign, added up and capped at max_total_ore
-- (money.hpp), kept in the head's row by the transaction that writes entries; the entries that cite a decision.
ALTER TABLE ledger_head ADD COLUMN magnitude bigint NOT NULL DEFAULT 0 CHECK (magnitude >= 0);
UPDATE ledger_head SET magnitude = (SELECT least(coalesce(sum(abs(amount::numeric)), 0), 2305843009213693951)::bigint FROM ledger);
CREATE INDEX ledger_decision ON ledger(initiative, decision) WHERE decision IS NOT NULL;
