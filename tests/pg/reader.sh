# Sourced by the cases tests/pg/cases/read-only-*: a database with klynge's schema, a user `analytiker` who holds only
# klynge_read (its password in ~/.pgpass: PGPASSWORD, which the test gives the user postgres, would come first), its
# address in $reader, and a folder `data` to import. `written` says how many rows the command left.
klynge init 2>/dev/null
# The role is the server's, shared by the cases that run at once, whose `init` changes klynge_read too: two changes
# of one role at once fail with "tuple concurrently updated", so the setup is made one case at a time (a lock for
# the session) and tried again when another case's init got in the way.
for try in 1 2 3 4 5 6 7 8; do
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -c "SELECT pg_advisory_lock(4242)" \
    -c "DO \$\$ BEGIN CREATE ROLE analytiker LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END \$\$" \
    -c "ALTER ROLE analytiker PASSWORD 'læs-kun'" -c "GRANT klynge_read TO analytiker" >/dev/null 2>role.err && break
  [ "$try" = 8 ] && cat role.err
  sleep 0.3
done
reader="postgresql://analytiker@${KLYNGE_DB#postgresql://postgres@}"
printf '127.0.0.1:*:*:analytiker:læs-kun\n127.0.0.1:*:*:postgres:%s\n' "$PGPASSWORD" >.pgpass
unset PGPASSWORD
export HOME=$PWD
chmod 600 .pgpass
mkdir -p data
printf 'id,kind,name\nnord,cluster,Nord\n' >data/bodies.csv
written() { echo "rows written: $(psql -X -A -t -c 'SELECT (SELECT count(*) FROM bodies) + (SELECT count(*) FROM revisions)')"; }
