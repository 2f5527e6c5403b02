#!/usr/bin/env bash
# Copies the web UI's front-end libraries from node_modules (installed by `npm ci` from
# package-lock.json) into web/static/vendor, where the server serves them like any other asset.
# Only the minified browser builds and their licences are copied; nothing is fetched at run time.
#   tools/vendor-web.sh          (run from anywhere; ./satupintu.sh demo|test run it)
set -euo pipefail
cd "$(dirname "$0")/.."
out=web/static/vendor
files=(
    "chart.js/dist/chart.umd.min.js chart.umd.min.js"
    "chart.js/LICENSE.md LICENSE-chart.js.txt"
    "d3-array/dist/d3-array.min.js d3-array.min.js"
    "d3-array/LICENSE LICENSE-d3-array.txt"
    "d3-geo/dist/d3-geo.min.js d3-geo.min.js"
    "d3-geo/LICENSE LICENSE-d3-geo.txt"
    "rapidoc/dist/rapidoc-min.js rapidoc-min.js"
    "rapidoc/LICENSE.txt LICENSE-rapidoc.txt"
    "pdfjs-dist/build/pdf.min.mjs pdf.min.mjs"
    "pdfjs-dist/build/pdf.worker.min.mjs pdf.worker.min.mjs"
    "pdfjs-dist/LICENSE LICENSE-pdfjs-dist.txt"
)
mkdir -p "$out"
for f in "${files[@]}"; do
    read -r from to <<<"$f"
    if [ ! -f "node_modules/$from" ]; then
        echo "vendor-web: node_modules/$from is missing: run 'npm ci' first" >&2
        exit 1
    fi
    cmp -s "node_modules/$from" "$out/$to" || cp "node_modules/$from" "$out/$to"
done
