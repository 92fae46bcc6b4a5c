"""A batch of early signs of debt posted at once by a reporting party (or the national
forwarding service on its behalf), until it is processed and a while after.

The signals wait encrypted in chunks (`SignalBatchChunk`) until a worker processes them; each
chunk is deleted in the transaction that registers its signals, so a redelivered task never
registers a signal twice and nothing personal outlives the processing. What stays is the
outcome per item: the public id of its signal, or the messages naming its fields
(`SignalBatchItem`), until `BATCH_KEPT` after the batch finished.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField

from .intake import ApiClient

# The most signals one batch may hold: a day's signals of the largest reporting party.
MAX_BATCH_ITEMS = 10_000
# Signals per chunk: one chunk is decrypted and held in memory at a time.
CHUNK_ITEMS = 500
# A finished batch's outcomes (public ids and messages, no personal data) are readable this
# long, then removed by the nightly run.
BATCH_KEPT = timedelta(days=7)


class SignalBatchQuerySet(models.QuerySet):
    def expired(self, *, now):
        return self.filter(finished_at__lte=now - BATCH_KEPT)


class SignalBatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        PROCESSING = "processing", _("processing")
        DONE = "done", _("done")

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="+", verbose_name=_("API client")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("items"))
    processed = models.PositiveIntegerField(_("processed"), default=0)
    accepted = models.PositiveIntegerField(_("accepted"), default=0)
    created_at = models.DateTimeField(_("created at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = SignalBatchQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("batch of signals")
        verbose_name_plural = _("batches of signals")

    def __str__(self):
        return f"{_('batch of signals')} {self.public_id}"


class SignalBatchChunk(models.Model):
    batch = models.ForeignKey(
        SignalBatch, on_delete=models.CASCADE, related_name="chunks", verbose_name=_("batch")
    )
    first_line = models.PositiveIntegerField(_("first line"))
    # A JSON list of {"line": n, "data": {...}} or {"line": n, "error": {...}}, encrypted.
    payload = EncryptedTextField(_("signals, until processed"))

    class Meta:
        ordering = ["first_line"]
        verbose_name = _("chunk of a batch")
        verbose_name_plural = _("chunks of a batch")

    def __str__(self):
        return f"{self.batch} {self.first_line}"


class SignalBatchItem(models.Model):
    batch = models.ForeignKey(
        SignalBatch, on_delete=models.CASCADE, related_name="items", verbose_name=_("batch")
    )
    line = models.PositiveIntegerField(_("line"))
    public_id = models.UUIDField(_("public id of the signal"), null=True, blank=True)
    errors = models.JSONField(_("errors"), null=True, blank=True)

    class Meta:
        ordering = ["line"]
        verbose_name = _("item of a batch")
        verbose_name_plural = _("items of a batch")
        constraints = [
            models.UniqueConstraint(fields=["batch", "line"], name="batch_item_once_per_line"),
            models.CheckConstraint(
                condition=models.Q(public_id__isnull=True, errors__isnull=False)
                | models.Q(public_id__isnull=False, errors__isnull=True),
                name="batch_item_id_or_errors",
            ),
        ]

    def __str__(self):
        return f"{self.batch} {self.line}"
