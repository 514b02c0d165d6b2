#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for the tests: `server.sh start STATE` makes a cluster in a new temporary folder
# (initdb, UTF-8, C collation; over TCP a password is asked, SCRAM, as on a council's server; over its socket none),
# starts it on a free port on 127.0.0.1 with its socket in that folder, and writes the port, the folder and the
# password of the user postgres into the folder STATE; `server.sh stop STATE` stops it and removes the
# cluster. PostgreSQL refuses to run as root: as root the server runs as the user `postgres` (made by the
# postgresql-15 package), through runuser. KLYNGE_PG_DURABLE=1 keeps fsync and synchronous commit on (see below).
set -euo pipefail
action=${1:?usage: server.sh start|stop STATE}
state=${2:?usage: server.sh start|stop STATE}
bin=${KLYNGE_PG_BIN:-/usr/lib/postgresql/15/bin}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state/dir" ] || return 0
  local dir
  dir=$(cat "$state/dir")
  if [ -d "$dir/data" ]; then
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state/dir" "$state/port" "$state/password"
}

case "$action" in
  start)
    [ -x "$bin/initdb" ] || { echo "server.sh: no PostgreSQL 15 at $bin (install postgresql-15: bash scripts/setup.sh --with-tests)" >&2; exit 1; }
    mkdir -p "$state"
    stop  # a server left by an interrupted run
    dir=$(mktemp -d /tmp/klynge-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    echo "$dir" >"$state/dir"
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    (umask 077 && echo "$password" >"$state/password")
    (umask 077 && echo "$password" >"$dir/pwfile")
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pwfile"
    as_server_user "$bin/initdb" -D "$dir/data" -A trust --auth-host=scram-sha-256 -U postgres --pwfile="$dir/pwfile" \
      -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # The tests' server skips what makes a commit durable (a crash of it loses nothing the tests need);
    # KLYNGE_PG_DURABLE=1 (bench/postgresql.sh) keeps it, as a council's server runs.
    speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${KLYNGE_PG_DURABLE:-}" = 1 ] && speed=""
    # A free port: ask the kernel for one, then try the next ones if another server takes it meanwhile.
    for attempt in 1 2 3 4 5; do
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      if as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
           -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $speed -c max_connections=100" \
           start >/dev/null; then
        echo "$port" >"$state/port"
        echo "PostgreSQL 15 on 127.0.0.1:$port ($dir)"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
  stop) stop ;;
  *) echo "usage: server.sh start|stop STATE" >&2; exit 2 ;;
esac
