#!/usr/bin/env bash
# Builds the Debian package for any x86-64 processor (no -march=native) in
# build-package/ and prints the path of the .deb:
#   scripts/package.sh && sudo apt install ./build-package/attention-playground_*_amd64.deb
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ap_install_missing "${AP_BUILD_PACKAGES[@]}" "${AP_PACKAGE_PACKAGES[@]}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AP_BUILD_DIR="${AP_PACKAGE_DIR:-$root/build-package}"
ap_build -DAP_NATIVE=OFF -DAP_BUILD_TESTS=OFF -DAP_BUILD_BENCHMARKS=OFF -DCMAKE_INSTALL_PREFIX=/usr
(cd "$AP_BUILD_DIR" && cpack -G DEB)
ls "$AP_BUILD_DIR"/attention-playground_*.deb
