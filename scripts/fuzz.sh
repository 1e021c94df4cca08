#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, engine only) in
# build-fuzz/ and runs every fuzzer registered with ap_add_fuzzer() for
# SECONDS each (default 60), one per core at a time (AP_FUZZ_JOBS), with
# its dictionary and seed corpora. New inputs
# go to build-fuzz/corpus/NAME (kept between runs), crashes to
# build-fuzz/artifacts/. Exits non-zero if any fuzzer finds a crash.
#
#   scripts/fuzz.sh [SECONDS]
#
# AP_FUZZ_BUILD_DIR names another tree instead of build-fuzz/. If that tree
# is already configured with -DAP_FUZZ=ON (CI's sanitizer tree, which holds
# the whole suite and the fuzzers), it is built as it is, not reconfigured.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
build="${AP_FUZZ_BUILD_DIR:-$root/build-fuzz}"
launcher=()
if [ -n "${AP_COMPILER_LAUNCHER:-}" ]; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$AP_COMPILER_LAUNCHER")
fi

if [ -z "${AP_FUZZ_BUILD_DIR:-}" ] || ! grep -q '^AP_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
    # -O1 -g1 and a unity build: the sanitizers' checks dominate a fuzzer's
    # speed, and the build is part of every CI run.
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_UNITY_BUILD=ON \
        -DCMAKE_CXX_COMPILER=clang++ -DAP_FUZZ_ONLY=ON "${launcher[@]}" >/dev/null
fi
cmake --build "$build" --parallel "$(nproc)"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$build/artifacts"
# One fuzzer per core at a time: each still runs SECONDS.
jobs_max="${AP_FUZZ_JOBS:-$(nproc)}"
run_one() {
    local name="$1" exe="$2" dict="$3" seeds="$4"
    local corpus="$build/corpus/$name"
    mkdir -p "$corpus"
    IFS=':' read -r -a seedDirs <<<"$seeds"
    if "$exe" -max_total_time="$seconds" -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$name-" -rss_limit_mb=4096 \
        "$corpus" "${seedDirs[@]}" 2>"$build/$name.log"; then
        echo "== $name: ${seconds}s, no crash: $(grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' \
            "$build/$name.log" | tr -s ' ' | tr '\n' ' ')"
        return 0
    fi
    echo "== $name FAILED; last lines of $build/$name.log:"
    tail -n 40 "$build/$name.log"
    return 1
}
names=()
while IFS=$'\t' read -r name exe dict seeds; do
    [ -n "$name" ] || continue
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do
        wait -n || true
    done
    rm -f "$build/$name.failed"
    (run_one "$name" "$exe" "$dict" "$seeds" || touch "$build/$name.failed") &
    names+=("$name")
done <"$build/fuzzers.tsv"
wait
status=0
for name in "${names[@]}"; do
    [ ! -e "$build/$name.failed" ] || status=1
done
exit "$status"
