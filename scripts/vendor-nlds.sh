#!/usr/bin/env bash
# Refreshes static/vendor/ from the npm packages pinned in package.json.
# The CSS and fonts are committed so that installing the portal needs no Node.js and no
# network beyond PyPI; this script is for the maintainer who bumps a version.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp package.json "$work/"
(cd "$work" && npm install --ignore-scripts --no-audit --no-fund --silent)
nm="$work/node_modules"
install -D -m 644 "$nm/@utrecht/component-library-css/dist/index.css" static/vendor/nlds/utrecht/index.css
install -D -m 644 "$nm/@utrecht/component-library-css/dist/html.css" static/vendor/nlds/utrecht/html.css
install -D -m 644 "$nm/@utrecht/component-library-css/LICENSE.md" static/vendor/nlds/utrecht/LICENSE.md
install -D -m 644 "$nm/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css" static/vendor/nlds/voorbeeld/theme.css
install -D -m 644 "$nm/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md" static/vendor/nlds/voorbeeld/LICENSE.md
for variant in 400-normal 400-italic 700-normal 700-italic; do
  install -D -m 644 "$nm/@fontsource/noto-sans/files/noto-sans-latin-$variant.woff2" "static/vendor/fonts/noto-sans-latin-$variant.woff2"
done
install -D -m 644 "$nm/@fontsource/noto-sans/LICENSE" static/vendor/fonts/LICENSE-noto-sans.txt
echo "static/vendor/ refreshed; run the browser tests (axe) before committing."
