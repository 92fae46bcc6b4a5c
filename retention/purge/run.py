"""The retention run: the published periods, enforced every night, with proof.

`records_purge` is the one entry point (the Celery beat task and `manage.py purge_expired` are
thin wrappers). Its invariants:

- Not a day early, not a day late: a record goes on the first run on or after its
  `archiefactiedatum` (see `retention.dates`), counted in Europe/Amsterdam local dates.
- Constant memory: records are visited in batches by primary key, never loaded all at once,
  and only the few columns the log needs are read (no decryption).
- All or nothing per batch (`records.destroy_batch`): a run killed or a database restarted
  mid-batch rolls that batch back whole; the next run finishes the work.
- Once: a run lock (a PostgreSQL advisory lock) keeps a second run out; inside a run, each
  batch claims its rows with `SELECT ... FOR UPDATE SKIP LOCKED`.
- No orphan files: the files of destroyed rows are queued in the batch's transaction and
  unlinked after its commit; every run drains that queue at its start and its end
  (`files`), so whatever killed the last run, this one leaves no file of a destroyed record.
- Proof without the data: the log keeps a keyed hash of each record's public id, the policy,
  dates and counts; a destruction statement (verklaring van vernietiging) is made as a PDF
  per run and per approved destruction list. A run that ended without one (killed, or
  failed) is reported in the statement of the next run that succeeds (`reported_in`).

What the run governs comes from the registry (`retention.registry`): each app declares its
records and its expiring copies; this module names none of them.
"""

import contextlib
import gc
import logging
from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.utils import timezone

from .. import registry
from ..dates import local_today
from ..destruction_statement import statement_attach
from ..models import DestructionList, RetentionRun
from ..rules import published_enforced_problems, records_follow_rules
from . import files
from .computed import count_computed, purge_computed
from .expiring import remove_expiring
from .lists import destroy_approved_lists, list_for_approval
from .records import destroy_due
from .state import Progress, RunState

logger = logging.getLogger(__name__)

# Any constant will do, as long as nothing else in the database uses it.
RUN_LOCK_KEY = 0x48_52_45_54  # "HRET"
DEFAULT_BATCH_SIZE = 1000


@contextlib.contextmanager
def run_lock():
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


def records_purge(
    *,
    now: datetime,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> RetentionRun:
    """Destroys (or anonymises) every record whose destruction date has come, lists the
    records whose policy needs the DPO's approval, destroys those on approved lists, removes
    what has expired (copies, sessions), and records the run. `dry_run` counts and changes
    nothing but the run's own row."""
    today = local_today(now)
    with run_lock() as acquired:
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
        state = RunState(run=run, now=now, today=today, batch_size=batch_size, dry_run=dry_run)
        if progress is not None:
            state.report = progress
        try:
            with _collector_paused():
                (_count_only if dry_run else _purge)(state)
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
        run.progress_done, run.progress_total = state.done, state.total
        run.finished_at = timezone.now()
        run.save(
            update_fields=["status", "counts", "progress_done", "progress_total", "finished_at"]
        )
        if not dry_run and (run.destroyed_total or run.reports_for.exists()):
            statement_attach(target=run)
        logger.info("retention run %s succeeded: %s", run.public_id, run.counts)
        return run


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector is paused while the run works: it makes millions of
    short-lived rows and tuples, none in cycles, and the collector walking them cost about 7 %
    of a million-record run. It runs again afterwards, in the same process (the worker)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _purge(state: RunState) -> None:
    # Files a killed run committed the rows of but never unlinked go first.
    state.other["files_left_by_earlier_runs"] = files.drain()
    _adopt_unreported(state.run)
    # What the apps keep of their records (the requests' monthly figures) is kept before
    # anything is destroyed; one that fails stops the run here.
    for prepare in registry.before_run():
        prepare(now=state.now)
    # First the records follow the rules in force (a shorter period, a policy that now
    # covers them), so that what falls due tonight is what the statements publish tonight.
    for key, n in records_follow_rules(today=state.today).items():
        state.other[key] = n
    state.total = _due_total(state)
    state.progress("start")
    for spec in registry.stored():
        destroy_due(state, spec)
        list_for_approval(state, spec)
    destroy_approved_lists(state)
    for spec in registry.computed():
        purge_computed(state, spec)
    for expiring in registry.expiring():
        if expiring.purge is not None:
            state.other[expiring.name] = expiring.purge(now=state.now)
        else:
            state.other[expiring.name] = remove_expiring(state, expiring)
    _clear_sessions(state)
    _count_kept(state)
    # This run's own files went after each batch's commit; what is left (a storage that
    # refused) is tried again here, and by every next run.
    files.forget(state.unlinked)
    files.drain()
    state.other["files_still_queued"] = files.PendingFileDeletion.objects.count()


def _adopt_unreported(run: RetentionRun) -> None:
    """Earlier runs that destroyed records but ended without a destruction statement (killed,
    or failed) are reported in this run's statement; so are those a failed run had adopted."""
    unreported = (
        RetentionRun.objects.filter(
            status=RetentionRun.Status.FAILED, dry_run=False, statement="", entries__isnull=False
        )
        .filter(Q(reported_in__isnull=True) | Q(reported_in__status=RetentionRun.Status.FAILED))
        .exclude(pk=run.pk)
        .values("pk")
    )
    RetentionRun.objects.filter(pk__in=unreported).update(reported_in=run)


def _due_total(state: RunState) -> int:
    """Records due at the start, for the progress figures: those the run destroys or lists,
    and those on approved lists (records whose dates the run computes add up as it finds
    them)."""
    total = sum(spec.objects.due(today=state.today).count() for spec in registry.stored())
    approved = DestructionList.objects.filter(status=DestructionList.Status.APPROVED)
    return total + sum(destruction_list.items.count() for destruction_list in approved)


def _count_only(state: RunState) -> None:
    for spec in registry.stored():
        due = spec.objects.due(today=state.today)
        for row in due.values("retention_policy_code", "retention_needs_approval").annotate(
            n=Count("pk")
        ):
            key = "to_list" if row["retention_needs_approval"] else "due"
            state.policies[row["retention_policy_code"]][key] += row["n"]
    for destruction_list in DestructionList.objects.filter(status=DestructionList.Status.APPROVED):
        state.policies[destruction_list.policy_code]["due"] += destruction_list.items.filter(
            status="listed"
        ).count()
    for spec in registry.computed():
        count_computed(state, spec)
    for expiring in registry.expiring():
        if expiring.records is not None:
            state.other[expiring.name] = expiring.records(now=state.now).count()
        elif expiring.count is not None:
            state.other[expiring.name] = expiring.count(now=state.now)
    _count_kept(state)


def _clear_sessions(state: RunState) -> None:
    """Expired sessions, as `manage.py clearsessions` removes them."""
    engine = import_module(settings.SESSION_ENGINE)
    with contextlib.suppress(NotImplementedError):
        engine.SessionStore.clear_expired()
        state.other["sessions_cleared"] = 1


def _count_kept(state: RunState) -> None:
    """Closed records no policy covers, records on legal hold, and the disagreements between
    the published rules and the policies (`drift`): kept, and shown (`/readyz` warns)."""
    specs = registry.stored()
    state.other["uncovered"] = sum(spec.objects.uncovered().count() for spec in specs)
    state.other["on_hold"] = sum(spec.objects.on_hold().count() for spec in specs)
    state.other["drift"] = len(published_enforced_problems(today=state.today))
