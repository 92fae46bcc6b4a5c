"""Batch intake: a reporting party posts up to 10,000 early signs of debt at once (a JSON
array, or a file as JSON Lines or CSV with the fields of the single-signal API), gets a batch
id at once (202), and reads the batch's progress and, per item, its signal's public id or the
messages naming its line and fields. Idempotent by `Idempotency-Key` like every POST; the
items are processed by a worker (`cases.batches`)."""

import uuid

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from .. import batches
from ..models import SignalBatch
from ..models.batches import MAX_BATCH_ITEMS
from .batch_parsers import BatchJSONParser, CSVParser, JSONLinesParser, NDJSONParser
from .permissions import HasSignalsWrite
from .views import ERRORS, IDEMPOTENCY_PARAMETER, READ_ERRORS, IdempotentPost, IntakeView


class BatchItemSerializer(serializers.Serializer):
    line = serializers.IntegerField(
        help_text=_("The item's number in the JSON array, or its line in the file.")
    )
    public_id = serializers.UUIDField(
        allow_null=True, help_text=_("The public id of its signal; empty if it was refused.")
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        allow_null=True,
        help_text=_("Why it was refused: messages per field, as the single-signal API gives."),
    )


# Named in the schema (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]): "status" is a case's too.
BATCH_STATUS_CHOICES = SignalBatch.Status.choices


class BatchSerializer(serializers.Serializer):
    """A batch's progress, and its items once processed."""

    batch_id = serializers.UUIDField(source="public_id")
    status = serializers.ChoiceField(choices=BATCH_STATUS_CHOICES)
    total = serializers.IntegerField(help_text=_("Items in the batch."))
    processed = serializers.IntegerField(help_text=_("Items processed so far."))
    accepted = serializers.IntegerField(help_text=_("Items registered as a signal."))
    rejected = serializers.IntegerField(help_text=_("Items refused, each with its messages."))
    items = BatchItemSerializer(many=True, help_text=_("The processed items, by line."))

    def to_representation(self, instance):
        include_items = self.context.get("items", True)
        items = (
            [
                {"line": line, "public_id": str(public_id) if public_id else None, "errors": errors}
                for line, public_id, errors in instance.items.values_list(
                    "line", "public_id", "errors"
                )
            ]
            if include_items
            else []
        )
        return {
            "batch_id": str(instance.public_id),
            "status": instance.status,
            "total": instance.total,
            "processed": instance.processed,
            "accepted": instance.accepted,
            "rejected": instance.processed - instance.accepted,
            "items": items,
        }


BATCH_REQUEST = {
    "type": "array",
    "minItems": 1,
    "maxItems": MAX_BATCH_ITEMS,
    "items": {"type": "object"},
    "description": (
        "Up to 10,000 signals, each an object with the fields of `POST /api/intake/"
        "debt-signals/` (DebtSignalCreate). Each item is checked on its own: a refused item "
        "gets its messages in the batch, the others are registered. The same batch may be sent "
        "as a file: `Content-Type: application/jsonl` (or `application/x-ndjson`), a signal "
        "object per line; or `text/csv`, a header of those field names and a signal per row "
        "(UTF-8, comma-separated, an empty cell is a field left out). At most 16 MiB."
    ),
}


@extend_schema(tags=["intake: early signs of debt"])
@extend_schema_view(
    post=extend_schema(
        summary="Submit a batch of early signs of debt",
        request={"application/json": BATCH_REQUEST},
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={202: BatchSerializer, **ERRORS},
    )
)
class SignalBatchCreate(IdempotentPost):
    permission_classes = [HasSignalsWrite]
    parser_classes = [BatchJSONParser, JSONLinesParser, NDJSONParser, CSVParser]
    success_status = status.HTTP_202_ACCEPTED
    needs_case = False

    def validated(self, request, client):
        return request.data  # checked by the parser; each item is validated by the worker

    def perform(self, *, client, case, data, now):
        return batches.signal_batch_create(client=client, items=data, now=now)

    def answer(self, result) -> dict:
        # The answer is remembered for a retry (idempotency): progress is read with GET.
        return BatchSerializer(result, context={"items": False}).data


@extend_schema(tags=["intake: early signs of debt"])
class SignalBatchStatus(IntakeView):
    """A batch of this client's organisation: its progress and, per item, the public id of its
    signal or why it was refused."""

    permission_classes = [HasSignalsWrite]

    @extend_schema(
        summary="Progress and outcome of a batch of signals",
        responses={200: BatchSerializer, **READ_ERRORS},
    )
    def get(self, request, public_id):
        try:
            public_id = uuid.UUID(str(public_id))
        except ValueError:
            raise NotFound from None
        batch = SignalBatch.objects.filter(
            public_id=public_id, client__organisation=request.auth.organisation
        ).first()
        if batch is None:
            raise NotFound
        return Response(BatchSerializer(batch).data)
