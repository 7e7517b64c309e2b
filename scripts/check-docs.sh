#!/usr/bin/env bash
# DocC for every module with a catalog, warnings as errors, with the toolchain's own `docc` (no plugin
# for users to resolve). Needs a debug build (`swift build`); symbol graphs come from it.
# Cross-module references are written as code (`GenesysCloudClient`), not as links: DocC resolves
# ``links`` within one module only.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${DOCS_OUTPUT:-.build/docs}"
graphs=".build/docs-symbolgraphs"
rm -rf "$out" "$graphs"
mkdir -p "$out" "$graphs"
swift package dump-symbol-graph --minimum-access-level public >/dev/null
built="$(swift build --show-bin-path)/../symbolgraph"
failed=0
for catalog in Sources/*/Documentation.docc; do
    module="$(basename "$(dirname "$catalog")")"
    mkdir -p "$graphs/$module"
    cp "$built/$module".symbols.json "$graphs/$module/"
    cp "$built/$module"@*.symbols.json "$graphs/$module/" 2>/dev/null || true
    if docc convert "$catalog" --additional-symbol-graph-dir "$graphs/$module" \
        --fallback-display-name "$module" --fallback-bundle-identifier "$module" \
        --output-path "$out/$module" --warnings-as-errors >"$graphs/$module.log" 2>&1; then
        echo "docs: $module ok"
    else
        echo "docs: $module FAILED"
        grep -E "^(error|warning)|: (error|warning)" "$graphs/$module.log" | head -40
        failed=1
    fi
done
exit "$failed"
