#!/usr/bin/env bash
# Installs the Debian packages the portal needs, only those missing; idempotent and quiet when
# everything is there. Usage: scripts/system-packages.sh run|test
#   run:  Python 3.11 venv, WeasyPrint's Pango and HarfBuzz subsetting, fonts, gettext
#   test: the same, plus Chromium for the browser tests (driven by Playwright, never downloaded)
set -euo pipefail
packages=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core gettext)
if [ "${1:-run}" = "test" ]; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Please install these system packages (Debian/Ubuntu names): ${missing[*]}" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "Run as root, or install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
