#!/usr/bin/env bash
# Builds src/gezinsplan/static/vendor/ from the pinned npm packages (package-lock.json).
# Idempotent: runs `npm ci` only when node_modules is missing or older than package-lock.json,
# and copies a file only when its content changed. The vendor dir is git-ignored; `make` runs this.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NM="$ROOT/node_modules"
VENDOR="$ROOT/src/gezinsplan/static/vendor"
STAMP="$NM/.package-lock.stamp"

cd "$ROOT"

if ! command -v npm >/dev/null 2>&1; then
    echo "build_assets: npm is not installed (apt-get install nodejs npm)" >&2
    exit 1
fi

if [[ ! -d "$NM" || ! -f "$STAMP" || "$ROOT/package-lock.json" -nt "$STAMP" ]]; then
    echo "build_assets: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    touch "$STAMP"
fi

# source (relative to node_modules) -> target (relative to static/vendor)
ASSETS=(
    "@utrecht/component-library-css/dist/index.css:utrecht-component-library.css"
    "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css:voorbeeld-design-tokens.css"
    "htmx.org/dist/htmx.min.js:htmx.min.js"
    "chart.js/dist/chart.umd.min.js:chart.umd.min.js"
    "chart.js/dist/chart.umd.min.js.map:chart.umd.min.js.map"
    "axe-core/axe.min.js:axe.min.js"
    "@utrecht/component-library-css/LICENSE.md:licenses/utrecht-component-library-css.LICENSE.md"
    "@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md:licenses/voorbeeld-design-tokens.LICENSE.md"
    "htmx.org/LICENSE:licenses/htmx.LICENSE"
    "chart.js/LICENSE.md:licenses/chart.js.LICENSE.md"
    "axe-core/LICENSE:licenses/axe-core.LICENSE"
)

mkdir -p "$VENDOR/licenses"
changed=0
for entry in "${ASSETS[@]}"; do
    src="$NM/${entry%%:*}"
    dst="$VENDOR/${entry#*:}"
    if [[ ! -f "$src" ]]; then
        echo "build_assets: missing $src (package layout changed?)" >&2
        exit 1
    fi
    if ! cmp -s "$src" "$dst"; then
        cp "$src" "$dst"
        changed=$((changed + 1))
    fi
done

echo "build_assets: $VENDOR up to date ($changed file(s) copied)"
