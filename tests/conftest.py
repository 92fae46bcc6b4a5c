"""Shared fixtures and the service markers.

Tests marked `postgres`, `redis` or `browser` need that service. Locally they skip with the
reason when it is missing; in CI (CI=true) a skip of such a test fails the run, so CI can never
be green without having exercised them.
"""

import datetime as dt
import logging
import os
import shutil
import socket
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

# Playwright's sync API runs an event loop in the test thread (playwright-pytest#29).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SERVICE_MARKERS = ("postgres", "redis", "browser", "oidc_provider")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _flush_may_truncate_the_access_log():
    """The flush between transactional tests empties every table with TRUNCATE; on
    PostgreSQL the access log refuses that (accesslog migration 0005) unless the flush's own
    transaction asks, in a test database. Only this flush asks."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    sql_flush = DatabaseOperations.sql_flush

    def asking(self, style, tables, **kwargs):
        statements = sql_flush(self, style, tables, **kwargs)
        return ["SET LOCAL heerlen.access_log_truncate = 'on'", *statements] if statements else []

    DatabaseOperations.sql_flush = asking


_flush_may_truncate_the_access_log()


def _reachable(url):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def _missing_service(marker):
    if marker == "postgres" and connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if marker == "redis" and not _reachable(TEST_REDIS_URL):
        return f"needs Redis at {TEST_REDIS_URL} (set TEST_REDIS_URL)"
    if marker == "browser" and not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)"
    return None


class _PersonalDataInLogs(logging.Handler):
    """Remembers every log line, of the whole run, that holds personal data a test used."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.found = []

    def emit(self, record):
        from . import personal_data

        line = self.format(record)
        self.found += [(value, line) for value in personal_data.ALL if value in line]


_log_watch = _PersonalDataInLogs()


def pytest_sessionstart(session):
    """Watches what the log output would hold: the console handler's filters apply."""
    root = logging.getLogger()
    for handler in root.handlers:
        if handler.get_name() == "console":
            for log_filter in handler.filters:
                _log_watch.addFilter(log_filter)
    root.addHandler(_log_watch)


def pytest_sessionfinish(session, exitstatus):
    """Fails the run when a log line held personal data (see tests/personal_data.py)."""
    if _log_watch.found:
        for value, line in _log_watch.found[:20]:
            print(f"\npersonal data {value!r} in the log output: {line}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_runtest_setup(item):
    for marker in SERVICE_MARKERS:
        if item.get_closest_marker(marker) and (reason := _missing_service(marker)):
            if IN_CI:
                pytest.fail(f"CI=true and this test {reason}", pytrace=False)
            pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    marked = [m for m in SERVICE_MARKERS if item.get_closest_marker(m)]
    # An expected failure (xfail) is reported as skipped too; it ran, so it is no skip.
    if IN_CI and marked and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"CI=true: a test that needs {', '.join(marked)} must not skip"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive the system's Chromium; Playwright never downloads a browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from statements.cache import forget_local

    cache.clear()
    forget_local()
    return


@pytest.fixture(autouse=True)
def _tasks_in_process():
    """Tasks run in the test's own process, whatever broker the environment names: a test
    that needs a real worker starts one (tests/heerlen_privacy/test_celery.py)."""
    from heerlen_privacy.celery import app

    previous = app.conf.task_always_eager
    app.set_current()  # shared tasks bind to the current app: ours, whatever a test made
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def otp_login(client, user):
    """Signs `user` in on `client` as the back office requires: a session whose second factor
    (a confirmed TOTP device) is verified. `force_login` alone no longer opens /beheer/."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test device", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def browser_sign_in(page, live_server, user):
    """Signs `user` in (both factors) in a Playwright page of the live server: the session
    of `otp_login` handed to the browser as its cookie. Returns the page."""
    from django.conf import settings
    from django.test import Client

    client = otp_login(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": live_server.url.split("//")[1].split(":")[0],
                "path": "/",
            }
        ]
    )
    return page


@pytest.fixture
def verified_admin_client(client, admin_user):
    """The superuser, signed in with both factors."""
    return otp_login(client, admin_user)


def restore_retention_policies():
    """The retention policies the data migrations make (retention 0002 and 0008), made again:
    a transactional test empties every table when it ends, and publishing a statement version
    needs a policy for each of its retention rules."""
    import importlib

    from django.apps import apps

    from retention.models import RetentionPolicy

    migration = importlib.import_module("retention.migrations.0002_policies")
    for row in migration.POLICIES:
        RetentionPolicy.objects.update_or_create(code=row["code"], defaults=row)
    importlib.import_module("retention.migrations.0008_refused_youth_requests").add(apps, None)
    importlib.import_module("retention.migrations.0010_access_log_policy").create(apps, None)
    importlib.import_module("retention.migrations.0011_access_log_policy_on").activate(apps, None)


@pytest.fixture
def policies(db):
    restore_retention_policies()


SEED_LOADED_AT = dt.datetime(2026, 1, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def statements_load(call_command) -> None:
    """`load_statements` as on the seed's first day: every seed version is then in force
    from 1 January 2026, so tests may use fixed dates from then on, whatever today is."""
    import time_machine

    with time_machine.travel(SEED_LOADED_AT, tick=False):
        call_command("load_statements", verbosity=0)


@pytest.fixture
def published(db):
    """The seed's statements, published, and the policies that enforce them. The policies
    come from data migrations; they are made again first (`restore_retention_policies`)."""
    from django.core.management import call_command

    restore_retention_policies()
    statements_load(call_command)
