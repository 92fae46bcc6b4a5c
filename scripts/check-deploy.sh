#!/usr/bin/env bash
# `manage.py check --deploy` as production runs it: DEBUG off, a real secret, PostgreSQL, Redis.
# Any warning fails. Production variables already in the environment win over these examples.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))')}"
export FIELD_ENCRYPTION_KEYS="${FIELD_ENCRYPTION_KEYS:-$(.venv/bin/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')}"
export BLIND_INDEX_KEY="${BLIND_INDEX_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))')}"
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-privacy.heerlen.nl}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/heerlen_privacy}"
export CACHE_URL="${CACHE_URL:-redis://127.0.0.1:6379/1}"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/2}"
exec .venv/bin/python manage.py check --deploy --fail-level WARNING
