#!/usr/bin/env bash
# SatuPintu's two commands. Each installs what is missing (Debian packages by name, npm with the
# lockfile), builds with CMake + Ninja, and then:
#
#   ./satupintu.sh demo   seeds the demo region (Kabupaten Serang) and serves http://localhost:8080
#   ./satupintu.sh test   runs every test: unit, whole-server on SQLite and on a throwaway
#                         PostgreSQL, crash/kill -9, PostgreSQL failover (Patroni, etcd, haproxy),
#                         browser (Debian Chromium), then the same suites again under
#                         AddressSanitizer + UndefinedBehaviorSanitizer
#
# Environment: SATUPINTU_LISTEN (demo, default 127.0.0.1:8080), SATUPINTU_DATA (demo data folder,
# default ./var/demo), SATUPINTU_PG_PORT (test, default 55432).
set -euo pipefail
cd "$(dirname "$0")"
# Let ccache reuse objects across checkouts of this repository (paths hashed relative to here).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
. tools/lib.sh

BUILD_PACKAGES=(g++ cmake ninja-build ccache pkg-config libboost1.81-dev libsqlite3-dev libpq-dev libsodium-dev libcurl4-openssl-dev libhpdf-dev libqrencode-dev zlib1g-dev
                libcli11-dev libtomlplusplus-dev)
TEST_PACKAGES=(libgtest-dev libgmock-dev libbenchmark-dev postgresql chromium wrk clang-format curl python3-aiosmtpd poppler-utils faketime sqlite3
               patroni etcd-server haproxy)

install_missing() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "==> installing ${missing[*]}"
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get update -q
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

install_node() {
    # Any Node.js >= 18 with npm will do; Debian's packages when there is none.
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then install_missing nodejs npm; fi
    if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/chart.js ] ||
        [ package-lock.json -nt node_modules/.package-lock.json ]; then
        npm ci --no-audit --no-fund
    fi
    tools/vendor-web.sh
}

build() {  # build DIR [cmake args...]
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" ${TARGET:+--target "$TARGET"}
}

cmd_demo() {
    install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    install_node
    TARGET=satupintu build build
    local data=${SATUPINTU_DATA:-var/demo}
    build/satupintu demo --data "$data"
    # Without a gateway, one-time codes for sign-up by phone land in a file to read.
    export SATUPINTU_SMS_URL=${SATUPINTU_SMS_URL:-file://$(realpath "$data")/sms.ndjson}
    echo "SMS/WhatsApp messages (codes): $SATUPINTU_SMS_URL"
    exec build/satupintu serve --data "$data" --listen "${SATUPINTU_LISTEN:-127.0.0.1:8080}"
}

cmd_test() {
    install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    install_node
    build build
    build build-asan -DSATUPINTU_SANITIZE=ON -DSATUPINTU_BUILD_BENCH=OFF

    local port
    port=$(free_port "${SATUPINTU_PG_PORT:-55432}")
    PG_DIR=$(mktemp -d /tmp/satupintu-pg.XXXXXX)  # global: the EXIT trap runs after this function
    trap 'tools/pg-throwaway.sh stop "$PG_DIR"; rm -rf "$PG_DIR"' EXIT
    tools/pg-throwaway.sh start "$PG_DIR" "$port"

    echo "==> tests (release build)"
    export SATUPINTU_TEST_PG_URL SATUPINTU_TEST_PG_ADMIN_URL
    SATUPINTU_TEST_PG_URL=$(tools/pg-throwaway.sh db "$PG_DIR" "$port" satupintu_release build/satupintu)
    SATUPINTU_TEST_PG_ADMIN_URL="postgres://postgres@127.0.0.1:$port/satupintu_release"
    ctest --test-dir build --output-on-failure --timeout 900

    echo "==> tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
    SATUPINTU_TEST_PG_URL=$(tools/pg-throwaway.sh db "$PG_DIR" "$port" satupintu_asan build-asan/satupintu)
    SATUPINTU_TEST_PG_ADMIN_URL="postgres://postgres@127.0.0.1:$port/satupintu_asan"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure --timeout 900 -LE "browser|quickstart|failover"
}

case "${1:-}" in
demo) cmd_demo ;;
test) cmd_test ;;
*)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
