"""A dump of the database holds no personal data in plain text: names, e-mail addresses,
BSNs and health notes are encrypted, and searchable only through blind indexes. A journey
through every service that stores typed text (tests/data_at_rest_journey.py) leaves none of
its markers in the dump, nor in any log record it caused."""

import logging
import os
import subprocess
import time

import pytest
from django.db import connection

from cases.models import SignalBatch
from core.sync import roles_sync
from heerlen_privacy.celery import app
from requests_app import services
from requests_app.models import OutgoingEmail
from tests.cases.factories import DebtSignalFactory, YouthCaseFactory

from . import data_at_rest_journey, personal_data
from .celery_worker import worker_start

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_pg_dump_shows_no_bsn_name_or_health_data():
    name, other_name = personal_data.NAMES
    email = personal_data.EMAILS[0]
    bsn, other_bsn = personal_data.BSNS
    diagnosis, safety = personal_data.HEALTH
    signal = DebtSignalFactory(name=name, bsn=bsn)
    youth = YouthCaseFactory(
        youth_name=other_name, bsn=other_bsn, health_data=diagnosis, safety_risks=safety
    )
    request, _secret = services.request_submit(
        kind="access",
        domain="youth",
        name=name,
        email=email,
        details=f"Mijn dossier over {diagnosis}",
        capacity="parent",
        subject_name=other_name,
    )
    dump = _dump()

    # The dump is real: the rows are there, by their non-personal columns.
    for public_id in (signal.public_id, youth.public_id, request.public_id):
        assert str(public_id) in dump
    for secret in personal_data.ALL:
        assert secret not in dump, f"{secret!r} is in the database dump in plain text"


def _dump() -> str:
    db = connection.settings_dict
    where = ["-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"]]
    return subprocess.run(
        ["pg_dump", "--data-only", *where, db["NAME"]],
        capture_output=True,
        check=True,
    ).stdout.decode()


class _Records(logging.Handler):
    """Every record of the journey, formatted as the console handler would print it: with
    the project's redaction filters (settings.LOGGING) applied first."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []
        console = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
        assert console, "settings.LOGGING's console handler is missing"
        for log_filter in console[0].filters:
            self.addFilter(log_filter)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def journey_logs():
    root = logging.getLogger()
    handler, level = _Records(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler.lines
    root.removeHandler(handler)
    root.setLevel(level)


def test_a_journey_through_every_service_leaves_no_marker_in_the_dump_or_the_logs(
    client, published, journey_logs, mailoutbox
):
    roles_sync()
    markers = data_at_rest_journey.markers()
    public_ids = data_at_rest_journey.journey(client, markers)
    dump = _dump()

    # The dump and the logs are real: the rows are there, and the journey logged.
    for public_id in public_ids:
        assert public_id in dump
    assert any(line.startswith("DEBUG") for line in journey_logs), "DEBUG records are seen"
    in_dump = sorted(tag for tag, value in markers.items() if value in dump)
    logs = "\n".join(journey_logs)
    in_logs = sorted(tag for tag, value in markers.items() if value in logs)
    print(
        f"markers searched: {len(markers)}; in the dump: {len(in_dump)}; "
        f"log lines: {len(journey_logs)}, markers in them: {len(in_logs)}"
    )
    assert not in_dump, f"in the database dump in plain text: {in_dump}"
    assert not in_logs, f"in the log records: {in_logs}"


def _until(done, *, timeout=90):
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "the worker did not finish the journey's tasks"
        time.sleep(0.5)


@pytest.mark.redis
def test_a_real_workers_log_of_the_journey_holds_no_marker(client, published):
    """The journey's tasks (e-mails, the batch, the callback and its retry) run in a real
    worker at DEBUG, on the test database: its whole output is searched."""
    roles_sync()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "CELERY_BROKER_URL": app.conf.broker_url,
        "EMAIL_URL": "dummymail://",  # the console backend would print every e-mail
    }
    worker = worker_start(env=env, loglevel="DEBUG")
    app.conf.task_always_eager = False  # the autouse fixture puts it back
    markers = data_at_rest_journey.markers()
    try:
        data_at_rest_journey.journey(client, markers)
        _until(lambda: not OutgoingEmail.objects.filter(sent_at__isnull=True).exists())
        _until(lambda: SignalBatch.objects.filter(status="done").exists())
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode()
    assert "send_outgoing_email" in output, output[-2000:]
    found = sorted(tag for tag, value in markers.items() if value in output)
    print(f"worker output: {len(output.splitlines())} lines; markers in it: {len(found)}")
    assert not found, f"in the worker's log: {found}"
