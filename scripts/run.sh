#!/usr/bin/env bash
# Installs what is missing, builds, and starts Attention Playground on its
# built-in example. Without a display it says so and writes the example's
# heatmap to a PNG instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ap_install_missing "${AP_BUILD_PACKAGES[@]}"
ap_build -DAP_BUILD_TESTS=OFF -DAP_BUILD_BENCHMARKS=OFF
app="$AP_BUILD_DIR/app/attention-playground"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != "offscreen" ]; then
    out="$AP_BUILD_DIR/example-heatmap.png"
    echo "No display is available (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open."
    "$app" export "$root/resources/scenes/je-suis-etudiant.json" -o "$out" --width 900 --height 650
    echo "Wrote the built-in example's heatmap to: $out"
    exit 0
fi
exec "$app" "$@"
