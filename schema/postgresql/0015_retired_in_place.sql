-- klynge schema on PostgreSQL, version 15: a record an undo retires stays in its table, marked `retired`, while
-- ledger entries refer to it, as schema/0015 on SQLite.
ALTER TABLE bodies ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE groups ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE initiatives ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE meetings ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE decisions ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE changes ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE estimates ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE milestones ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE settings ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE indicators ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE measurements ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE sharing_keys ADD COLUMN retired bigint CHECK (retired IS NULL OR retired >= revision);
