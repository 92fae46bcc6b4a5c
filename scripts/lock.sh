#!/usr/bin/env bash
# Resolves pyproject.toml into two pinned files with every file's sha256: requirements.lock
# (what production installs) and requirements-dev.lock (that plus the test, lint and type
# tools), installed with `pip install --require-hashes -r ...`. Run after changing dependencies.
#
# Versions already in a lock file stay as they are (uv keeps the pins of the file it rewrites)
# unless pyproject.toml no longer allows them; `scripts/lock.sh --upgrade` moves everything to
# the newest allowed, `--upgrade-package NAME` one package. Other uv pip compile options pass
# through too. The dev lock takes the runtime lock as constraints: both pin the same versions.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3.11}
uv_version=0.13.9
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "uv==$uv_version"
# --no-config: no uv.toml of the user's; uv reads no pip configuration either, so the hashes
# are those of the files on PyPI, the same on every machine.
compile=("$work/venv/bin/uv" pip compile pyproject.toml --no-config --python "$python"
  --generate-hashes --custom-compile-command scripts/lock.sh --quiet "$@")
"${compile[@]}" --output-file requirements.lock
"${compile[@]}" --extra dev --constraint requirements.lock --output-file requirements-dev.lock
