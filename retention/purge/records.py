"""Destroying records and everything derived from them, with their destruction-log lines.

All or nothing per batch: a record, its derived rows (history, contact attempts, files, copies
of e-mails, whatever another app links to it), its destruction-list item and its log line go
in one transaction. Each batch claims its rows with `SELECT ... FOR UPDATE SKIP LOCKED` and
re-checks that they are still due, so even runs that bypass the run lock never destroy a
record twice. On PostgreSQL that claim and the records' DELETE are one statement
(`sql.claim_delete`), the derived rows going after it in the same transaction.
"""

import functools
import logging
from collections import defaultdict
from datetime import date
from typing import NamedTuple

from django.db import connection, models, transaction
from django.db.models import F, Value

from core.crypto import Purpose, keyed_hash, keyed_hashes

from ..models import DestructionLogEntry, RetentionAction, RetentionStatus
from . import files, sql
from .state import RunState

logger = logging.getLogger(__name__)


def record_reference(*, record_type: str, public_id) -> str:
    """The non-reversible reference kept in the destruction log: a keyed hash of the
    record's type and public id."""
    return keyed_hash(f"{record_type}:{public_id}", purpose=Purpose.DESTRUCTION_LOG)


def record_references(*, record_type: str, public_ids) -> str:
    """`record_reference` of many records, one per line: a million records cost seconds."""
    values = (f"{record_type}:{public_id}" for public_id in public_ids)
    return "\n".join(keyed_hashes(values, purpose=Purpose.DESTRUCTION_LOG))


class DueRow(NamedTuple):
    """What the log and the statistics need of a destroyed record; nothing personal."""

    pk: int
    public_id: str
    retention_policy_code: str
    retention_action: str
    retention_period: str
    archiefactiedatum: date
    startdatum_bewaartermijn: date | None
    outcome: str
    category: str


class LogGroup(NamedTuple):
    """The records of one destruction-log line: one policy, period and destruction date."""

    policy_code: str
    action: str
    period: str
    archiefactiedatum: date


def record_hashes(spec, records) -> dict:
    """{pk: `record_reference`} of a batch's (pk, public id) pairs, computed once for both the
    destruction log and the access log's redaction."""
    records = list(records)
    hashes = keyed_hashes(
        (f"{spec.record_type}:{public_id}" for _pk, public_id in records),
        purpose=Purpose.DESTRUCTION_LOG,
    )
    return {pk: reference for (pk, _public_id), reference in zip(records, hashes, strict=True)}


def access_log_redact(spec, hashes: dict) -> None:
    """The access log's references of destroyed records (pk, public id) become their
    destruction-log hash (`accesslog.retention`), in the batch's transaction; `hashes` is
    `record_hashes` of the batch."""
    from accesslog.retention import access_log_redact as redact

    if not hashes:
        return
    model = spec.model
    redact(
        record_types=[model._meta.label_lower, *getattr(model, "access_log_former_types", ())],
        pairs=hashes.items(),
    )


def id_batches(state: RunState, queryset):
    """Primary keys in ascending batches; each batch is read fresh, so memory stays flat."""
    last = 0
    while True:
        ids = list(
            queryset.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[: state.batch_size]
        )
        if not ids:
            return
        last = ids[-1]
        yield ids


def log_entry(state: RunState, *, record_type, group: LogGroup, references, derived, **extra):
    """One destruction-log line; `references` are the records' `record_reference`s."""
    return DestructionLogEntry(
        run=state.run,
        record_type=record_type,
        policy_code=group.policy_code,
        action=group.action,
        retention_period=group.period,
        archiefactiedatum=group.archiefactiedatum,
        destroyed_on=state.today,
        count=len(references),
        derived_rows=derived,
        references="\n".join(references),
        **extra,
    )


def destroy_due(state: RunState, spec) -> None:
    """Claims and destroys due records batch by batch: one query reads and locks a batch."""
    last = 0
    while True:
        destroyed, last = destroy_batch(
            state, spec, None, status=RetentionStatus.SCHEDULED, after=last
        )
        if last is None:
            return
        state.step(f"{spec.record_type}: {destroyed} destroyed in a batch")


def destroy_batch(state: RunState, spec, ids, *, status, destruction_list=None, after=None):
    """Destroys the records of `ids` (or the next batch after the primary key `after`) that
    are still due and not claimed by another run, with everything derived from them and their
    log lines, in one transaction. Returns (destroyed, the last primary key seen or None)."""
    model = spec.model
    category = F(spec.statistic_field) if spec.statistic_field else Value("")
    forgotten = list(state.unlinked)
    queued: list = []
    with transaction.atomic():
        files.forget(forgotten)  # the previous batch's entries: its files are gone
        claim = (
            model.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(retention_status=status, archiefactiedatum__lte=state.today)
            .annotate(statistic_category=category)
        )
        if after is None:
            claim = claim.filter(pk__in=ids)
        else:
            claim = claim.filter(pk__gt=after, retention_needs_approval=False).order_by("pk")[
                : state.batch_size
            ]
        claim = claim.values_list(*DueRow._fields[:-1], "statistic_category")
        # PostgreSQL: the claim deletes the records too (one statement); the derived rows
        # follow. Elsewhere (SQLite) the ORM reads the claim, and the records go last.
        claimed_deleted = connection.vendor == "postgresql"
        if claimed_deleted:
            rows = sorted(map(DueRow._make, sql.claim_delete(model, claim, len(DueRow._fields))))
        else:
            rows = list(map(DueRow._make, claim))
        if not rows:
            _forgotten(state, forgotten)
            return 0, None
        groups = defaultdict(list)
        for row in rows:
            key = LogGroup(
                row.retention_policy_code,
                row.retention_action,
                row.retention_period,
                row.archiefactiedatum,
            )
            groups[key].append(row)
        entries, tally = [], []
        hashes = record_hashes(spec, ((row.pk, row.public_id) for row in rows))
        statistics: defaultdict[tuple, int] = defaultdict(int)
        for group, group_rows in groups.items():
            pks = [row.pk for row in group_rows]
            derived = delete_derived(model, pks, now=state.now, queued=queued)
            if not claimed_deleted:
                sql.delete_rows(model, model._meta.pk.column, pks)
            entries.append(
                log_entry(
                    state,
                    record_type=spec.record_type,
                    group=group,
                    references=[hashes[row.pk] for row in group_rows],
                    derived=derived,
                    destruction_list=destruction_list,
                )
            )
            anonymised = group.action == RetentionAction.ANONYMISE
            counted = "anonymised" if anonymised else "destroyed"
            # Counted into the run only once the transaction has committed.
            tally += [(group.policy_code, counted, len(group_rows))]
            tally += [(group.policy_code, "derived_rows", derived)]
            if anonymised:
                for row in group_rows:
                    month = (row.startdatum_bewaartermijn or row.archiefactiedatum).replace(day=1)
                    category = spec.category(row.category)  # only a known category, else ""
                    statistics[(spec.record_type, month, row.outcome, category)] += 1
        DestructionLogEntry.objects.bulk_create(entries)
        sql.statistics_upsert(statistics)
        access_log_redact(spec, hashes)
        if destruction_list is not None:
            destruction_list.items.filter(record_id__in=[row.pk for row in rows]).delete()
        state.save_progress(pending=tally)
        if queued:
            transaction.on_commit(functools.partial(files.after_commit, queued, state.unlinked))
    _forgotten(state, forgotten)
    state.count(tally)
    return len(rows), rows[-1].pk


def _forgotten(state: RunState, forgotten) -> None:
    """The entries the batch's transaction deleted leave the run's list of unlinked ones."""
    gone = set(forgotten)
    state.unlinked[:] = [pk for pk in state.unlinked if pk not in gone]


def delete_derived(model, pks, *, now, queued: list) -> int:
    """Deletes every row that points at the records (history, contact attempts, documents,
    and whatever another app links to them): a new relation is covered without a change
    here, and a protected one stops the batch rather than leaving a half-destroyed record.
    The files those rows name are queued for deletion in the same transaction (`files`);
    their queue entries are added to `queued`."""
    total = 0
    for relation in reverse_relations(model):
        related_model, column = relation.related_model, relation.field.column
        file_fields = _file_fields(related_model)
        if reverse_relations(related_model):  # rows of its own hang off it: let Django cascade
            for file_field in file_fields:
                names = sql.select_values(related_model, file_field.column, column, pks)
                queued += _queue(file_field, names, now)
            related = related_model._base_manager.filter(**{f"{relation.field.name}__in": pks})
            deleted, _by_model = related.delete()
        else:
            deleted, returned = sql.delete_rows_returning(
                related_model, column, pks, [f.column for f in file_fields]
            )
            for file_field, names in zip(file_fields, returned, strict=True):
                queued += _queue(file_field, names, now)
        total += deleted
    return total


def _queue(file_field, names, now):
    return files.queue(
        storage=files.storage_alias(file_field.storage),
        names=[name for name in names if name],
        now=now,
    )


def reverse_relations(model):
    return [
        relation
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and (relation.one_to_many or relation.one_to_one)
    ]


def _file_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
