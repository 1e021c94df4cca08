#!/usr/bin/env bash
# CI and the README's test command. Installs what is missing, then:
#   0. checks that every C++ file follows .clang-format;
#   1. builds everything (Release, GCC, warnings as errors) and runs every
#      test (ctest);
#   2. builds the whole test suite and the libFuzzer targets with clang
#      (warnings as errors), AddressSanitizer and UBSan (build-asan/) and
#      runs the suite
#      (AP_SANITIZE_STAGE=0 skips it);
#   3. runs each fuzzer for AP_FUZZ_SECONDS (default 10 here; longer runs
#      are docs/fuzzing.md's), one per core at a
#      time (AP_FUZZ_STAGE=0 skips it; without stage 2 it builds them alone
#      in build-fuzz/).
# Each step prints its wall time; docs/fuzzing.md gives the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/deps.sh"
ap_install_missing "${AP_BUILD_PACKAGES[@]}" "${AP_TEST_PACKAGES[@]}"

step() { echo "== $1 ($(date -u +%H:%M:%S))"; }
start=$SECONDS

step "format"
bash "$root/scripts/check_format.sh"

step "release build and tests"
# -O2 rather than CMake's Release -O3: the same optimised code paths (GCC
# vectorises at -O2 too) in about 0.8 of the compile time on the
# Eigen-heavy files (engine/experiments/lstm.cpp: 18 s against 23 s of
# CPU); what users build keeps -O3. A unity build (up to 8 sources of a
# target per compiler run) parses Qt, QCustomPlot and Eigen once per batch:
# the libraries take about half the CPU time of one file per run. The
# price: a file that misses an #include its batch neighbours supply still
# compiles here; the default build (one file per run, as scripts/run.sh
# and developers build) shows it.
# Both stages link with lld (scripts/deps.sh).
linker=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld)
ap_build -DAP_WERROR=ON -DAP_BUILD_TESTS=ON -DAP_BUILD_BENCHMARKS=ON \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_UNITY_BUILD=ON "${linker[@]}"
(cd "$AP_BUILD_DIR" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 600 -j "$(nproc)")
echo "   release: $((SECONDS - start)) s"

fuzz_dir=()
if [ "${AP_SANITIZE_STAGE:-1}" = 1 ]; then
    step "AddressSanitizer + UBSan build (clang) and tests"
    t=$SECONDS
    # clang, the other compiler besides the Release stage's GCC, compiles
    # this build in about half of GCC's CPU time (docs/fuzzing.md); -O1:
    # the sanitizers' checks dominate, and it compiles much faster. A unity
    # build, as in the Release stage. AP_FUZZ (which turns the sanitizers on)
    # adds the fuzzers to the same tree, so the fuzz stage compiles nothing
    # again.
    AP_BUILD_DIR="$root/build-asan" ap_build -DCMAKE_CXX_COMPILER=clang++ -DAP_FUZZ=ON -DAP_WERROR=ON \
        -DAP_BUILD_TESTS=ON -DAP_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_UNITY_BUILD=ON "${linker[@]}"
    # Leaks are checked by the fuzzers (engine only); Qt and fontconfig keep
    # caches alive until exit that LeakSanitizer would report.
    (cd "$root/build-asan" && QT_QPA_PLATFORM=offscreen \
        ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --output-on-failure --timeout 900 -j "$(nproc)")
    echo "   sanitizers: $((SECONDS - t)) s"
    fuzz_dir=(env AP_FUZZ_BUILD_DIR="$root/build-asan")
fi

if [ "${AP_FUZZ_STAGE:-1}" = 1 ]; then
    step "fuzzers"
    t=$SECONDS
    "${fuzz_dir[@]}" bash "$root/scripts/fuzz.sh" "${AP_FUZZ_SECONDS:-10}"
    echo "   fuzzers: $((SECONDS - t)) s"
fi
echo "== all passed in $((SECONDS - start)) s"
