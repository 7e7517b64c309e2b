#!/usr/bin/env bash
# Lints the Swift sources against the committed .swift-format (swift-format from the Swift toolchain).
# Exits non-zero on any finding (--strict turns warnings into errors). Run from anywhere; it works from the repo root.
#
# To reformat the tree instead of checking it:
#   swift format format --configuration .swift-format --parallel --recursive --in-place \
#       Sources Tests Benchmarks/Benchmarks Snippets   # (only the paths that exist)
#
# Symbolic links are not followed (swift-format's default), so a file linked into a second target is
# checked once, at its real path.
set -euo pipefail
cd "$(dirname "$0")/.."

if swift format --version >/dev/null 2>&1; then
    swift_format=(swift format)
elif command -v swift-format >/dev/null 2>&1; then
    swift_format=(swift-format)
else
    echo "check-format: swift-format not found (it ships with Swift 6 toolchains as 'swift format')" >&2
    exit 2
fi

paths=()
for path in Sources Tests Benchmarks/Benchmarks Snippets; do
    [[ -e "$path" ]] && paths+=("$path")
done
if ((${#paths[@]} == 0)); then
    echo "check-format: none of Sources Tests Benchmarks/Benchmarks Snippets exists" >&2
    exit 2
fi

if "${swift_format[@]}" lint --strict --parallel --configuration .swift-format --recursive "${paths[@]}"; then
    echo "check-format: no findings in ${paths[*]}"
else
    status=$?
    echo "check-format: findings above (fix them, or run the format command at the top of $0)" >&2
    exit "$status"
fi
