#!/usr/bin/env bash
# Searches for crashes with libFuzzer: builds every target in tests/fuzz with clang
# (-fsanitize=fuzzer,address,undefined) into build-fuzz, then runs each for SECONDS starting from
# its committed corpus (tests/fuzz/corpus/TARGET). New interesting inputs are kept in
# build-fuzz/new/TARGET; a crash leaves its input in build-fuzz/crashes and fails the run.
#
#   tools/fuzz.sh [SECONDS] [TARGET...]   (default 60 s each, every target)
#   tools/fuzz.sh merge [TARGET...]       (adds the new inputs that find new coverage to the corpus)
#
# The test command replays the committed corpus without clang (fuzz_corpus_* tests).
set -euo pipefail
cd "$(dirname "$0")/.."
targets_all=$(sed -n 's/^set(SATUPINTU_FUZZ_TARGETS \(.*\))$/\1/p' tests/CMakeLists.txt)
mode=run
if [ "${1:-}" = merge ]; then
    mode=merge
    shift
fi
secs=60
if [ "$mode" = run ] && [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    secs=$1
    shift
fi
targets=${*:-$targets_all}

missing=()
command -v clang++ >/dev/null || missing+=(clang)
[ -n "$(find /usr/lib/llvm-*/lib/clang -name 'libclang_rt.fuzzer-x86_64.a' 2>/dev/null | head -n 1)" ] ||
    missing+=(libclang-rt-14-dev)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=$([ "$(id -u)" = 0 ] || echo sudo)
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
    -DSATUPINTU_LIBFUZZER=ON -DSATUPINTU_BUILD_BENCH=OFF >/dev/null
# shellcheck disable=SC2086
cmake --build build-fuzz --target $(printf 'fuzz_%s ' $targets)
mkdir -p build-fuzz/crashes

failed=0
for t in $targets; do
    mkdir -p "build-fuzz/new/$t"
    if [ "$mode" = merge ]; then
        "build-fuzz/tests/fuzz_$t" -merge=1 "tests/fuzz/corpus/$t" "build-fuzz/new/$t"
        continue
    fi
    echo "==> $t, $secs s"
    if ! "build-fuzz/tests/fuzz_$t" -max_total_time="$secs" -max_len=65536 -timeout=10 \
        -artifact_prefix="build-fuzz/crashes/$t-" "build-fuzz/new/$t" "tests/fuzz/corpus/$t" 2>"build-fuzz/$t.log"; then
        echo "CRASH in $t: see build-fuzz/$t.log and build-fuzz/crashes/"
        tail -n 30 "build-fuzz/$t.log"
        failed=1
    else
        grep -E '^#[0-9]+ *DONE' "build-fuzz/$t.log" | tail -n 1 || true
    fi
done
exit $failed
