#!/usr/bin/env bash
# The README's first command, as a newcomer runs it: it must serve /healthz and the login page.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$(mktemp -d /tmp/satupintu-quickstart.XXXXXX)
log="$data/quickstart.log"
# A port below Linux's ephemeral range (32768-60999), so that the outgoing connections of tests
# running alongside cannot be holding it; nothing may listen on it either.
free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
}
pid=
cleanup() {
    if [ -n "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT
for attempt in 1 2 3; do
    port=$(free_port)
    SATUPINTU_DATA="$data/demo" SATUPINTU_LISTEN="127.0.0.1:$port" setsid "$root/satupintu.sh" demo >"$log" 2>&1 &
    pid=$!
    up=0
    for _ in $(seq 1 1200); do
        if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then up=1; break; fi
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        sleep 0.5
    done
    [ "$up" = 1 ] && break
    wait "$pid" 2>/dev/null || true
    pid=
    # Taken between the check and the listen: try another port; anything else is a failure.
    grep -q "Address already in use" "$log" && [ "$attempt" -lt 3 ] && continue
    cat "$log"
    echo "quickstart exited early"
    exit 1
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
