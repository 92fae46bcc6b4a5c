"""Expiring records: records with a short life of their own, outside any retention policy
(a web request whose e-mail address nobody confirmed, removed after two weeks). The app says
which records are due (`records`); the run removes them and logs each one as it logs every
destroyed record: a keyed reference, the published rule, the period and the dates, and a
coarse category (the request's type), never personal data.
"""

from collections import namedtuple
from datetime import datetime

from django.db import transaction
from django.db.models import F, Value
from django.utils import timezone

from ..dates import destruction_date
from ..models import DestructionLogEntry, RetentionAction
from .records import LogGroup, access_log_redact, id_batches, log_entry, record_hashes
from .state import RunState

# What `records.record_hashes` and `access_log_redact` need to know of the records' kind.
_Kind = namedtuple("_Kind", "model record_type")


def _start_date(value):
    return timezone.localdate(value) if isinstance(value, datetime) else value


def remove_expiring(state: RunState, expiring) -> int:
    """Removes the due records of `expiring`, batch by batch in one transaction each, with
    Django's cascade over what hangs off them and a destruction-log line per record."""
    queryset = expiring.records(now=state.now)
    kind = _Kind(queryset.model, expiring.record_type)
    category = F(expiring.category_field) if expiring.category_field else Value("")
    removed = 0
    for ids in id_batches(state, queryset):
        with transaction.atomic():
            # Re-checked under the lock: a request confirmed meanwhile is not due any more.
            rows = list(
                expiring.records(now=state.now)
                .filter(pk__in=ids)
                .select_for_update(skip_locked=True, of=("self",))
                .annotate(log_category=category)
                .values_list("pk", "public_id", expiring.start_field, "log_category")
            )
            if not rows:
                continue
            entries, derived_total = [], 0
            hashes = record_hashes(kind, ((pk, public_id) for pk, public_id, *_rest in rows))
            for pk, _public_id, start, log_category in rows:
                deleted, _by_model = queryset.model._base_manager.filter(pk=pk).delete()
                started_on = _start_date(start)
                entries.append(
                    log_entry(
                        state,
                        record_type=expiring.record_type,
                        group=LogGroup(
                            expiring.rule,
                            RetentionAction.DESTROY,
                            expiring.period,
                            destruction_date(brondatum=started_on, period=expiring.period),
                        ),
                        references=[hashes[pk]],
                        derived=deleted - 1,
                        category=log_category or "",
                        started_on=started_on,
                    )
                )
                derived_total += deleted - 1
            DestructionLogEntry.objects.bulk_create(entries)
            access_log_redact(kind, hashes)
        state.count([(expiring.rule, "destroyed", len(rows))])
        state.count([(expiring.rule, "derived_rows", derived_total)])
        removed += len(rows)
    return removed
