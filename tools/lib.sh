# Shell helpers shared by satupintu.sh and the scripts under tools/ (sourced, not run).

free_port() {  # the first port from $1 that no socket uses (a client's ephemeral port blocks a bind too)
    local p=$1
    while awk -v port="$(printf ':%04X' "$p")" '$2 ~ port"$" {found = 1} END {exit !found}' \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null; do
        p=$((p + 1))
    done
    echo "$p"
}
