-- klynge schema 15: a record an undo retires stays in its table, marked `retired` (the undo's revision), while
-- ledger entries refer to it. The ledger keeps every entry, and the entries of an undone import that brought its
-- own bodies, initiatives or decisions refer to them by foreign keys; a deleted record would break them. A record
-- so kept is read by nothing but the keys and `export` (which writes it to `retired-FILE.csv`, so that the ledger
-- imports elsewhere); its data, as every retired version's, is in record_versions as well. NULL: in force.
ALTER TABLE bodies ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE groups ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE initiatives ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE meetings ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE decisions ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE changes ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE estimates ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE milestones ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE settings ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE indicators ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE measurements ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
ALTER TABLE sharing_keys ADD COLUMN retired INTEGER CHECK (retired IS NULL OR retired >= revision);
