"""The Celery app. Configuration comes from Django settings (the CELERY_* names)."""

import os

from celery import Celery
from django.utils import timezone

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heerlen_privacy.settings")

app = Celery("heerlen_privacy", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

BEAT_HEARTBEAT_KEY = "celery:beat-heartbeat"


@app.task(ignore_result=False)
def ping():
    """Round trip through the broker; used by operators and the worker test."""
    return "pong"


@app.task
def record_beat_heartbeat():
    """Lets an operator see that the single beat process and a worker are alive."""
    from django.core.cache import cache

    cache.set(BEAT_HEARTBEAT_KEY, timezone.now().isoformat(), timeout=24 * 3600)
