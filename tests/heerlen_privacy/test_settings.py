"""Production refuses to start unsafely; local defaults need nothing installed."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": "privacy.heerlen.nl",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/heerlen_privacy",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/2",
    "EMAIL_URL": "smtp+tls://portal:secret@smtp.example.nl:587",
    "FIELD_ENCRYPTION_KEYS": "TkVXLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc=",
    "BLIND_INDEX_KEY": "blind-index-0123456789abcdef0123456789",
}
CONFIG_VARS = (
    "DJANGO_SECRET_KEY",
    "FIELD_ENCRYPTION_KEYS",
    "BLIND_INDEX_KEY",
    "DJANGO_DEBUG",
    "DATABASE_URL",
    "CACHE_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
)


def load_settings(**env):
    """Imports the settings in a clean process, so no test state leaks in."""
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    clean["DJANGO_SETTINGS_MODULE"] = "heerlen_privacy.settings"
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], "
        "settings.CACHES['default']['BACKEND'], settings.CELERY_TASK_ALWAYS_EAGER, "
        "settings.EMAIL_BACKEND)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "secret",
    ["", "short", "django-insecure-" + "x" * 60, "a" * 60],
    ids=["unset", "short", "insecure-prefix", "one-character"],
)
def test_production_refuses_to_start_without_a_real_secret(secret):
    result = load_settings(**PRODUCTION, DJANGO_SECRET_KEY=secret)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_on_postgres_and_redis():
    result = load_settings(**PRODUCTION, DJANGO_SECRET_KEY="k3y-" + "0123456789abcdef" * 4)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "django.db.backends.postgresql",
        "heerlen_privacy.redis_cache.SharedClientRedisCache",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


@pytest.mark.parametrize("missing", ["FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY"])
def test_production_refuses_to_start_without_the_data_keys(missing):
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": "k3y-" + "0123456789abcdef" * 4, missing: ""}
    result = load_settings(**env)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS (Fernet keys, newest first) and BLIND_INDEX_KEY" in result.stderr


def test_debug_is_off_unless_asked_for():
    keys = {k: PRODUCTION[k] for k in ("FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY")}
    result = load_settings(DJANGO_SECRET_KEY="k3y-" + "0123456789abcdef" * 4, **keys)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_local_defaults_need_no_services():
    result = load_settings(DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "True",
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_env_example_documents_every_variable_the_settings_read():
    settings_source = (ROOT / "heerlen_privacy" / "settings.py").read_text()
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', settings_source))
    gunicorn_source = (ROOT / "gunicorn.conf.py").read_text()
    read |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', gunicorn_source))
    example = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    readme = set(re.findall(r"^\| `([A-Z_]+)` \|", (ROOT / "README.md").read_text(), re.M))
    assert len(read) > 10, "the pattern no longer finds the settings' variables"
    assert read == example, f"in settings, not .env.example: {sorted(read - example)}"
    assert example <= readme, f"in .env.example, not the README: {sorted(example - readme)}"
