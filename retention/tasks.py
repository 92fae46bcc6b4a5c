"""Celery tasks of retention: thin, and given no personal data."""

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True, time_limit=4 * 3600, soft_time_limit=None)
def retention_run_nightly():
    """The nightly run (beat: CELERY_BEAT_SCHEDULE). Safe to redeliver: idempotent, and a
    second copy waits out on the run lock."""
    from .services import records_purge

    records_purge(now=timezone.now())
