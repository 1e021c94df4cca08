#!/usr/bin/env bash
# Fails (exit 1) if any C++ file of the repository differs from what
# clang-format makes of it with the repository's .clang-format, and names
# the files. CI runs it before building.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
format=${CLANG_FORMAT:-clang-format}
command -v "$format" >/dev/null || { echo "check_format: $format not found" >&2; exit 1; }
# Batches of files per clang-format run, one run per core: a run per file
# spent most of its time starting processes. With --Werror each file that
# would change is named in a "code should be clang-formatted" error.
set +e
errors=$(git ls-files -z -- '*.cpp' '*.h' | xargs -0 -n 40 -P "$(nproc)" "$format" --dry-run --Werror 2>&1 >/dev/null)
status=$?
set -e
mapfile -t bad < <(sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' <<<"$errors" | sort -u)
if [ $status -ne 0 ] && [ ${#bad[@]} -eq 0 ]; then
    printf '%s\n' "$errors" >&2
    echo "check_format: $format failed (exit $status)" >&2
    exit 1
fi
if [ ${#bad[@]} -gt 0 ]; then
    echo "Not formatted with $($format --version | head -n1) (run: clang-format -i FILE):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
echo "format: all $(git ls-files -- '*.cpp' '*.h' | wc -l) C++ files follow .clang-format"
