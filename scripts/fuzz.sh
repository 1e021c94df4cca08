#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, engine only) in
# build-fuzz/ and runs every fuzzer registered with ap_add_fuzzer() for
# SECONDS each (default 60), with its dictionary and seed corpora. New inputs
# go to build-fuzz/corpus/NAME (kept between runs), crashes to
# build-fuzz/artifacts/. Exits non-zero if any fuzzer finds a crash.
#
#   scripts/fuzz.sh [SECONDS]        AP_FUZZ_BUILD_DIR overrides build-fuzz/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
build="${AP_FUZZ_BUILD_DIR:-$root/build-fuzz}"
launcher=()
if [ -n "${AP_COMPILER_LAUNCHER:-}" ]; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$AP_COMPILER_LAUNCHER")
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DAP_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build "$build" --parallel "$(nproc)"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$build/artifacts"
status=0
while IFS=$'\t' read -r name exe dict seeds; do
    [ -n "$name" ] || continue
    corpus="$build/corpus/$name"
    mkdir -p "$corpus"
    IFS=':' read -r -a seedDirs <<<"$seeds"
    echo "== $name: ${seconds}s"
    if ! "$exe" -max_total_time="$seconds" -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$name-" -rss_limit_mb=4096 \
        "$corpus" "${seedDirs[@]}" 2>"$build/$name.log"; then
        echo "$name FAILED; last lines of $build/$name.log:"
        tail -n 40 "$build/$name.log"
        status=1
    fi
    grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|cov: .* ft:" \
        "$build/$name.log" | tail -n 4 || true
done <"$build/fuzzers.tsv"
exit "$status"
