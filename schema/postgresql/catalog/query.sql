-- The catalog of klynge's tables as `check` compares it with catalog/expected.txt (what the migrations make): one line
-- per column (type, NOT NULL, default), constraint (its definition: CHECKs, keys, foreign keys and when they are
-- checked) and index, sorted. Regenerate expected.txt from a fresh `klynge init` after a migration:
--   psql -X -A -t -d DB -f schema/postgresql/catalog/query.sql > schema/postgresql/catalog/expected.txt
SELECT line FROM (
  SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ||
         CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND k.contype <> 'n'  -- NOT NULL, a constraint of its own from PostgreSQL 18: a column's
  UNION ALL
  SELECT 'index ' || tablename || '.' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
) AS catalog ORDER BY line COLLATE "C";
