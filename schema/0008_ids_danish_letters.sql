-- klynge schema: ids may hold the Danish letters æ, ø and å (design §9: `[a-z0-9æøå][a-z0-9æøå_-]*`, e.g.
-- `børn-og-unge`). The id CHECK of bodies, groups, initiatives, meetings and decisions is widened in place.
--
-- The tables are not rebuilt: a wider CHECK admits every row the narrower one did, so nothing stored changes, and
-- rewriting only the CHECK's text keeps whatever columns other migrations have added to these tables. This is the
-- procedure SQLite documents for removing a CHECK constraint ("Making Other Kinds Of Table Schema Changes"):
-- edit the table's SQL in sqlite_schema, then make every connection read the schema again. SQLite's GLOB
-- compares characters, not bytes, so `[a-z0-9æøå]` matches the two-byte letters as one character each.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql,
                     'CHECK (id GLOB ''[a-z0-9]*'' AND id NOT GLOB ''*[^a-z0-9_-]*'')',
                     'CHECK (id GLOB ''[a-z0-9æøå]*'' AND id NOT GLOB ''*[^a-z0-9æøå_-]*'')')
 WHERE type = 'table' AND name IN ('bodies', 'groups', 'initiatives', 'meetings', 'decisions');
-- This connection reads the edited schema at once.
PRAGMA writable_schema = RESET;
-- Other connections read it again when the schema cookie changes: a table made and dropped changes it.
CREATE TABLE schema_cookie_0008 (x INTEGER);
DROP TABLE schema_cookie_0008;
