#!/usr/bin/env bash
# Known vulnerabilities in the locked dependencies (pip-audit), for an operator with internet
# access: it asks PyPI's and OSV's vulnerability data, which CI's machine cannot reach, so it
# is not a CI step. --strict makes a package that could not be looked up an error, never a
# silent "no known vulnerabilities". Usage: scripts/audit-dependencies.sh [requirements file...]
set -euo pipefail
cd "$(dirname "$0")/.."
audit=.venv/bin/pip-audit
[ -x "$audit" ] || { echo "install the dev dependencies first: make setup" >&2; exit 2; }
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(requirements.lock requirements-dev.lock)
status=0
for file in "${files[@]}"; do
  for service in pypi osv; do
    printf '\n==> %s (%s)\n' "$file" "$service"
    # The locks pin every package with its hashes, so pip need not resolve anything.
    "$audit" --strict --require-hashes --disable-pip --progress-spinner off \
      --vulnerability-service "$service" -r "$file" || status=1
  done
done
exit "$status"
