"""Celery tasks of cases: thin, and given ids only, never personal data."""

from celery import shared_task
from django.utils import timezone

from .callbacks import CallbackFailed, callback_deliver, callback_dispatch
from .models import CallbackDelivery
from .models.callbacks import MAX_ATTEMPTS


@shared_task(bind=True, max_retries=MAX_ATTEMPTS - 1)
def deliver_callback(self, delivery_id):
    """One callback; retried with the outbox row's back-off while the receiver fails."""
    try:
        callback_deliver(delivery_id=delivery_id, now=timezone.now())
    except CallbackFailed as exc:
        raise self.retry(exc=exc, countdown=exc.retry_in) from None


@shared_task
def callbacks_dispatch_pending():
    """Queues callbacks whose task was lost (broker down, worker gone)."""
    pending = CallbackDelivery.objects.pending(now=timezone.now()).values_list("pk", flat=True)
    for delivery_id in pending:
        callback_dispatch(delivery_id=delivery_id)


@shared_task
def signal_batch_process(batch_id):
    """Processes a batch of signals (`cases.batches.signal_batch_process`)."""
    from .batches import signal_batch_process as process

    process(batch_id=batch_id, now=timezone.now())
