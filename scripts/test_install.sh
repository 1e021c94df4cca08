#!/usr/bin/env bash
# Installs a build tree into a temporary prefix and checks the installed
# program on its own: it runs from another folder, finds its data next to
# itself, draws Chinese labels when the locale asks for them, and holds no
# path of the source tree (not checked for a sanitizer build: ASan and
# UBSan record each source file's path for their reports).
#   test_install.sh BUILD_DIR SOURCE_DIR [sanitized]
set -euo pipefail
build="$1"
source_dir="$(cd "$2" && pwd)"
sanitized="${3:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log"

fail() { echo "FAIL: $*" >&2; exit 1; }
app="$prefix/bin/attention-playground"
share="$prefix/share"
[ -x "$app" ] || fail "no executable at $app"
for f in applications/io.github.attention_playground.AttentionPlayground.desktop \
         metainfo/io.github.attention_playground.AttentionPlayground.metainfo.xml \
         mime/packages/attention-playground.xml \
         icons/hicolor/scalable/apps/attention-playground.svg \
         icons/hicolor/16x16/apps/attention-playground.png \
         icons/hicolor/256x256/apps/attention-playground.png \
         attention-playground/scenes/play-computer-game.json \
         attention-playground/corpora/fr-en.tsv \
         attention-playground/translations/attention-playground_zh_CN.qm; do
    [ -s "$share/$f" ] || fail "not installed: share/$f"
done
if find "$prefix" -path '*screenshots*' | grep -q .; then fail "screenshots were installed"; fi
if [ "$sanitized" != sanitized ] && grep -q -a -F "$source_dir" "$app"; then
    fail "the executable holds the source path $source_dir"
fi

# From an unrelated folder, in English and in Chinese.
mkdir "$work/elsewhere"
cd "$work/elsewhere"
scene="$share/attention-playground/scenes/play-computer-game.json"
LANG=C.UTF-8 LC_ALL= LANGUAGE= "$app" export "$scene" -o en.svg --width 600 --height 400
LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$app" export "$scene" -o zh.svg --width 600 --height 400
LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$app" export "$scene" -o zh.png --width 600 --height 400
[ -s zh.png ] || fail "no PNG written"
grep -q '>weight<' en.svg || fail "the English picture has no 'weight' label"
grep -q '>权重<' zh.svg || fail "the Chinese picture has no '权重' label (translations not found)"
grep -q '电脑' zh.svg || fail "the scene's Chinese tokens are missing from the picture"
"$app" --version | grep -q '^attention-playground ' || fail "--version"

# The file types: a scene is told from other JSON by its "format" value.
update-mime-database "$share/mime" > /dev/null 2>&1
echo '{"format": "something.else"}' > plain.json
mime() { XDG_DATA_DIRS="$share:/usr/share" XDG_DATA_HOME="$work/none" gio info -a standard::content-type "$1" | sed -n 's/.*content-type: //p'; }
[ "$(mime "$scene")" = application/x-attention-playground-scene ] || fail "a scene is $(mime "$scene")"
[ "$(mime plain.json)" = application/json ] || fail "other JSON is $(mime plain.json)"
echo "installed into $prefix and ran from $work/elsewhere: ok"
