#!/usr/bin/env bash
# The server's log (access log included) never holds personal data, passwords or tokens: a real
# server writes its stderr to a file while a citizen registers with a NIK, logs in, and an
# integration calls with an API key; then the file is searched for each secret.
set -euo pipefail
bin=${1:?satupintu binary}
work=$(mktemp -d /tmp/satupintu-privacy.XXXXXX)
smtp_pid=
pid=
trap 'kill $pid $smtp_pid 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" demo --data "$work/data" >/dev/null 2>&1
key=$("$bin" apikey create --data "$work/data" --tenant 36.04 --name privacy-test 2>/dev/null)
source "$(dirname "$0")/server.sh"
# The registration email goes to a real mail server.
start_mail_sink "$work/mail"
start_server "$bin" "$work/data" SATUPINTU_IP_RATE=0 SATUPINTU_SMTP_URL="smtp://127.0.0.1:$smtp_port"

nik=3604056508850004
email=rahasia.pribadi@example.test
phone=081299887766
password=sandi-sangat-rahasia-42
base="http://127.0.0.1:$port/api/v1"
curl -fsS -o /dev/null -H 'content-type: application/json' \
    -d "{\"region\":\"36.04\",\"email\":\"$email\",\"phone\":\"$phone\",\"password\":\"$password\",\"name\":\"Siti Contoh\",\"nik\":\"$nik\",\"notice_version\":1}" \
    "$base/auth/register"
# The link in the email creates the account.
for _ in $(seq 1 600); do grep -rqs 'konfirmasi=' "$work/mail" && break; sleep 0.1; done
confirm=$(grep -rhos 'konfirmasi=[A-Za-z0-9_-]*' "$work/mail" | head -n 1 | cut -d= -f2)
[ -n "$confirm" ] || { echo "no registration email arrived"; cat "$work/data.log"; exit 1; }
curl -fsS -o /dev/null -H 'content-type: application/json' -d "{\"region\":\"36.04\",\"token\":\"$confirm\"}" \
    "$base/auth/register/confirm"
login=$(curl -fsS -i -H 'content-type: application/json' \
    -d "{\"region\":\"36.04\",\"login\":\"$email\",\"password\":\"$password\"}" "$base/auth/login")
token=$(echo "$login" | grep -i '^set-cookie: __Host-sp_session=' | sed 's/^[^=]*=//; s/;.*//' | tr -d '\r')
csrf=$(echo "$login" | grep -o '"csrf_token":"[^"]*"' | cut -d'"' -f4)
curl -fsS -o /dev/null -H "Cookie: __Host-sp_session=$token" "$base/me"
curl -fsS -o /dev/null -H "Authorization: Bearer $key" "$base/me"
curl -s -o /dev/null -H 'content-type: application/json' \
    -d "{\"region\":\"36.04\",\"login\":\"$email\",\"password\":\"wrong-$password\"}" "$base/auth/login"
curl -s -o /dev/null "$base/regions?api_key=$key&nik=$nik"
stop_server

# The requests were logged (so the search below searched something)...
for route in /api/v1/auth/register /api/v1/auth/login /api/v1/me /api/v1/regions; do
    grep -q "\"route\":\"$route\"" "$work/data.log" || { echo "no access log line for $route"; exit 1; }
done
# ...and none of the secrets were.
failed=0
for secret in "$nik" "$email" "$phone" "$password" "$token" "$csrf" "$key" "$confirm" "Siti Contoh" "81299887766"; do
    if grep -qF -- "$secret" "$work/data.log"; then
        echo "the log contains a secret: ${secret:0:6}..."
        failed=1
    fi
done
[ "$failed" = 0 ] || exit 1
echo "privacy: 1 passed, 0 failed"
