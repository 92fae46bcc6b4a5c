"""Celery tasks of retention: thin, and given no personal data."""

import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)

# A run over a backlog of a million records takes minutes, not hours; the limits leave room
# for far more, and a run stopped by them loses at most its current batch (rolled back whole).
RUN_SOFT_TIME_LIMIT = 3 * 3600
RUN_TIME_LIMIT = RUN_SOFT_TIME_LIMIT + 300


@shared_task(soft_time_limit=RUN_SOFT_TIME_LIMIT, time_limit=RUN_TIME_LIMIT)
def retention_run_nightly():
    """The nightly run (beat: CELERY_BEAT_SCHEDULE). Safe to redeliver: idempotent, and a
    second copy is kept out by the run lock."""
    from .purge import records_purge

    records_purge(now=timezone.now())


@shared_task(soft_time_limit=RUN_SOFT_TIME_LIMIT, time_limit=RUN_TIME_LIMIT)
def retention_follow_rules():
    """After a statement version is published: the stored records follow the rules now in
    force (`rules.records_follow_rules`). Idempotent; the nightly run does it again."""
    from .dates import local_today
    from .rules import records_follow_rules

    counts = records_follow_rules(today=local_today(timezone.now()))
    logger.info("retention: records follow the published rules: %s", counts)


@shared_task
def destruction_lists_remind():
    """Daily (beat): a reminder to the DPO role of each list awaiting approval for four weeks
    (`destruction_lists.destruction_lists_remind`). No personal data in the e-mail."""
    from .destruction_lists import destruction_lists_remind as remind

    reminded = remind(now=timezone.now())
    logger.info("retention: %s destruction list reminder(s)", reminded)
