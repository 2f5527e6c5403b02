#!/usr/bin/env bash
# Regression (issue 13, finding 10): under a flood every refused request was an access-log line
# (70 MB in 10 s). A real server with a tight per-address limit is flooded for 3 s; its log may
# hold at most a few 429 lines a second, which say how many were left out.
set -euo pipefail
bin=${1:?satupintu binary}
work=$(mktemp -d /tmp/satupintu-flood.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
"$bin" demo --data "$work/data" >/dev/null 2>&1
source "$(dirname "$0")/server.sh"
start_server "$bin" "$work/data" SATUPINTU_IP_RATE=1 SATUPINTU_IP_BURST=1
wrk -t1 -c8 -d3s "http://127.0.0.1:$port/healthz" >"$work/wrk.txt"
stop_server
refused=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$work/wrk.txt" | grep -o '[0-9]*$' || echo 0)
lines=$(grep -c '"status":429' "$work/data.log" || true)
left_out=$(grep -o '"left_out":[0-9]*' "$work/data.log" | cut -d: -f2 | awk '{n += $1} END {print n + 0}')
echo "429 answers: $refused; 429 log lines: $lines; left out and counted: $left_out"
[ "$refused" -gt 100 ] || { echo "the flood was not refused (limit not applied?)"; exit 1; }
[ "$lines" -le 6 ] || { echo "too many 429 lines: $lines"; exit 1; }
[ "$lines" -ge 1 ] && [ "$left_out" -gt 0 ] || { echo "the refusals left no trace in the log"; exit 1; }
echo "1 passed, 0 failed"
