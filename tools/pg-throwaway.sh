#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests.
#
#   tools/pg-throwaway.sh start DIR PORT   -> creates roles sp_owner (runs migrations) and sp_app
#                                             (the application: no UPDATE/DELETE on events)
#   tools/pg-throwaway.sh db DIR PORT NAME BIN -> a fresh, migrated database; prints the app's URL
#   tools/pg-throwaway.sh stop DIR
set -euo pipefail

cmd=${1:?start|db|stop}
dir=${2:?cluster folder}
port=${3:-55432}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_admin() {
    PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q -X "$@"
}

case "$cmd" in
start)
    "$0" stop "$dir" 2>/dev/null || true
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log"
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null
    psql_admin -d postgres -c "CREATE ROLE sp_owner LOGIN" -c "CREATE ROLE sp_app LOGIN"
    ;;
db)
    name=${4:?database name}
    bin=${5:?satupintu binary}
    psql_admin -d postgres -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name OWNER sp_owner"
    # What the owner creates, the application may read and write...
    psql_admin -d "$name" -c "ALTER DEFAULT PRIVILEGES FOR ROLE sp_owner IN SCHEMA public
                              GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sp_app"
    "$bin" migrate --db "postgres://sp_owner@127.0.0.1:$port/$name" >/dev/null 2>&1
    # ...except the event log, which it may only read and append to.
    psql_admin -d "$name" -c "REVOKE UPDATE, DELETE, TRUNCATE ON events FROM sp_app"
    echo "postgres://sp_app@127.0.0.1:$port/$name"
    ;;
stop)
    if [ -d "$dir/data" ]; then as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
    ;;
*)
    echo "usage: $0 start|db|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
