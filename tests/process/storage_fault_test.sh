#!/usr/bin/env bash
# Fail-stop on a storage fault (issue 13, finding 7): after fdatasync failed the server answered
# 500, /readyz stayed ready and it kept writing. A real server runs with a shim that makes
# fdatasync fail with EIO on demand: from the fault on, every write answers 503 writes_halted,
# /readyz answers 503, and it stays so when the disk "recovers" (a failed sync may have lost
# what the kernel had; only a restart after an operator looked resumes). Restarted on the same
# data, everything acknowledged before the fault is there. Both halts (this one, and an audit chain
# changed behind the server's back) reach the region's auditor by email, straight over SMTP:
# the store that carries the outbox takes no writes.
set -euo pipefail
bin=${1:?satupintu binary}
shim=${2:?fail_sync shim}
work=$(mktemp -d /tmp/satupintu-fault.XXXXXX)
pid=
smtp_pid=
trap 'kill $pid $smtp_pid 2>/dev/null || true; rm -rf "$work"' EXIT
source "$(dirname "$0")/server.sh"
"$bin" demo --data "$work/data" >/dev/null 2>&1
start_mail_sink "$work/mail"
smtp="SATUPINTU_SMTP_URL=smtp://127.0.0.1:$smtp_port"
start_server "$bin" "$work/data" LD_PRELOAD="$shim" SATUPINTU_FAIL_SYNC_FLAG="$work/fail" \
    ASAN_OPTIONS=verify_asan_link_order=0 SATUPINTU_IP_RATE=0 "$smtp"
base="http://127.0.0.1:$port"
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ]; do sleep 0.05; done

login=$(curl -fsS -i -H 'content-type: application/json' \
    -d '{"region":"36.04","login":"warga@serang.satupintu.test","password":"SatuPintu-Demo-2026"}' "$base/api/v1/auth/login")
cookie=$(echo "$login" | grep -i '^set-cookie: __Host-sp_session' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
csrf=$(echo "$login" | tail -n 1 | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
file() {
    curl -s -o "$work/answer" -w '%{http_code}' -H 'content-type: application/json' -H "Cookie: $cookie" \
        -H "X-CSRF-Token: $csrf" -d '{"service_code":"DRAINASE","description":"Got mampet di depan pasar",
        "lat":-6.0401,"long":106.112759}' "$base/api/v1/complaints"
}
fail() { echo "FAILED: $*"; cat "$work/data.log" | tail -n 20; exit 1; }
# The alarm mail to the demo's auditor that names REASON (waits up to 30 s).
alarm_names() {
    for _ in $(seq 1 300); do
        grep -rlZs 'PERINGATAN: SatuPintu menghentikan semua penulisan' "$work/mail/new" 2>/dev/null |
            xargs -0 -r grep -lZ '^To: auditor@serang.satupintu.test' | xargs -0 -r grep -q -- "$1" && return 0
        sleep 0.1
    done
    return 1
}

[ "$(file)" = 201 ] || fail "filing before the fault: $(cat "$work/answer")"
number=$(sed 's/.*"number":"\([^"]*\)".*/\1/' "$work/answer")
touch "$work/fail"
status=$(file)
[ "$status" = 503 ] || fail "filing during the fault answered $status: $(cat "$work/answer")"
grep -q '"code":"writes_halted"' "$work/answer" || fail "no writes_halted code: $(cat "$work/answer")"
[ "$(curl -s -o "$work/ready" -w '%{http_code}' "$base/readyz")" = 503 ] || fail "/readyz stayed ready"
grep -q 'could not be synced' "$work/ready" || fail "readyz does not say why: $(cat "$work/ready")"
rm "$work/fail"
[ "$(file)" = 503 ] || fail "writes resumed on their own after a failed sync"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/regions/36.04/complaints/$number")" = 200 ] ||
    fail "public reads stopped"
grep -q '"msg":"writes halted' "$work/data.log" || fail "the log has no error for the operator"
alarm_names 'could not be synced' || fail "no alarm email reached the auditor"
stop_server

start_server "$bin" "$work/data" SATUPINTU_IP_RATE=0
base="http://127.0.0.1:$port"
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ]; do sleep 0.05; done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/regions/36.04/complaints/$number")" = 200 ] ||
    fail "the complaint acknowledged before the fault is gone after the restart"
[ "$(file)" = 201 ] || fail "filing after the restart: $(cat "$work/answer")"
stop_server

# Someone with the database file drops the append-only guard and changes one recorded byte.
sqlite3 "$work/data/satupintu.db" "DROP TRIGGER events_no_update; UPDATE events SET payload =
    replace(payload, 'Serang', 'Sereng') WHERE tenant = '36.04' AND seq = (SELECT min(seq) FROM events
    WHERE tenant = '36.04' AND payload LIKE '%Serang%');"
start_server "$bin" "$work/data" SATUPINTU_IP_RATE=0 "$smtp"
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
    curl -s -o "$work/ready" "$base/readyz"
    grep -q 'audit' "$work/ready" && break
    sleep 0.1
done
[ "$(curl -s -o "$work/ready" -w '%{http_code}' "$base/readyz")" = 503 ] || fail "a tampered log is ready"
[ "$(file)" = 503 ] || fail "the tampered log took a new complaint"
alarm_names '(UTC): audit: ' || fail "no alarm email about the audit chain reached the auditor"
stop_server
echo "1 passed, 0 failed"
