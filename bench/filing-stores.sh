#!/usr/bin/env bash
# Complaint filing on both stores in one run (issue 15): the same demo region, the same wrk
# script, SQLite and PostgreSQL alternating, three rounds each; prints each round, the medians and
# PostgreSQL's rate as a share of SQLite's.
#
#   bench/filing-stores.sh [SECONDS]    (default 10 s per round; ~2 minutes at 10 s)
#
# PostgreSQL is a throwaway cluster on loopback (tools/pg-throwaway.sh: fsync on, the default
# synchronous_commit), on the same two cores as the server and wrk. Both servers run as deployed
# (access log on, default limits) except the per-address and per-account limits, since the load
# is one account from one address.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target satupintu >/dev/null

work=$(mktemp -d /tmp/satupintu-stores.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    tools/pg-throwaway.sh stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') x $(nproc)"
echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
port=${SATUPINTU_BENCH_PG_PORT:-55490}
tools/pg-throwaway.sh start "$work/pg" "$port"
pg_url=$(tools/pg-throwaway.sh db "$work/pg" "$port" bench build/satupintu)
echo "postgres: $(psql -h 127.0.0.1 -p "$port" -U postgres -Atc 'SHOW server_version') (fsync on, synchronous_commit $(psql -h 127.0.0.1 -p "$port" -U postgres -Atc 'SHOW synchronous_commit'))"

# Every PostgreSQL node shares the key that seals NIKs (here, one for this run).
SATUPINTU_SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export SATUPINTU_SECRET_KEY
build/satupintu demo --data "$work/sqlite" >/dev/null 2>&1
build/satupintu demo --data "$work/pgdata" --db "$pg_url" >/dev/null 2>&1
sync
SATUPINTU_IP_RATE=0 SATUPINTU_ACCOUNT_RATE=0 build/satupintu serve --data "$work/sqlite" \
    --listen 127.0.0.1:18181 >/dev/null 2>&1 &
pids+=($!)
SATUPINTU_IP_RATE=0 SATUPINTU_ACCOUNT_RATE=0 build/satupintu serve --data "$work/pgdata" --db "$pg_url" \
    --listen 127.0.0.1:18182 >/dev/null 2>&1 &
pids+=($!)
for p in 18181 18182; do
    until curl -fs "http://127.0.0.1:$p/readyz" >/dev/null 2>&1; do sleep 0.01; done
done

session() {  # cookie and CSRF token of the demo citizen on the server at port $1, for wrk
    local login
    login=$(curl -fsS -i -H 'content-type: application/json' \
        -d '{"region":"36.04","login":"warga@serang.satupintu.test","password":"SatuPintu-Demo-2026"}' \
        "http://127.0.0.1:$1/api/v1/auth/login")
    SP_COOKIE=$(echo "$login" | grep -i '^set-cookie: __Host-sp_session=' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
    SP_CSRF=$(echo "$login" | tail -n 1 | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
    export SP_COOKIE SP_CSRF
}
load() {  # prints "req/s p99 non-2xx"
    wrk -t2 -c64 -d"${secs}s" --latency -s bench/file_complaint.lua "$1" |
        awk '/ 99%/ {p99=$2} /Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$NF}
             END {printf "%d %s %s\n", rps, p99, (bad == "" ? 0 : bad)}'
}
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

echo "== filing, POST /api/v1/complaints, 64 connections: complaints/s p99 non-2xx per round"
sqlite=() pg=()
for round in 1 2 3; do
    session 18181
    sqlite+=("$(load http://127.0.0.1:18181)")
    session 18182
    pg+=("$(load http://127.0.0.1:18182)")
done
printf '  sqlite %s\n' "${sqlite[@]}"
printf '  postgres %s\n' "${pg[@]}"
s=$(median "${sqlite[@]}" | cut -d' ' -f1)
p=$(median "${pg[@]}" | cut -d' ' -f1)
echo "median: sqlite $s/s, postgres $p/s, postgres/sqlite $(awk -v p="$p" -v s="$s" 'BEGIN {printf "%.2f", p / s}') (targets: postgres >= 5000/s and >= 0.50)"
