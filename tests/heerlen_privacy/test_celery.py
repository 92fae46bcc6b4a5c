"""Celery configuration, and a real worker process taking a task through the machine's Redis."""

import os
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.core.cache import cache

from heerlen_privacy.celery import BEAT_HEARTBEAT_KEY, app, record_beat_heartbeat
from tests.celery_worker import worker_start
from tests.conftest import TEST_REDIS_URL

ROOT = Path(__file__).resolve().parents[2]


def test_celery_speaks_json_only_and_keeps_no_results_by_default():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True
    assert app.conf.task_ignore_result is True


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]


def test_beat_heartbeat_records_when_it_ran():
    record_beat_heartbeat.apply()
    assert cache.get(BEAT_HEARTBEAT_KEY)


@pytest.mark.redis
def test_a_real_worker_takes_a_task_through_redis(monkeypatch):
    # Celery lets the CELERY_BROKER_URL variable win over a broker given in code.
    monkeypatch.setenv("CELERY_BROKER_URL", TEST_REDIS_URL)
    queue = f"test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "CELERY_BROKER_URL": TEST_REDIS_URL,
        "CELERY_RESULT_BACKEND": TEST_REDIS_URL,
    }
    worker = worker_start(env=env, queue=queue)
    client = Celery(broker=TEST_REDIS_URL, backend=TEST_REDIS_URL)
    try:
        result = client.send_task("heerlen_privacy.celery.ping", queue=queue)
        answer = result.get(timeout=60)
    except Exception as exc:
        answer = exc
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode()
        client.close()
    assert answer == "pong", output
    assert "Traceback" not in output, output


@pytest.mark.redis
def test_a_real_workers_log_goes_through_the_redaction(monkeypatch):
    """Celery's own logging replaced the root logger's handlers, so nothing a worker logged
    was redacted. An unknown task makes the worker print the whole message it received,
    arguments included: the address and BSN in them must come out redacted."""
    queue = f"test-{uuid.uuid4().hex}"
    monkeypatch.setenv("CELERY_BROKER_URL", TEST_REDIS_URL)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "CELERY_BROKER_URL": TEST_REDIS_URL,
        "CELERY_RESULT_BACKEND": TEST_REDIS_URL,
    }
    worker = worker_start(env=env, queue=queue)
    client = Celery(broker=TEST_REDIS_URL, backend=TEST_REDIS_URL)
    try:
        client.send_task(
            "heerlen_privacy.no_such_task", args=["piet@example.nl", "111222333"], queue=queue
        )
        # The worker's ping answers once the message before it has been handled.
        client.send_task("heerlen_privacy.celery.ping", queue=queue).get(timeout=60)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode()
        client.close()
    assert "no_such_task" in output  # the worker did log the message
    assert "piet@example.nl" not in output
    assert "111222333" not in output
    assert "[e-mail]" in output
