#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test (ctest).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ap_install_missing "${AP_BUILD_PACKAGES[@]}" "${AP_TEST_PACKAGES[@]}"
ap_build -DAP_BUILD_TESTS=ON -DAP_BUILD_BENCHMARKS=ON
cd "$AP_BUILD_DIR"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 600 -j "$(nproc)"
