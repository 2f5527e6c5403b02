#!/usr/bin/env bash
# Failover under load (issue 15): three PostgreSQL nodes under Patroni with etcd (Debian packages)
# on loopback, synchronous replication that cannot lose an acknowledged commit, two SatuPintu nodes
# behind haproxy, and citizens filing complaints with Idempotency-Keys while the primary is
# switched over, killed with kill -9, and frozen with SIGSTOP. Then every acknowledged number is
# read back and the database compared with what clients were told. The last line:
#
#   acknowledged=N lost=L unexpected=U indeterminate=I
#
# passes (exit 0) when L = 0 and U = 0. Indeterminate: complaints whose client never heard a
# definite answer (retried with their key until the end); they may or may not exist.
#
#   tools/ha/failover-test.sh [BINARY]     (default build/satupintu; about three minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-build/satupintu}")
for tool in patroni etcd haproxy psql curl python3; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install patroni etcd-server haproxy)" >&2; exit 2; }
done
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
. tools/lib.sh

work=$(mktemp -d /tmp/satupintu-ha.XXXXXX)
chmod 755 "$work"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work"
# As the postgres user when run as root (PostgreSQL refuses root). setpriv execs, so that $! is
# the process itself, to be killed and frozen.
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --reset-env)

declare -A patroni_pid
other_pids=()
cleanup() {
    local rc=$?
    set +e
    [ "$rc" = 0 ] || keep_logs=1
    for n in 1 2 3; do
        [ -n "${patroni_pid[$n]:-}" ] && kill -CONT "${patroni_pid[$n]}" 2>/dev/null
        pg_pids "$n" | xargs -r kill -CONT 2>/dev/null
    done
    for p in "${other_pids[@]}"; do kill "$p" 2>/dev/null; done
    for n in 1 2 3; do [ -n "${patroni_pid[$n]:-}" ] && kill "${patroni_pid[$n]}" 2>/dev/null; done
    sleep 2
    for n in 1 2 3; do
        [ -n "${patroni_pid[$n]:-}" ] && kill -9 "${patroni_pid[$n]}" 2>/dev/null
        [ -f "$work/pg$n/postmaster.pid" ] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg$n" -m immediate stop >/dev/null 2>&1
    done
    [ -f "$work/haproxy.pid" ] && kill "$(cat "$work/haproxy.pid")" 2>/dev/null
    [ -n "${etcd_pid:-}" ] && kill -9 "$etcd_pid" 2>/dev/null
    wait 2>/dev/null
    if [ "${keep_logs:-}" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
started=$SECONDS
say() { printf '[%3ds] %s\n' $((SECONDS - started)) "$*"; }

# Ports, each free and none taken twice: etcd client and peer, PostgreSQL and Patroni's REST API per
# node, two servers, haproxy.
taken=" "
pick() {  # pick NAME FROM: sets NAME to the first free port from FROM not picked before
    local p=$2
    while :; do
        p=$(free_port "$p")
        case "$taken" in *" $p "*) p=$((p + 1)) ;; *) break ;; esac
    done
    taken+="$p "
    printf -v "$1" '%s' "$p"
}
pick etcd_port 23790
pick etcd_peer 23791
declare -A pg_port api_port node_port
for n in 1 2 3; do
    pick "pg_port[$n]" 55401
    pick "api_port[$n]" 58008
done
pick "node_port[1]" 18301
pick "node_port[2]" 18301
pick lb_port 18380

say "etcd on 127.0.0.1:$etcd_port"
"${as_pg[@]}" etcd --name sp-ha --data-dir "$work/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "sp-ha=http://127.0.0.1:$etcd_peer" --enable-v2=true >"$work/etcd.log" 2>&1 &
etcd_pid=$!
until curl -fs "http://127.0.0.1:$etcd_port/health" >/dev/null 2>&1; do sleep 0.2; done

# Synchronous mode, strict: a commit is acknowledged only once a standby has it, and only that
# standby may be promoted; with no standby left, writes wait rather than risk loss.
#
# etcd's v2 protocol, not etcd3: Debian 12's Patroni 3.0.2 renews the leader key through etcd3
# without checking that it still holds it, so a leader frozen past its TTL takes the key back
# from its successor when it thaws, and the successor's acknowledged commits are rewound away
# (this test lost 2,683 of them that way; fixed upstream in Patroni 3.0.3, patroni/patroni#2689).
# Over v2, the renewal is a compare-and-swap on the holder's name, and a thawed leader demotes.
start_patroni() {
    local n=$1
    "${as_pg[@]}" patroni "$work/pg$n.yml" >>"$work/patroni$n.log" 2>&1 &
    disown  # killed on purpose: no "Killed" notice from the shell
    patroni_pid[$n]=$!
}
for n in 1 2 3; do
    cat >"$work/pg$n.yml" <<EOF
scope: satupintu-ha
name: pg$n
restapi:
  listen: 127.0.0.1:${api_port[$n]}
  connect_address: 127.0.0.1:${api_port[$n]}
etcd:
  hosts: 127.0.0.1:$etcd_port
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    synchronous_mode_strict: true
    postgresql:
      use_pg_rewind: true
      remove_data_directory_on_rewind_failure: true
      remove_data_directory_on_diverged_timelines: true
      parameters:
        synchronous_commit: "on"
        wal_log_hints: "on"
        max_connections: 200
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
postgresql:
  listen: 127.0.0.1:${pg_port[$n]}
  connect_address: 127.0.0.1:${pg_port[$n]}
  data_dir: $work/pg$n
  bin_dir: $pgbin
  pgpass: $work/pgpass$n
  authentication:
    replication: {username: replicator, password: rep}
    superuser: {username: postgres, password: pg}
    rewind: {username: postgres, password: pg}
  parameters:
    unix_socket_directories: $work
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 trust
EOF
    start_patroni "$n"
done

leader() {
    for n in 1 2 3; do
        if curl -fs -o /dev/null "http://127.0.0.1:${api_port[$n]}/primary" 2>/dev/null; then echo "$n"; return; fi
    done
}
# Waits until one node leads and a synchronous standby streams from it; prints the leader.
settled() {
    local deadline=$((SECONDS + ${1:-90})) n
    while [ $SECONDS -lt $deadline ]; do
        n=$(leader)
        if [ -n "$n" ] && curl -s "http://127.0.0.1:${api_port[$n]}/cluster" | python3 -c '
import json, sys
members = json.load(sys.stdin)["members"]
sync = [m for m in members if m["role"] == "sync_standby" and m["state"] in ("streaming", "running")]
sys.exit(0 if sync else 1)' 2>/dev/null; then
            echo "$n"
            return
        fi
        sleep 0.5
    done
    echo "the cluster did not settle" >&2
    return 1
}
# Every process of node n's PostgreSQL: the postmaster and its children.
pg_pids() {
    local pm
    pm=$(head -n 1 "$work/pg$1/postmaster.pid" 2>/dev/null) || return 0
    echo "$pm"
    pgrep -P "$pm" || true
}

say "three PostgreSQL nodes under Patroni"
primary=$(settled 120) || { keep_logs=1; exit 1; }
say "pg$primary leads with a synchronous standby"

psql_leader() { psql -h 127.0.0.1 -p "${pg_port[$primary]}" -U postgres -v ON_ERROR_STOP=1 -q -X "$@"; }
psql_leader -d postgres -c "CREATE ROLE sp_owner LOGIN" -c "CREATE ROLE sp_app LOGIN" \
    -c "CREATE DATABASE satupintu OWNER sp_owner"
psql_leader -d satupintu -c "ALTER DEFAULT PRIVILEGES FOR ROLE sp_owner IN SCHEMA public
                             GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sp_app"
# libpq stops at a host that refuses the database (it does not try the next), so every standby
# must have replayed CREATE DATABASE before the multi-host URL is used.
for n in 1 2 3; do
    until [ "$(psql -h 127.0.0.1 -p "${pg_port[$n]}" -U postgres -d postgres -AtX \
        -c "SELECT count(*) FROM pg_database WHERE datname = 'satupintu'" 2>/dev/null)" = 1 ]; do
        sleep 0.2
    done
done
# Every node's address; libpq connects to whichever is the primary now.
hosts="127.0.0.1:${pg_port[1]},127.0.0.1:${pg_port[2]},127.0.0.1:${pg_port[3]}"
"$bin" migrate --db "postgresql://sp_owner@$hosts/satupintu?target_session_attrs=read-write" >"$work/migrate.log" 2>&1
psql_leader -d satupintu -c "REVOKE UPDATE, DELETE, TRUNCATE ON events FROM sp_app"
url="postgresql://sp_app@$hosts/satupintu?target_session_attrs=read-write"

# Every node shares the key that seals NIKs.
SATUPINTU_SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export SATUPINTU_SECRET_KEY
say "demo region"
"$bin" demo --data "$work/node1" --db "$url" >"$work/demo.log" 2>&1

# As deployed, except the per-address and per-account limits (one address, one account here) and a
# shorter wait for a database that does not answer (the default is 15 s).
for n in 1 2; do
    SATUPINTU_IP_RATE=0 SATUPINTU_ACCOUNT_RATE=0 SATUPINTU_DB_TIMEOUT_MS=4000 \
        "$bin" serve --data "$work/node$n" --db "$url" --listen "127.0.0.1:${node_port[$n]}" >"$work/node$n.log" 2>&1 &
    other_pids+=($!)
done
cat >"$work/haproxy.cfg" <<EOF
global
    maxconn 2000
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
frontend satupintu
    bind 127.0.0.1:$lb_port
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /readyz
    server node1 127.0.0.1:${node_port[1]} check inter 500ms fall 2 rise 1
    server node2 127.0.0.1:${node_port[2]} check inter 500ms fall 2 rise 1
EOF
haproxy -f "$work/haproxy.cfg" -D -p "$work/haproxy.pid"
for n in 1 2; do
    until curl -fs "http://127.0.0.1:${node_port[$n]}/readyz" >/dev/null 2>&1; do sleep 0.2; done
done
say "two SatuPintu nodes behind haproxy on 127.0.0.1:$lb_port"

python3 tools/ha/load.py file "http://127.0.0.1:$lb_port" "$work/ledger.json" "$work/stop" &
load_pid=$!
other_pids+=("$load_pid")
sleep 8

say "switchover from pg$primary"
# Patroni declines while no standby is fit yet (412/503): ask again for a while.
for try in $(seq 20); do
    curl -fs -X POST -d "{\"leader\": \"pg$primary\"}" "http://127.0.0.1:${api_port[$primary]}/switchover" \
        >/dev/null && break
    [ "$try" = 20 ] && { echo "Patroni refused the switchover" >&2; exit 1; }
    sleep 1
done
sleep 2
primary=$(settled 60) || { keep_logs=1; exit 1; }
say "pg$primary leads"
sleep 8

say "kill -9 pg$primary (Patroni and PostgreSQL)"
victim=$primary
kill -9 "${patroni_pid[$victim]}"
pg_pids "$victim" | xargs -r kill -9 2>/dev/null || true  # a backend may have gone by itself
sleep 1
primary=$(settled 60) || { keep_logs=1; exit 1; }
say "pg$primary leads; pg$victim starts again and rejoins"
start_patroni "$victim"
sleep 8

say "SIGSTOP pg$primary (Patroni and PostgreSQL) for 25 s"
frozen=$primary
frozen_pids="${patroni_pid[$frozen]} $(pg_pids "$frozen" | tr '\n' ' ')"
# shellcheck disable=SC2086
kill -STOP $frozen_pids 2>/dev/null || true
sleep 25
# shellcheck disable=SC2086
kill -CONT $frozen_pids 2>/dev/null || true
primary=$(settled 90) || { keep_logs=1; exit 1; }
say "pg$primary leads; pg$frozen thawed"
sleep 8

say "stopping the load; keys without an answer are retried for up to 30 s"
touch "$work/stop"
wait "$load_pid"

psql -h 127.0.0.1 -p "${pg_port[$primary]}" -U postgres -d satupintu -AtX -F $'\t' \
    -c "SELECT number, description FROM cases WHERE description LIKE '%HA-%'" >"$work/rows.tsv"
"$bin" verify-audit --db "$url" >"$work/verify.log" 2>&1 || { cat "$work/verify.log"; keep_logs=1; exit 1; }
say "the event hash chains verify; every acknowledged number read back ($((SECONDS - started)) s in all):"
set +e
python3 tools/ha/load.py check "http://127.0.0.1:$lb_port" "$work/ledger.json" "$work/rows.tsv" | tee "$work/verdict"
verdict=${PIPESTATUS[0]}
[ "$verdict" = 0 ] || keep_logs=1
exit "$verdict"
