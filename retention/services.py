"""The retention run: the published periods, enforced every night, with proof.

`records_purge` is the one entry point (the Celery beat task and `manage.py purge_expired` are
thin wrappers). Its invariants:

- Not a day early, not a day late: a record goes on the first run on or after its stored
  `archiefactiedatum` (see `retention.dates`), counted in Europe/Amsterdam local dates.
- Constant memory: records are visited in batches by primary key, never loaded all at once,
  and only the few columns the log needs are read (no decryption).
- All or nothing per batch: a record, its derived rows (history, contact attempts, files,
  copies of e-mails), its destruction-list item and its destruction-log line go in one
  transaction. A run killed or a database restarted mid-batch rolls that batch back whole;
  the next run finishes the work.
- Once: a run lock (a PostgreSQL advisory lock) keeps a second run out; inside a run, each
  batch claims its rows with `SELECT ... FOR UPDATE SKIP LOCKED` and re-checks that they are
  still due, so even runs that bypass the lock never destroy a record twice.
- Proof without the data: the log keeps a keyed hash of each record's public id, the policy,
  dates and counts; a destruction statement (verklaring van vernietiging) is made as a PDF
  per run and per approved destruction list.
"""

import contextlib
import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from core.crypto import Purpose, keyed_hash, keyed_hashes

from .dates import destruction_date, local_today
from .models import (
    CaseDocument,
    DebtSignal,
    DestructionList,
    DestructionListItem,
    DestructionLogEntry,
    RecordType,
    ReportingOrganisation,
    RetentionAction,
    RetentionPolicy,
    RetentionRun,
    RetentionStatistic,
    RetentionStatus,
    YouthCase,
)
from .rules import published_rules

logger = logging.getLogger(__name__)

RECORD_MODELS = {RecordType.DEBT_SIGNAL: DebtSignal, RecordType.YOUTH_CASE: YouthCase}
# Any constant will do, as long as nothing else in the database uses it.
RUN_LOCK_KEY = 0x48_52_45_54  # "HRET"
DEFAULT_BATCH_SIZE = 1000

Progress = Callable[[str], None]


def record_reference(*, record_type: str, public_id) -> str:
    """The non-reversible reference kept in the destruction log: a keyed hash of the
    record's type and public id."""
    return keyed_hash(f"{record_type}:{public_id}", purpose=Purpose.DESTRUCTION_LOG)


def record_references(*, record_type: str, public_ids) -> str:
    """`record_reference` of many records, one per line: a million records cost seconds."""
    values = (f"{record_type}:{public_id}" for public_id in public_ids)
    return "\n".join(keyed_hashes(values, purpose=Purpose.DESTRUCTION_LOG))


@contextlib.contextmanager
def _run_lock():
    """PostgreSQL: a session advisory lock, released on exit or when the connection drops (a
    killed run never leaves it behind). Other databases (SQLite in development) serialise
    writes themselves; the per-record claim still holds."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [RUN_LOCK_KEY])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [RUN_LOCK_KEY])


class _Run:
    """What one run knows while it works: its row, its clock and its counters."""

    def __init__(self, *, run, now, today, batch_size, progress, dry_run):
        self.run = run
        self.now = now
        self.today = today
        self.batch_size = batch_size
        self.progress = progress or (lambda message: None)
        self.dry_run = dry_run
        self.policies = defaultdict(lambda: defaultdict(int))
        self.other = defaultdict(int)
        self.organisation_kinds = dict(ReportingOrganisation.objects.values_list("pk", "kind"))

    def count(self, tally):
        """Adds what a committed batch did: (policy code, what, how many)."""
        for code, key, n in tally:
            self.policies[code][key] += n

    def counts(self):
        return {
            "policies": {code: dict(counts) for code, counts in sorted(self.policies.items())},
            **dict(self.other),
        }


def records_purge(
    *,
    now: datetime,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> RetentionRun:
    """Destroys (or anonymises) every record whose destruction date has come, lists the
    records whose policy needs the DPO's approval, destroys those on approved lists, removes
    expired requests and sessions, and records the run. `dry_run` counts and changes nothing
    but the run's own row."""
    today = local_today(now)
    with _run_lock() as acquired:
        if not acquired:
            logger.info("retention run skipped: another run holds the lock")
            return RetentionRun.objects.create(
                started_at=now,
                finished_at=now,
                today=today,
                dry_run=dry_run,
                status=RetentionRun.Status.SKIPPED,
            )
        # We hold the lock, so a row still marked running belongs to a run that died.
        RetentionRun.objects.filter(status=RetentionRun.Status.RUNNING).update(
            status=RetentionRun.Status.FAILED, error="interrupted", finished_at=now
        )
        run = RetentionRun.objects.create(started_at=now, today=today, dry_run=dry_run)
        state = _Run(
            run=run,
            now=now,
            today=today,
            batch_size=batch_size,
            progress=progress,
            dry_run=dry_run,
        )
        try:
            if dry_run:
                _count_only(state)
            else:
                _purge(state)
        except Exception as exc:
            logger.exception("retention run %s failed", run.public_id)
            run.status = RetentionRun.Status.FAILED
            run.error = type(exc).__name__
            run.counts = state.counts()
            run.finished_at = timezone.now()
            # With the database gone, the row stays "running"; the next run marks it.
            with contextlib.suppress(DatabaseError):
                run.save(update_fields=["status", "error", "counts", "finished_at"])
            raise
        run.status = RetentionRun.Status.SUCCEEDED
        run.counts = state.counts()
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "counts", "finished_at"])
        if not dry_run and run.destroyed_total:
            statement_attach(target=run)
        logger.info("retention run %s succeeded: %s", run.public_id, run.counts)
        return run


def _purge(state: _Run) -> None:
    for record_type, model in RECORD_MODELS.items():
        _destroy_due(state, model, record_type)
        _list_for_approval(state, model, record_type)
    _destroy_approved_lists(state)
    _purge_requests(state)
    _purge_expired_downloads(state)
    _clear_sessions(state)
    _count_uncovered(state)


def _count_only(state: _Run) -> None:
    for model in RECORD_MODELS.values():
        due = model.objects.due(today=state.today)
        for row in due.values("retention_policy_code", "retention_needs_approval").annotate(
            n=Count("pk")
        ):
            key = "to_list" if row["retention_needs_approval"] else "due"
            state.policies[row["retention_policy_code"]][key] += row["n"]
    for destruction_list in DestructionList.objects.filter(status=DestructionList.Status.APPROVED):
        state.policies[destruction_list.policy_code]["due"] += destruction_list.items.count()
    from requests_app.models import SubjectRequest

    state.other["requests_unverified"] = SubjectRequest.objects.unverified_expired(
        now=state.now
    ).count()
    policy, rule = _request_policy(state)
    if rule is not None:
        state.policies[policy.code]["due"] += sum(
            len(_due_requests(state, rule, ids)) for ids in _request_batches(state, rule)
        )
    _count_uncovered(state)


# Records ---------------------------------------------------------------------------------


def _id_batches(state: _Run, queryset):
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


def _destroy_due(state: _Run, model, record_type) -> None:
    """Claims and destroys due records batch by batch: one query reads and locks a batch."""
    last = 0
    while True:
        destroyed, last = _destroy_batch(
            state, model, record_type, None, status=RetentionStatus.SCHEDULED, after=last
        )
        if last is None:
            return
        state.progress(f"{record_type}: {destroyed} destroyed in a batch")


def _destroy_batch(state, model, record_type, ids, *, status, destruction_list=None, after=None):
    """Destroys the records of `ids` (or the next batch after the primary key `after`) that
    are still due and not claimed by another run, with everything derived from them and their
    log lines, in one transaction. Returns (destroyed, the last primary key seen or None)."""
    columns = [
        "pk",
        "public_id",
        "retention_policy_code",
        "retention_action",
        "retention_period",
        "archiefactiedatum",
        "startdatum_bewaartermijn",
        "outcome",
        "reporting_organisation_id" if model is DebtSignal else "product_code",
    ]
    with transaction.atomic():
        claim = model.objects.select_for_update(skip_locked=True).filter(
            retention_status=status, archiefactiedatum__lte=state.today
        )
        if after is None:
            claim = claim.filter(pk__in=ids)
        else:
            claim = claim.filter(pk__gt=after, retention_needs_approval=False).order_by("pk")[
                : state.batch_size
            ]
        rows = list(claim.values_list(*columns))
        if not rows:
            return 0, None
        groups = defaultdict(list)
        for row in rows:
            groups[(row[2], row[3], row[4], row[5])].append(row)
        entries = []
        statistics = defaultdict(int)
        tally = []  # counted into the run only once the transaction has committed
        for (code, action, period, archiefactiedatum), group in groups.items():
            pks = [row[0] for row in group]
            derived = _delete_derived(model, pks)
            _delete_rows(model, model._meta.pk.column, pks)
            entries.append(
                DestructionLogEntry(
                    run=state.run,
                    destruction_list=destruction_list,
                    record_type=record_type,
                    policy_code=code,
                    action=action,
                    retention_period=period,
                    archiefactiedatum=archiefactiedatum,
                    destroyed_on=state.today,
                    count=len(group),
                    derived_rows=derived,
                    references=record_references(
                        record_type=record_type, public_ids=[row[1] for row in group]
                    ),
                )
            )
            counted = "anonymised" if action == RetentionAction.ANONYMISE else "destroyed"
            tally += [(code, counted, len(group)), (code, "derived_rows", derived)]
            if action == RetentionAction.ANONYMISE:
                for row in group:
                    category = (
                        state.organisation_kinds.get(row[8], "") if model is DebtSignal else row[8]
                    )
                    month = (row[6] or row[5]).replace(day=1)
                    statistics[(record_type, month, row[7], category or "")] += 1
        DestructionLogEntry.objects.bulk_create(entries)
        _add_statistics(statistics)
        if destruction_list is not None:
            destruction_list.items.filter(record_id__in=[row[0] for row in rows]).delete()
    state.count(tally)
    return len(rows), rows[-1][0]


def _delete_derived(model, pks) -> int:
    """Deletes every row that points at the records (history, contact attempts, documents,
    and whatever another app links to them): a new relation is covered without a change
    here, and a protected one stops the batch rather than leaving a half-destroyed record.
    Files are removed from storage once the transaction has committed."""
    total = 0
    for relation in _reverse_relations(model):
        related_model, column = relation.related_model, relation.field.column
        if related_model is CaseDocument:
            names = [name for name in _select_files(column, pks) if name]
            if names:
                transaction.on_commit(lambda names=names: _delete_files(names))
        if _reverse_relations(related_model):  # rows of its own hang off it: let Django cascade
            related = related_model._base_manager.filter(**{f"{relation.field.name}__in": pks})
            deleted, _by_model = related.delete()
        else:
            deleted = _delete_rows(related_model, column, pks)
        total += deleted
    return total


def _reverse_relations(model):
    return [
        relation
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and (relation.one_to_many or relation.one_to_one)
    ]


def _delete_rows(model, column, pks) -> int:
    """DELETE ... WHERE column IN pks. On PostgreSQL as `= ANY(%s)` with the ids as one array
    parameter: a batch of thousands of ids then costs one placeholder, not thousands (which
    the driver and the ORM would otherwise spell out one by one, most of the purge's time)."""
    if connection.vendor != "postgresql":
        return model._base_manager.filter(**{f"{_field_for(model, column)}__in": pks})._raw_delete(
            model._base_manager.db
        )
    table, column = (
        connection.ops.quote_name(model._meta.db_table),
        connection.ops.quote_name(column),
    )
    with connection.cursor() as cursor:
        # Table and column names come from the model's own metadata, never from input.
        sql = f"DELETE FROM {table} WHERE {column} = ANY(%s)"  # noqa: S608 # nosec B608
        cursor.execute(sql, [list(pks)])
        return cursor.rowcount


def _field_for(model, column):
    return next(f.name for f in model._meta.concrete_fields if f.column == column)


def _select_files(column, pks):
    if connection.vendor != "postgresql":
        field = _field_for(CaseDocument, column)
        return CaseDocument._base_manager.filter(**{f"{field}__in": pks}).values_list(
            "file", flat=True
        )
    table = connection.ops.quote_name(CaseDocument._meta.db_table)
    column = connection.ops.quote_name(column)
    with connection.cursor() as cursor:
        sql = f"SELECT file FROM {table} WHERE {column} = ANY(%s)"  # noqa: S608 # nosec B608
        cursor.execute(sql, [list(pks)])
        return [name for (name,) in cursor.fetchall()]


def _delete_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # gone already; the row that named it is gone too
            logger.warning("retention: a case file could not be deleted from storage")


def _add_statistics(statistics) -> None:
    if not statistics:
        return
    table = RetentionStatistic._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            # bandit B608: `table` is the model's own db_table; every value is a parameter.
            f"INSERT INTO {table} (record_type, month, outcome, category, count) "  # noqa: S608  # nosec B608
            "VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (record_type, month, outcome, category) "
            f"DO UPDATE SET count = {table}.count + excluded.count",
            [(*key, n) for key, n in sorted(statistics.items())],
        )


# Destruction lists -----------------------------------------------------------------------


def _list_for_approval(state: _Run, model, record_type) -> None:
    """Due records of a policy that needs approval go on a destruction list (one per policy
    per run) and wait there for the DPO."""
    due = model.objects.due(today=state.today).filter(retention_needs_approval=True)
    lists = {}
    for ids in _id_batches(state, due):
        tally = []
        with transaction.atomic():
            rows = list(
                model.objects.select_for_update(skip_locked=True)
                .filter(
                    pk__in=ids,
                    retention_status=RetentionStatus.SCHEDULED,
                    archiefactiedatum__lte=state.today,
                )
                .values_list("pk", "retention_policy_code", "archiefactiedatum")
            )
            by_policy = defaultdict(list)
            for row in rows:
                by_policy[row[1]].append(row)
            for code, group in by_policy.items():
                if code not in lists:
                    lists[code] = DestructionList.objects.create(
                        policy_code=code, record_type=record_type, created_at=state.now
                    )
                destruction_list = lists[code]
                DestructionListItem.objects.bulk_create(
                    DestructionListItem(
                        destruction_list=destruction_list,
                        record_id=pk,
                        archiefactiedatum=archiefactiedatum,
                    )
                    for pk, _code, archiefactiedatum in group
                )
                model.objects.filter(pk__in=[row[0] for row in group]).update(
                    retention_status=RetentionStatus.LISTED
                )
                destruction_list.item_count += len(group)
                destruction_list.save(update_fields=["item_count"])
                tally.append((code, "listed", len(group)))
        state.count(tally)
        state.progress(f"{record_type}: {len(rows)} put on a destruction list")


def _destroy_approved_lists(state: _Run) -> None:
    for destruction_list in DestructionList.objects.filter(
        status=DestructionList.Status.APPROVED
    ).order_by("pk"):
        model = RECORD_MODELS[destruction_list.record_type]
        for item_ids in _id_batches(state, destruction_list.items.all()):
            record_ids = list(
                DestructionListItem.objects.filter(pk__in=item_ids).values_list(
                    "record_id", flat=True
                )
            )
            destroyed, _last = _destroy_batch(
                state,
                model,
                destruction_list.record_type,
                record_ids,
                status=RetentionStatus.LISTED,
                destruction_list=destruction_list,
            )
            _release_not_destroyed(destruction_list, model, record_ids, today=state.today)
            state.progress(f"{destruction_list}: {destroyed} destroyed")
        with transaction.atomic():
            if destruction_list.items.exists():
                continue  # held by a concurrent run; the run that finishes it closes it
            destruction_list.status = DestructionList.Status.DESTROYED
            destruction_list.destroyed_at = state.now
            destruction_list.save(update_fields=["status", "destroyed_at"])
        statement_attach(target=destruction_list)


def _release_not_destroyed(destruction_list, model, record_ids, *, today) -> None:
    """Items whose record is gone, on hold, or no longer due leave the list; a record that
    was listed but is no longer due goes back to its schedule. Items of records another run
    holds locked stay, for that run to finish."""
    with transaction.atomic():
        listed_due = set(
            model.objects.filter(
                pk__in=record_ids,
                retention_status=RetentionStatus.LISTED,
                archiefactiedatum__lte=today,
            ).values_list("pk", flat=True)
        )
        model.objects.filter(pk__in=record_ids, retention_status=RetentionStatus.LISTED).exclude(
            pk__in=listed_due
        ).update(retention_status=RetentionStatus.SCHEDULED)
        destruction_list.items.filter(record_id__in=record_ids).exclude(
            record_id__in=listed_due
        ).delete()


@transaction.atomic
def destruction_list_approve(*, destruction_list: DestructionList, user, now: datetime):
    """The DPO approves a list: its records are destroyed by the next run (Archiefwet art. 3;
    the municipality's destruction procedure). Only a user with the approval permission."""
    if not user.has_perm("retention.approve_destructionlist"):
        raise PermissionDenied
    destruction_list = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
    if destruction_list.status != DestructionList.Status.AWAITING_APPROVAL:
        raise ValidationError("Only a list awaiting approval can be approved.")
    destruction_list.status = DestructionList.Status.APPROVED
    destruction_list.approved_at = now
    destruction_list.approved_by = user
    destruction_list.full_clean()
    destruction_list.save(update_fields=["status", "approved_at", "approved_by"])
    return destruction_list


# Requests, complaints and sessions ------------------------------------------------------


def _request_policy(state: _Run):
    policy = RetentionPolicy.objects.active().filter(record_type=RecordType.SUBJECT_REQUEST).first()
    if policy is None:
        return None, None
    return policy, published_rules(today=state.today).get(policy.code)


def _request_batches(state: _Run, rule):
    """Closed requests that may be due: a coarse filter on the closing time (a few days of
    slack for month ends), refined per request by `_due_requests`."""
    from requests_app.models import CLOSED_STATUSES, SubjectRequest
    from statements.periods import parse_period

    latest_day = state.today - parse_period(rule.period).relativedelta() + timedelta(days=4)
    cutoff = timezone.make_aware(datetime.combine(latest_day, datetime.min.time()))
    candidates = SubjectRequest.objects.filter(
        status__in=CLOSED_STATUSES, closed_at__isnull=False, closed_at__lt=cutoff
    )
    yield from _id_batches(state, candidates)


def _request_destruction_date(closed_at: datetime, period: str) -> date:
    return destruction_date(brondatum=timezone.localdate(closed_at), period=period)


def _due_requests(state: _Run, rule, ids, *, lock=False):
    from requests_app.models import SubjectRequest

    queryset = SubjectRequest.objects.filter(pk__in=ids)
    if lock:
        queryset = queryset.select_for_update(skip_locked=True)
    return [
        (pk, public_id, closed_at)
        for pk, public_id, closed_at in queryset.values_list("pk", "public_id", "closed_at")
        if _request_destruction_date(closed_at, rule.period) <= state.today
    ]


def _purge_requests(state: _Run) -> None:
    """Unverified requests (their own rule, requests_app.verification) and closed requests
    and complaints past the published period of the general statement."""
    from requests_app.models import SubjectRequest
    from requests_app.services import requests_remove_unverified

    state.other["requests_unverified"] = requests_remove_unverified(now=state.now)
    policy, rule = _request_policy(state)
    if rule is None:
        state.other["requests_uncovered"] = 1  # no published period: keep, and show the DPO
        return
    record_type = RecordType.SUBJECT_REQUEST
    for ids in _request_batches(state, rule):
        tally = []
        with transaction.atomic():
            rows = _due_requests(state, rule, ids, lock=True)
            if not rows:
                continue
            by_date = defaultdict(list)
            for pk, public_id, closed_at in rows:
                by_date[_request_destruction_date(closed_at, rule.period)].append((pk, public_id))
            entries = []
            for archiefactiedatum, group in sorted(by_date.items()):
                deleted, _by_model = SubjectRequest.objects.filter(
                    pk__in=[pk for pk, _public_id in group]
                ).delete()
                entries.append(
                    DestructionLogEntry(
                        run=state.run,
                        record_type=record_type,
                        policy_code=policy.code,
                        action=policy.action,
                        retention_period=rule.period,
                        archiefactiedatum=archiefactiedatum,
                        destroyed_on=state.today,
                        count=len(group),
                        derived_rows=deleted - len(group),
                        references=record_references(
                            record_type=record_type,
                            public_ids=[public_id for _pk, public_id in group],
                        ),
                    )
                )
                tally += [
                    (policy.code, "destroyed", len(group)),
                    (policy.code, "derived_rows", deleted - len(group)),
                ]
            DestructionLogEntry.objects.bulk_create(entries)
        state.count(tally)
        state.progress(f"{record_type}: {len(rows)} destroyed")


def _purge_expired_downloads(state: _Run) -> None:
    """Answer files past their download period, and the intake API's remembered answers
    (idempotency records) past theirs: derived copies with their own, shorter life."""
    from requests_app.answer_files import response_files_purge_expired

    from .intake.services import idempotency_forget_expired

    state.other["response_files_erased"] = response_files_purge_expired(now=state.now)
    state.other["idempotency_records_removed"] = idempotency_forget_expired(now=state.now)


def _clear_sessions(state: _Run) -> None:
    """Expired sessions, as `manage.py clearsessions` removes them."""
    engine = import_module(settings.SESSION_ENGINE)
    with contextlib.suppress(NotImplementedError):
        engine.SessionStore.clear_expired()
        state.other["sessions_cleared"] = 1


def _count_uncovered(state: _Run) -> None:
    state.other["uncovered"] = sum(
        model.objects.uncovered().count() for model in RECORD_MODELS.values()
    )
    state.other["on_hold"] = sum(
        model.objects.on_hold().count() for model in RECORD_MODELS.values()
    )


# The destruction statement ---------------------------------------------------------------


def statement_attach(*, target) -> None:
    """Renders the destruction statement (verklaring van vernietiging) of a run or an
    approved list as a tagged PDF and stores it with it."""
    from .statement import statement_render

    pdf = statement_render(target=target)
    kind = "run" if isinstance(target, RetentionRun) else "list"
    name = f"verklaring-van-vernietiging-{kind}-{target.public_id}.pdf"
    target.statement.save(name, ContentFile(pdf), save=False)
    type(target).objects.filter(pk=target.pk).update(statement=target.statement.name)
