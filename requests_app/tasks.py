"""Celery tasks of requests: thin, and given ids only, never personal data."""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from .emails import email_send
from .models import OutgoingEmail
from .reminders import reminders_send
from .reports import figures_store_ready

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=8,
)
def send_outgoing_email(email_id):
    email_send(email_id=email_id)


def email_dispatch(*, email_id: int) -> None:
    """Hands an outbox row to a worker. A broker that is down is not an error here: the row
    stays unsent and the periodic `emails_dispatch_pending` task queues it again."""
    try:
        send_outgoing_email.delay(email_id)
    except Exception as exc:  # kombu raises several types; all mean "not queued now"
        logger.warning(
            "e-mail %s not queued (%s); the outbox keeps it", email_id, type(exc).__name__
        )


@shared_task
def emails_dispatch_pending():
    """Queues outbox rows that were not sent: the broker was down when they were made, or
    their task ran out of retries (`OutgoingEmail.objects.pending`)."""
    pending = OutgoingEmail.objects.pending(now=timezone.now()).values_list("pk", flat=True)
    for email_id in pending:
        email_dispatch(email_id=email_id)


@shared_task
def requests_send_reminders():
    """The daily digest of what is due within 7 days and what is overdue (reminders.py)."""
    reminders_send(today=timezone.localdate())


@shared_task
def figures_store_monthly():
    """Stores the report's figures of every month that is over and not stored yet
    (`reports.figures_store_ready`); the retention run does the same before it destroys."""
    figures_store_ready(now=timezone.now())
