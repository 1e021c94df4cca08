#!/usr/bin/env bash
# Installs the Debian 12 packages this project needs that are missing.
# Sourced by run.sh and test.sh; needs root (or sudo) only when something is
# missing.
set -euo pipefail

AP_BUILD_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-svg-dev qt6-l10n-tools qt6-tools-dev qt6-translations-l10n libgl-dev
    libeigen3-dev libqcustomplot-dev libopenblas-dev
    libgtest-dev libbenchmark-dev zlib1g-dev
    fonts-dejavu-core fonts-wqy-microhei
)
# What the tests need beyond the build: pdftoppm and pdffonts read PDFs
# back; desktop-file-validate, appstreamcli and gio check the desktop files
# and file types; dpkg-dev and file build the Debian package; numpy and
# PyTorch run scripts/export_attention.py against PyTorch's own attention
# modules; clang with its libFuzzer and sanitizer runtimes, OpenMP for clang
# and llvm-symbolizer build and run the fuzzers; clang-format checks the
# tree's formatting; Node.js (with its npm) installs the reference
# tokenizer implementation and real vocabularies into the build tree; lld
# links the test builds' 280 executables in about a fifth of the CPU time
# of the default linker.
AP_TEST_PACKAGES=(poppler-utils desktop-file-utils appstream shared-mime-info libglib2.0-bin dpkg-dev file
                  python3-numpy python3-torch
                  clang libclang-rt-14-dev libomp-14-dev llvm clang-format nodejs lld)
# cpack's DEB generator finds library dependencies with dpkg-shlibdeps.
AP_PACKAGE_PACKAGES=(dpkg-dev file)

ap_install_missing() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "Installing missing packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures and builds into $AP_BUILD_DIR (default: build/ in the checkout).
ap_build() {
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    AP_BUILD_DIR="${AP_BUILD_DIR:-$root/build}"
    cmake -S "$root" -B "$AP_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
    cmake --build "$AP_BUILD_DIR" --parallel "$(nproc)"
}
