#!/usr/bin/env bash
# Fails (exit 1) if any C++ file of the repository differs from what
# clang-format makes of it with the repository's .clang-format, and names
# the files. CI runs it before building.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
format=${CLANG_FORMAT:-clang-format}
bad=()
while IFS= read -r -d '' f; do
    if ! "$format" --dry-run --Werror "$f" >/dev/null 2>&1; then
        bad+=("$f")
    fi
done < <(git ls-files -z -- '*.cpp' '*.h')
if [ ${#bad[@]} -gt 0 ]; then
    echo "Not formatted with $($format --version | head -n1) (run: clang-format -i FILE):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
echo "format: all $(git ls-files -- '*.cpp' '*.h' | wc -l) C++ files follow .clang-format"
