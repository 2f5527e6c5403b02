#!/usr/bin/env bash
# The README's first command, as a newcomer runs it: it must serve /healthz and the login page.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$(mktemp -d /tmp/satupintu-quickstart.XXXXXX)
port=$((30000 + RANDOM % 20000))
log="$data/quickstart.log"
SATUPINTU_DATA="$data/demo" SATUPINTU_LISTEN="127.0.0.1:$port" setsid "$root/satupintu.sh" demo >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 1200); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "quickstart exited early"; exit 1; fi
    sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" | grep -q '"ok"'
curl -fsS "http://127.0.0.1:$port/login" | grep -q 'id="login-form"'
grep -q "Kabupaten Serang (36.04): 29 kecamatan" "$log"
# The command center and the front-end libraries npm installed from the lockfile.
curl -fsS "http://127.0.0.1:$port/komando/36.04" -o "$data/komando.html"
chart=$(grep -o '/static/vendor/chart.umd.min.js?v=[0-9a-f]*' "$data/komando.html")
curl -fsS "http://127.0.0.1:$port$chart" -o "$data/chart.js"
grep -q 'Chart.js v4' "$data/chart.js"
curl -fsS "http://127.0.0.1:$port/api/v1/regions/36.04/dashboard/summary" -o "$data/summary.json"
grep -q '"by_status"' "$data/summary.json"
echo "quickstart: 1 passed, 0 failed"
