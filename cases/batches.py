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
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError as DRFValidationError

from core.crypto import blind_index
from retention.rules import record_refresh_retention

from . import services
from .models import (
    ApiClient,
    CaseHistory,
    DebtSignal,
    SignalBatch,
    SignalBatchChunk,
    SignalBatchItem,
    SignalReport,
)
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
            try:
                with transaction.atomic():
                    outcomes = _chunk_register(batch=batch, items=items, now=now)
            except DatabaseError as exc:
                # Never expected (every item was validated); the slow path still keeps each
                # good item and names the bad one.
                logger.warning("batch %s: item by item (%s)", batch.public_id, type(exc).__name__)
                outcomes = [_item_process(batch=batch, item=item, now=now) for item in items]
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


def _validated(*, client: ApiClient, data: dict, now: datetime, serializer):
    """(signal, prepared data) of one item, unsaved, or raises ValidationError: the API's
    serializer (one instance for the chunk: its fields are built once), the service's rules
    (`services.debt_signal_prepare`) and the model's."""
    try:
        valid = serializer.run_validation(data)
    except DRFValidationError as exc:
        raise ValidationError(_plain(exc.detail)) from None
    data = services.debt_signal_prepare(client=client, data=valid, now=now)
    signal = DebtSignal(reporting_organisation=client.organisation, **data)
    # The organisation is the client's; public_id is random; a new signal is open, so the
    # closing constraints hold: the checks that would each cost a query are left out.
    signal.full_clean(
        exclude=["reporting_organisation"], validate_unique=False, validate_constraints=False
    )
    signal.bsn_index = blind_index(signal.bsn) if signal.bsn else ""
    return signal, data


def _errors(exc: ValidationError) -> dict:
    return exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}


def _chunk_register(*, batch: SignalBatch, items: list[dict], now: datetime):
    """Registers a chunk's good items with a handful of queries, by the same rules as
    `services.debt_signal_register`: a signal for a BSN with an open case (in the database or
    earlier in the batch) joins it, the others open a case. Returns the outcome per item."""
    from .api.serializers import DebtSignalCreateSerializer

    client = batch.client
    serializer = DebtSignalCreateSerializer(context={"client": client})
    outcomes, prepared = [], []
    for item in items:
        if "error" in item:
            outcomes.append(SignalBatchItem(batch=batch, line=item["line"], errors=item["error"]))
            continue
        try:
            signal, data = _validated(
                client=client, data=item["data"], now=now, serializer=serializer
            )
            prepared.append((item["line"], signal, data))
        except ValidationError as exc:
            outcomes.append(SignalBatchItem(batch=batch, line=item["line"], errors=_errors(exc)))
    open_cases = services.open_debt_cases(signal.bsn for _l, signal, _d in prepared)
    new_cases, reports, moved = [], [], {}
    for line, signal, data in prepared:
        case = open_cases.get(signal.bsn_index) if signal.bsn_index else None
        if case is None:
            new_cases.append((line, signal))
            if signal.bsn_index:
                open_cases[signal.bsn_index] = signal
            continue
        report = services.signal_report_build(case=case, client=client, data=data)
        report.full_clean(exclude=["debt_signal", "reporting_organisation"], validate_unique=False)
        if services.signal_join_moves_clock(case=case, report=report) and case.pk:
            moved[case.pk] = case
        reports.append((line, report))
    _retention_refresh([signal for _line, signal in new_cases])
    DebtSignal.objects.bulk_create([signal for _line, signal in new_cases])
    SignalReport.objects.bulk_create([report for _line, report in reports])
    for case in moved.values():
        case.save()  # recomputes the destruction date from the latest signal
    CaseHistory.objects.bulk_create(
        [
            services.case_history_entry(case=signal, action="registered", client=client, now=now)
            for _line, signal in new_cases
        ]
        + [
            services.case_history_entry(
                case=report.debt_signal, action="signal joined", client=client, now=now
            )
            for _line, report in reports
        ]
    )
    outcomes += [
        SignalBatchItem(batch=batch, line=line, public_id=record.public_id)
        for line, record in [*new_cases, *reports]
    ]
    return outcomes


def _retention_refresh(signals: list[DebtSignal]) -> None:
    """What `save()` computes for each record (`record_refresh_retention`), once per basis:
    new signals with the same basis (outcome and day) and clock date get the same fields."""
    computed: dict[tuple, DebtSignal] = {}
    for signal in signals:
        key = (signal.retention_basis(), signal.last_signal_on)
        first = computed.setdefault(key, signal)
        if first is signal:
            record_refresh_retention(signal)
        else:
            for field in DebtSignal.RETENTION_FIELDS:
                setattr(signal, field, getattr(first, field))


def _item_process(*, batch: SignalBatch, item: dict, now: datetime) -> SignalBatchItem:
    """One item as the single-signal API registers it, in a savepoint of its own."""
    line = item["line"]
    if "error" in item:
        return SignalBatchItem(batch=batch, line=line, errors=item["error"])
    from .api.serializers import DebtSignalCreateSerializer

    serializer = DebtSignalCreateSerializer(data=item["data"], context={"client": batch.client})
    if not serializer.is_valid():
        return SignalBatchItem(batch=batch, line=line, errors=_plain(serializer.errors))
    try:
        with transaction.atomic():
            record = services.debt_signal_register(
                client=batch.client, data=serializer.validated_data, now=now
            )
    except ValidationError as exc:
        return SignalBatchItem(batch=batch, line=line, errors=_errors(exc))
    return SignalBatchItem(batch=batch, line=line, public_id=record.public_id)


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
