"""The Celery app. Configuration comes from Django settings (the CELERY_* names)."""

import os

from celery import Celery
from celery.signals import setup_logging
from django.utils import timezone

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heerlen_privacy.settings")

app = Celery("heerlen_privacy", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

BEAT_HEARTBEAT_KEY = "celery:beat-heartbeat"


@setup_logging.connect
def logging_as_django(**kwargs):
    """Workers and beat log through Django's LOGGING, with its redaction filter. Without this
    receiver Celery replaces the root logger's handlers with its own, and a refused e-mail's
    address, or a task's arguments in an error, reached the worker's log."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)


@app.task(ignore_result=False)
def ping():
    """Round trip through the broker; used by operators and the worker test."""
    return "pong"


@app.task
def record_beat_heartbeat():
    """Lets an operator see that the single beat process and a worker are alive."""
    from django.core.cache import cache

    cache.set(BEAT_HEARTBEAT_KEY, timezone.now().isoformat(), timeout=24 * 3600)
