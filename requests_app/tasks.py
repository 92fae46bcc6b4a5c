"""Celery tasks of requests: thin, and given ids only, never personal data."""

from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from .emails import email_send
from .models import OutgoingEmail

PENDING_GRACE = timedelta(minutes=2)
MAX_ATTEMPTS = 20


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=8,
)
def send_outgoing_email(email_id):
    email_send(email_id=email_id)


@shared_task
def requests_remove_unverified():
    from .services import requests_remove_unverified as remove

    remove()


@shared_task
def emails_dispatch_pending():
    """Queues outbox rows that were not sent: the broker was down when they were made, or
    their task ran out of retries. Rows younger than the grace period are still on their way."""
    from .services import email_dispatch

    cutoff = timezone.now() - PENDING_GRACE
    pending = OutgoingEmail.objects.filter(
        sent_at__isnull=True, created_at__lt=cutoff, attempts__lt=MAX_ATTEMPTS
    ).values_list("pk", flat=True)
    for email_id in pending:
        email_dispatch(email_id=email_id)


@shared_task
def requests_send_reminders():
    """The daily digest of what is due within 7 days and what is overdue (reminders.py)."""
    from .reminders import reminders_send

    reminders_send(today=timezone.localdate())
