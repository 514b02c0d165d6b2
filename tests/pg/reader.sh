# Sourced by the cases tests/pg/cases/read-only-*: a database with klynge's schema, a user `analytiker` who holds only
# klynge_read (its password in ~/.pgpass: PGPASSWORD, which the test gives the user postgres, would come first), its
# address in $reader, and a folder `data` to import. `written` says how many rows the command left.
klynge init 2>/dev/null
PGOPTIONS="-c client_min_messages=warning" psql -X -q \
  -c "DO \$\$ BEGIN CREATE ROLE analytiker LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END \$\$" \
  -c "ALTER ROLE analytiker PASSWORD 'læs-kun'" -c "GRANT klynge_read TO analytiker"
reader="postgresql://analytiker@${KLYNGE_DB#postgresql://postgres@}"
printf '127.0.0.1:*:*:analytiker:læs-kun\n127.0.0.1:*:*:postgres:%s\n' "$PGPASSWORD" >.pgpass
unset PGPASSWORD
export HOME=$PWD
chmod 600 .pgpass
mkdir -p data
printf 'id,kind,name\nnord,cluster,Nord\n' >data/bodies.csv
written() { echo "rows written: $(psql -X -A -t -c 'SELECT (SELECT count(*) FROM bodies) + (SELECT count(*) FROM revisions)')"; }
