"""Destroying records before their date, because the law says so now: an erasure a data
subject asked for (GDPR art. 17(1)). The same destroy path as the nightly run: the record,
everything derived from it and its access-log references go in one transaction, with one
destruction-log line; only the reason differs (the log line's policy code and category).

A record on legal hold is never destroyed here: the hold wins, and the caller is told."""

import functools

from django.db import transaction
from django.utils import timezone

from ..models import (
    DestructionListItem,
    DestructionLogEntry,
    RetentionAction,
    RetentionRun,
)
from . import files, sql
from .records import access_log_redact, delete_derived, record_hashes, record_reference

ERASURE_CATEGORY = "erasure_request"
"""The destruction-log category of a record erased at a data subject's request."""


class ErasureRefused(Exception):
    """Nothing was destroyed; the message says why, for staff."""


def records_destroy(*, spec, ids, reason: str, now=None) -> DestructionLogEntry:
    """Destroys the records `ids` of the record type `spec` (`retention.registry`) now, for
    `reason` (a short code, no personal data: e.g. "gdpr-17-erasure"), leaving one
    destruction-log line that counts them. All or nothing: a record that is gone or on legal
    hold refuses the whole call. Its run is a run of its own, so the log line is reported in
    the next run's destruction statement like any other."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    model = spec.model
    ids = sorted(set(ids))
    queued: list = []
    with transaction.atomic():
        rows = list(
            model.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .values_list("pk", "public_id", "legal_hold_reason", "retention_period")
        )
        if len(rows) != len(ids):
            raise ErasureRefused("a record no longer exists")
        if any(hold for _pk, _public_id, hold, _period in rows):
            raise ErasureRefused("a record is on legal hold")
        run = RetentionRun.objects.create(
            started_at=now,
            finished_at=now,
            today=today,
            status=RetentionRun.Status.SUCCEEDED,
        )
        hashes = record_hashes(spec, ((pk, public_id) for pk, public_id, _h, _p in rows))
        derived = delete_derived(model, ids, now=now, queued=queued)
        DestructionListItem.objects.filter(
            destruction_list__record_type=spec.record_type, record_id__in=ids
        ).delete()
        sql.delete_rows(model, model._meta.pk.column, ids)
        entry = DestructionLogEntry.objects.create(
            run=run,
            record_type=spec.record_type,
            policy_code=reason[:60],
            action=RetentionAction.DESTROY,
            retention_period=rows[0][3] or "-",
            archiefactiedatum=today,
            destroyed_on=today,
            count=len(rows),
            derived_rows=derived,
            references="\n".join(hashes[pk] for pk in ids),
            category=ERASURE_CATEGORY,
        )
        access_log_redact(spec, hashes)
        # The shape a nightly run's counts have (`RunState.counts`): the operations page and
        # `destroyed_total` read it alike.
        run.counts = {"policies": {reason: {"destroyed": len(rows), "derived_rows": derived}}}
        run.save(update_fields=["counts"])
        if queued:
            transaction.on_commit(functools.partial(_unlink, queued))
    return entry


def _unlink(queued) -> None:
    """After the commit: the files go, then their queue entries (what is left, if this
    process dies in between, the nightly run's drain removes)."""
    files.forget(files.unlink_files(queued))


def erased_on(*, record_type: str, public_id):
    """The day a record was erased at a data subject's request, or None: what a reporting
    party's status call is told about a signal that no longer exists."""
    reference = record_reference(record_type=record_type, public_id=public_id)
    entry = (
        DestructionLogEntry.objects.filter(
            record_type=record_type,
            category=ERASURE_CATEGORY,
            references__contains=reference,
        )
        .only("destroyed_on")
        .first()
    )
    return entry.destroyed_on if entry else None
