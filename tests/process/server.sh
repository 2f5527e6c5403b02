# Sourced by the process tests: start_server BIN DATA [ENV=VALUE...] starts `BIN serve` on a free
# loopback port below the ephemeral range (another one if the server could not take it; a
# sanitizer build starts slowly, so it waits up to a minute), and sets $port and $pid. Its stderr
# goes to $DATA.log. stop_server ends it with SIGTERM. start_mail_sink MAILDIR starts a real mail
# server (Debian's python3-aiosmtpd) that keeps every message in MAILDIR and sets $smtp_port and
# $smtp_pid.
start_server() {
    local bin=$1 data=$2
    shift 2
    for _ in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 9000))
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
        env "$@" "$bin" serve --data "$data" --listen "127.0.0.1:$port" 2>>"$data.log" >/dev/null &
        pid=$!
        for _ in $(seq 1 1200); do
            curl -s -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && return 0  # up (even if 429)
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        pid=
    done
    echo "the server did not start"
    cat "$data.log"
    return 1
}

stop_server() {
    [ -n "${pid:-}" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
}

# A port below the ephemeral range (where a client socket may hold any port), another one if it
# could not take it.
start_mail_sink() {
    local maildir=$1
    for _ in 1 2 3 4 5; do
        smtp_port=$((29000 + RANDOM % 3000))
        (echo >"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && continue
        /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$maildir" &
        smtp_pid=$!
        for _ in $(seq 1 100); do
            (echo >"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && return 0
            kill -0 "$smtp_pid" 2>/dev/null || break
            sleep 0.05
        done
        kill "$smtp_pid" 2>/dev/null || true
        smtp_pid=
    done
    echo "the mail server did not start"
    return 1
}
