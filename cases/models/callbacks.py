"""The outbox of callbacks to reporting parties: "did the resident accept help?".

Same pattern as the e-mail outbox of requests (`requests_app.models.OutgoingEmail`): a row is
written in the transaction of the change that causes it, a worker delivers it after the
commit, a periodic task queues again what a lost task left behind, and `delivered_at` makes
delivery idempotent. What differs is the rule against duplicates: one row per client, signal,
value and the announcement before it (`dedup_key`), so the same change is never announced
twice, whoever triggers it, and a value that changes back is announced again.

The payload holds the public id of the party's own signal and the field, nothing else: no
personal data is stored here or logged about it.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from .intake import ApiClient

# Back-off between attempts: 30 s, 1, 2, 4 … minutes, at most an hour; MAX_ATTEMPTS tries in
# all (about 6 hours), then the row stays undelivered for the operators to see in the admin.
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)
MAX_ATTEMPTS = 12
# A row due this long ago without a task having tried it lost its task (the broker was down).
PENDING_GRACE = timedelta(minutes=2)
# Delivered rows are kept this long for the operators, then removed by the nightly run.
DELIVERED_KEPT = timedelta(days=30)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: doubling, capped at BACKOFF_MAX."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


class CallbackDeliveryQuerySet(models.QuerySet):
    def pending(self, *, now):
        """Not delivered and due for a while: its task was lost. Rows tried MAX_ATTEMPTS times
        are left alone."""
        return self.filter(
            delivered_at__isnull=True,
            attempts__lt=MAX_ATTEMPTS,
            next_attempt_at__lte=now - PENDING_GRACE,
        )

    def expired(self, *, now):
        return self.filter(delivered_at__lte=now - DELIVERED_KEPT)


class CallbackDelivery(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        ApiClient,
        on_delete=models.CASCADE,
        related_name="callback_deliveries",
        verbose_name=_("API client"),
    )
    dedup_key = models.CharField(
        _("change"), max_length=100, help_text=_("The signal's public id and the new value.")
    )
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"))
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    objects = CallbackDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("callback delivery")
        verbose_name_plural = _("callback deliveries")
        constraints = [
            models.UniqueConstraint(fields=["client", "dedup_key"], name="callback_once_per_change")
        ]

    def __str__(self):
        return f"{self.client} {self.dedup_key}"
