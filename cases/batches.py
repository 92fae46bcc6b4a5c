"""Batch intake: up to `MAX_BATCH_ITEMS` early signs of debt in one request, processed by a
worker, each item as if it were posted alone (`services.debt_signal_register`, the same
validation and the same joining of an open case).

- `signal_batch_create` stores the items encrypted in chunks and queues the batch's id (never
  personal data) after the commit.
- `signal_batch_process` registers one chunk per transaction, each item in a savepoint: a bad
  item gets its messages (naming its line and fields), a good one its public id, and no good
  item is lost for a bad one. Memory holds one chunk at a time, whatever the batch's size.
"""

import json
import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from . import services
from .models import ApiClient, SignalBatch, SignalBatchChunk, SignalBatchItem
from .models.batches import CHUNK_ITEMS

logger = logging.getLogger(__name__)


def signal_batch_create(*, client: ApiClient, items: list[dict], now: datetime) -> SignalBatch:
    """Stores a parsed batch: `items` are {"line": n, "data": {...}} (or {"line": n, "error":
    {...}} for a line the parser could not read). Queues its processing after the commit."""
    batch = SignalBatch.objects.create(client=client, total=len(items), created_at=now)
    SignalBatchChunk.objects.bulk_create(
        SignalBatchChunk(
            batch=batch,
            first_line=items[start]["line"],
            payload=json.dumps(items[start : start + CHUNK_ITEMS], separators=(",", ":")),
        )
        for start in range(0, len(items), CHUNK_ITEMS)
    )
    transaction.on_commit(lambda: signal_batch_dispatch(batch_id=batch.pk))
    return batch


def signal_batch_dispatch(*, batch_id: int) -> None:
    from .tasks import signal_batch_process as task

    try:
        task.delay(batch_id)
    except Exception as exc:  # kombu raises several types; all mean "not queued now"
        logger.warning("batch %s not queued (%s)", batch_id, type(exc).__name__)


def signal_batch_process(*, batch_id: int, now: datetime) -> None:
    """Processes what is left of the batch, chunk by chunk (idempotent: a processed chunk is
    gone), then marks it done."""
    from .api.serializers import DebtSignalCreateSerializer

    batch = SignalBatch.objects.select_related("client__organisation").filter(pk=batch_id).first()
    if batch is None or batch.status == SignalBatch.Status.DONE:
        return
    SignalBatch.objects.filter(pk=batch.pk).update(status=SignalBatch.Status.PROCESSING)
    chunk_ids = list(batch.chunks.values_list("pk", flat=True))
    for chunk_id in chunk_ids:
        with transaction.atomic():
            chunk = (
                SignalBatchChunk.objects.select_for_update(skip_locked=True)
                .filter(pk=chunk_id)
                .first()
            )
            if chunk is None:
                continue  # processed by another delivery of this task
            items = json.loads(chunk.payload)
            outcomes = [
                _item_process(
                    batch=batch, item=item, now=now, serializer=DebtSignalCreateSerializer
                )
                for item in items
            ]
            SignalBatchItem.objects.bulk_create(outcomes)
            chunk.delete()
            SignalBatch.objects.filter(pk=batch.pk).update(
                processed=F("processed") + len(outcomes),
                accepted=F("accepted") + sum(1 for item in outcomes if item.public_id),
            )
    SignalBatch.objects.filter(pk=batch.pk, chunks__isnull=True).update(
        status=SignalBatch.Status.DONE, finished_at=now
    )
    logger.info("batch %s processed", batch.public_id)


def _item_process(*, batch: SignalBatch, item: dict, now: datetime, serializer) -> SignalBatchItem:
    line = item["line"]
    if "error" in item:
        return SignalBatchItem(batch=batch, line=line, errors=item["error"])
    validated = serializer(data=item["data"], context={"client": batch.client})
    if not validated.is_valid():
        return SignalBatchItem(batch=batch, line=line, errors=_plain(validated.errors))
    try:
        with transaction.atomic():
            signal = services.debt_signal_register(
                client=batch.client, data=validated.validated_data, now=now
            )
    except ValidationError as exc:
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return SignalBatchItem(batch=batch, line=line, errors=errors)
    return SignalBatchItem(batch=batch, line=line, public_id=signal.public_id)


def _plain(errors) -> dict:
    """DRF's error details as plain JSON: {field: [message, ...]}."""
    return json.loads(json.dumps(errors))


def signal_batches_forget_finished(*, now: datetime) -> int:
    """Removes batches (their outcomes) `BATCH_KEPT` after they finished."""
    deleted, _by_model = SignalBatch.objects.expired(now=now).delete()
    return deleted


def line_error(message: str) -> dict:
    """The error of a line the parser could not read as a signal."""
    return {"non_field_errors": [message or _("This line is not a signal.")]}
