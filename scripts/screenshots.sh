#!/usr/bin/env bash
# Takes screenshots of the window under Xvfb in the looks the interface
# must handle: English, Chinese (LANG=zh_CN.UTF-8), a dark GTK palette
# (needs the qt6-gtk-platformtheme package) and QT_SCALE_FACTOR=2.
#   scripts/screenshots.sh OUTDIR [SCENE.json]
# Needs xvfb and imagemagick. Each run uses a fresh settings folder, so a
# language chosen in the menu earlier does not override LANG.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: screenshots.sh OUTDIR [SCENE.json]}"
scene="${2:-$root/resources/scenes/multi-head.json}"
app="${AP_APP:-$root/build/app/attention-playground}"
mkdir -p "$out"

shot() {
    local name="$1" size="$2"; shift 2
    local home
    home="$(mktemp -d)"
    env XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" "$@" \
        xvfb-run -a -s "-screen 0 ${size}x24" bash -c \
        "\"$app\" \"$scene\" & pid=\$!; sleep 4; import -window root \"$out/$name.png\"; kill \$pid" \
        || true
    rm -rf "$home"
    echo "$out/$name.png"
}

shot en 1400x900 LANG=C.UTF-8 LANGUAGE=
shot zh_CN 1400x900 LANG=zh_CN.UTF-8 LANGUAGE=
shot dark 1400x900 LANG=C.UTF-8 LANGUAGE= QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=Adwaita:dark
shot scale2 2800x1800 LANG=C.UTF-8 LANGUAGE= QT_SCALE_FACTOR=2
