"""Redis, the broker, stops while a resident submits: the request is kept, and its e-mail goes
out exactly once through a real worker after Redis is back.

The test runs its own redis-server on a free port, so stopping it does not disturb the
machine's Redis, and a real Celery worker process on the test database (PostgreSQL: both
processes must see the same committed rows).
"""

import os
import shutil
import socket
import subprocess
import time

import pytest
from celery import Celery
from django.core import mail
from django.db import connection

from heerlen_privacy.celery import app
from requests_app import services
from requests_app.models import Event, OutgoingEmail, SubjectRequest
from requests_app.tasks import emails_dispatch_pending, send_outgoing_email
from tests.celery_worker import worker_start

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(condition, *, timeout=60, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Broker:
    """A redis-server of the test's own, that can be stopped and started on one port."""

    def __init__(self, tmp_path):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tmp_path
        self.process = None

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def start(self):
        options = {"port": self.port, "bind": "127.0.0.1", "save": "", "appendonly": "no"}
        options["dir"] = self.dir
        arguments = [str(part) for name, value in options.items() for part in (f"--{name}", value)]
        self.process = subprocess.Popen(
            [REDIS_SERVER, *arguments],
            stdout=subprocess.DEVNULL,
        )
        _wait_for(self._answers, timeout=10, what="redis-server to start")

    def stop(self):
        if self.process:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
        _wait_for(lambda: not self._answers(), timeout=10, what="redis-server to stop")


@pytest.fixture
def broker(tmp_path, monkeypatch):
    broker = Broker(tmp_path)
    # Celery lets the CELERY_BROKER_URL variable win over a broker set in code.
    monkeypatch.setenv("CELERY_BROKER_URL", broker.url)
    previous = app.conf.broker_url
    app.conf.broker_url = broker.url
    app.conf.task_always_eager = False  # conftest puts it back after the test
    # Drop the pools made for the default broker, so publishing goes to this one.
    app._pool = app.amqp._producer_pool = None
    yield broker
    broker.stop()
    app.conf.broker_url = previous
    app._pool = app.amqp._producer_pool = None


@pytest.fixture
def start_worker(broker, tmp_path):
    workers = []
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()

    def start():
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "CELERY_BROKER_URL": broker.url,
            "CELERY_RESULT_BACKEND": broker.url,
            "DATABASE_URL": _test_database_url(),
            # django-environ drops the first slash of the path.
            "EMAIL_URL": f"filemail:///{mail_dir}",
        }
        workers.append(worker_start(env=env))
        return mail_dir

    yield start
    for worker in workers:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode()
        assert "Traceback" not in output, output


def _test_database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _worker_has_drained(broker):
    """A ping sent after everything else: the solo worker answers it only when done with
    what came before it."""
    # Not the current app: shared tasks of later tests must not find this broker.
    client = Celery(broker=broker.url, backend=broker.url, set_as_current=False)
    try:
        return client.send_task("heerlen_privacy.celery.ping").get(timeout=60) == "pong"
    finally:
        client.close()


def test_redis_stopped_while_submitting_loses_nothing_and_mails_once(broker, start_worker):
    broker.start()
    broker.stop()  # Redis goes down, as in a restart during a deploy

    request, _secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )  # no error for the resident: the publish failed after commit and was logged

    assert SubjectRequest.objects.filter(pk=request.pk).exists()
    email = OutgoingEmail.objects.get(request=request)
    assert email.sent_at is None

    broker.start()  # Redis is back
    mail_dir = start_worker()
    # The beat job picks the row up once its grace period has passed.
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=email.created_at.replace(year=2020))
    emails_dispatch_pending()
    _wait_for(
        lambda: OutgoingEmail.objects.get(pk=email.pk).sent_at is not None,
        what="the worker to send the acknowledgement",
    )

    # A second beat run and a duplicate message (a redelivery) send nothing more.
    emails_dispatch_pending()
    send_outgoing_email.delay(email.pk)
    assert _worker_has_drained(broker)

    assert mail.outbox == []  # sent by the worker, not in this process
    assert len(list(mail_dir.iterdir())) == 1
    assert Event.objects.filter(request=request, type=Event.Type.EMAIL_SENT).count() == 1
    sent = OutgoingEmail.objects.get(pk=email.pk)
    assert sent.attempts == 1
    assert sent.link_secret == ""
