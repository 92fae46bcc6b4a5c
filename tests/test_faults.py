"""Faults with real processes: a retention run killed with SIGKILL in the middle of its batches,
and two runs started at once by mistake. Whatever happens, every due record is destroyed once,
whole (with its derived rows), with a log line; nothing that is not due is touched.

The runs are separate processes (tests/purge_process.py) on the test database, so the kill is
a real one: no Python cleanup, no rollback but PostgreSQL's own.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from cases.models import CaseDocument, CaseHistory, ContactAttempt, DebtSignal
from retention.destruction_statement import statement_rows
from retention.models import (
    DestructionLogEntry,
    PendingFileDeletion,
    RetentionRun,
    RetentionStatus,
)
from retention.purge import record_reference
from retention.purge import run as run_module

from .cases.factories import DebtSignalFactory
from .conftest import restore_retention_policies, statements_load

ROOT = Path(__file__).resolve().parents[1]
D = dt.date

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published():
    """The policies (a data migration a transactional flush removes) and the statements."""
    restore_retention_policies()
    statements_load(call_command)


def _test_database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def start_purge(tmp_path):
    processes = []

    def start(*arguments):
        env = {
            **os.environ,  # with the test run's encryption and blind index keys
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": _test_database_url(),
            "DJANGO_MEDIA_ROOT": str(tmp_path),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.purge_process", *map(str, arguments)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def _finish(process):
    output = process.communicate(timeout=300)[0].decode()
    assert process.returncode == 0, output
    assert "Traceback" not in output, output
    return output


def _due_signals(n):
    """`n` closed debt signals whose six months have long passed, each with a history entry
    and every other one with a contact attempt (the derived rows)."""
    template = DebtSignalFactory(
        closed=True,
        signal_received_on=D(2020, 1, 15),
        closed_on=D(2020, 3, 1),
        arrears_since=D(2019, 11, 1),
    )
    assert template.retention_status == RetentionStatus.SCHEDULED
    assert template.archiefactiedatum <= timezone.localdate()
    fields = {
        field.attname: getattr(template, field.attname)
        for field in DebtSignal._meta.concrete_fields
        if field.attname not in ("id", "public_id")
    }
    signals = [template]
    signals += DebtSignal.objects.bulk_create(
        [DebtSignal(**fields) for _ in range(n - 1)], batch_size=2000
    )
    at = dt.datetime(2020, 1, 15, 9, tzinfo=dt.UTC)
    CaseHistory.objects.bulk_create(
        [CaseHistory(debt_signal=s, at=at, action="created") for s in signals], batch_size=5000
    )
    ContactAttempt.objects.bulk_create(
        [
            ContactAttempt(
                debt_signal=s, attempted_on=D(2020, 1, 20), channel="phone", result="reached"
            )
            for s in signals[::2]
        ],
        batch_size=5000,
    )
    return signals


def _not_due_signals():
    """Open signals with accepted help and a signal closed yesterday: not due for months or
    ever (an open signal without accepted help goes 6 months after it came in)."""
    today = timezone.localdate()
    signals = [DebtSignalFactory(offer=DebtSignal.Offer.ACCEPTED) for _ in range(3)]
    signals.append(
        DebtSignalFactory(
            closed=True,
            signal_received_on=today - dt.timedelta(days=2),
            closed_on=today - dt.timedelta(days=1),
        )
    )
    for s in signals:
        CaseHistory.objects.create(debt_signal=s, at=timezone.now(), action="created")
    return signals


def _references(signals):
    return sorted(
        record_reference(record_type="debt_signal", public_id=s.public_id) for s in signals
    )


def _logged_count():
    return DestructionLogEntry.objects.aggregate(n=Sum("count"))["n"] or 0


def _logged_references():
    lines = DestructionLogEntry.objects.values_list("references", flat=True)
    return sorted(reference for text in lines for reference in text.split("\n"))


def _wait_for_run_lock_released(timeout=60):
    """PostgreSQL ends a killed client's session (and its advisory lock) once it notices."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s",
                [run_module.RUN_LOCK_KEY],
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.1)
    raise AssertionError("the killed run's lock was never released")


def _assert_whole(due, not_due):
    """No record without its derived rows, no derived row without its record, the log and
    the table together account for every due record exactly once."""
    due_ids = [s.pk for s in due]
    remaining = set(DebtSignal.objects.filter(pk__in=due_ids).values_list("pk", flat=True))
    histories = set(
        CaseHistory.objects.filter(debt_signal__in=due_ids).values_list("debt_signal", flat=True)
    )
    assert histories == remaining  # every record left has its history, none without it
    attempts = set(
        ContactAttempt.objects.filter(debt_signal__in=due_ids).values_list("debt_signal", flat=True)
    )
    assert attempts == remaining & {s.pk for s in due[::2]}
    assert not CaseHistory.objects.filter(debt_signal__isnull=True, youth_case__isnull=True)
    # destroyed = logged, each once, and the records logged are exactly the ones gone
    logged = _logged_references()
    assert len(logged) == len(set(logged)) == _logged_count() == len(due) - len(remaining)
    gone = [s for s in due if s.pk not in remaining]
    assert logged == _references(gone)
    # nothing that was not due was touched
    kept = DebtSignal.objects.filter(pk__in=[s.pk for s in not_due])
    assert kept.count() == len(not_due)
    assert all(s.name == "Jan Jansen" and s.bsn == "111222333" for s in kept)
    assert CaseHistory.objects.filter(debt_signal__in=[s.pk for s in not_due]).count() == len(
        not_due
    )


def test_a_run_killed_mid_purge_is_finished_by_the_next_run_once_and_whole(published, start_purge):
    n = 20_000
    due = _due_signals(n)
    not_due = _not_due_signals()

    process = start_purge("--batch-size", 20)
    deadline = time.monotonic() + 240
    while _logged_count() < 200:  # some batches done: ten at least
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "the run destroyed nothing in time"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    _wait_for_run_lock_released()

    destroyed_before_the_kill = _logged_count()
    assert 200 <= destroyed_before_the_kill < n, "killed too late to prove anything"
    _assert_whole(due, not_due)
    killed = RetentionRun.objects.get()
    assert killed.status == RetentionRun.Status.RUNNING  # it died without a word
    # its running totals, committed with each batch: exactly what it destroyed
    assert killed.progress_done == destroyed_before_the_kill

    _finish(start_purge("--batch-size", 1000))

    assert not DebtSignal.objects.filter(pk__in=[s.pk for s in due]).exists()
    _assert_whole(due, not_due)
    assert _logged_count() == n
    killed.refresh_from_db()
    assert killed.status == RetentionRun.Status.FAILED
    assert killed.error == "interrupted"
    second = RetentionRun.objects.exclude(pk=killed.pk).get()
    assert second.status == RetentionRun.Status.SUCCEEDED
    assert second.destroyed_total == n - destroyed_before_the_kill
    assert DestructionLogEntry.objects.filter(run=second).aggregate(n=Sum("count"))["n"] == (
        n - destroyed_before_the_kill
    )


@pytest.mark.parametrize("run_lock", ["with the run lock", "a run that bypasses the lock"])
def test_two_runs_started_at_once_destroy_each_record_once(published, start_purge, run_lock):
    n = 4_000
    due = _due_signals(n)
    not_due = _not_due_signals()
    arguments = ["--batch-size", 25, "--start-at", time.time() + 5]
    if run_lock != "with the run lock":
        arguments.append("--without-run-lock")

    first, second = start_purge(*arguments), start_purge(*arguments)
    _finish(first), _finish(second)

    assert not DebtSignal.objects.filter(pk__in=[s.pk for s in due]).exists()
    _assert_whole(due, not_due)
    assert _logged_count() == n
    runs = list(RetentionRun.objects.all())
    assert len(runs) == 2
    assert sum(run.destroyed_total for run in runs) == n
    for run in runs:
        logged = DestructionLogEntry.objects.filter(run=run).aggregate(n=Sum("count"))["n"]
        assert (logged or 0) == run.destroyed_total
    statuses = sorted(run.status for run in runs)
    if run_lock == "with the run lock":
        # the second is turned away, or (if the first was already done) finds nothing to do
        assert statuses in (["skipped", "succeeded"], ["succeeded", "succeeded"])
        assert min(run.destroyed_total for run in runs) == 0
    else:
        assert statuses == ["succeeded", "succeeded"]


def _with_files(signals, media_root):
    """A file on disk and its document row for each signal; the names."""
    at = dt.datetime(2020, 1, 16, 9, tzinfo=dt.UTC)
    folder = Path(media_root) / "cases" / "bulk"
    folder.mkdir(parents=True, exist_ok=True)
    documents = []
    for s in signals:
        name = f"cases/bulk/letter-{s.pk}.pdf"
        (Path(media_root) / name).write_bytes(b"%PDF-1.7 a letter")
        documents.append(CaseDocument(debt_signal=s, kind="file", file=name, added_at=at))
    CaseDocument.objects.bulk_create(documents, batch_size=5000)
    return {d.file.name for d in documents}


def _files_on_disk(media_root):
    folder = Path(media_root) / "cases" / "bulk"
    return {f"cases/bulk/{path.name}" for path in folder.iterdir()}


def test_a_run_killed_between_commit_and_unlink_leaves_no_orphan_file_after_the_next_run(
    published, start_purge, tmp_path
):
    n = 3_000
    due = _due_signals(n)
    not_due = _not_due_signals()
    due_files = _with_files(due[::2], tmp_path)  # half the records have a file
    kept_files = _with_files(not_due[:1], tmp_path)

    process = start_purge("--batch-size", 200, "--pause-before-unlink", 120)
    line = process.stdout.readline().decode()
    assert line.strip() == "committed, files not unlinked", line
    process.send_signal(signal.SIGKILL)  # inside the window: rows committed, files not unlinked
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    _wait_for_run_lock_released()

    # The killed batch is gone from the database, its files are still on disk, and the queue
    # names exactly those files: nothing else on disk lacks a row.
    assert _logged_count() == 200
    named = set(CaseDocument.objects.values_list("file", flat=True))
    orphans = _files_on_disk(tmp_path) - named
    assert len(orphans) == 100
    assert set(PendingFileDeletion.objects.values_list("name", flat=True)) == orphans
    assert set(PendingFileDeletion.objects.values_list("storage", flat=True)) == {"default"}
    _assert_whole(due, not_due)
    killed = RetentionRun.objects.get()

    _finish(start_purge("--batch-size", 1000))

    assert not DebtSignal.objects.filter(pk__in=[s.pk for s in due]).exists()
    _assert_whole(due, not_due)
    assert _files_on_disk(tmp_path) == kept_files  # no orphan: every due file is gone
    assert not due_files & _files_on_disk(tmp_path)
    assert not PendingFileDeletion.objects.exists()
    assert set(CaseDocument.objects.values_list("file", flat=True)) == kept_files
    # The killed run's destructions are in the next run's destruction statement.
    killed.refresh_from_db()
    second = RetentionRun.objects.exclude(pk=killed.pk).get()
    assert (killed.status, killed.reported_in) == (RetentionRun.Status.FAILED, second)
    # Its running totals were written in each batch's transaction: exactly what it committed.
    assert killed.progress_done == 200
    assert second.statement
    assert sum(row["records"] for row in statement_rows(target=second)) == n
    assert second.counts["files_left_by_earlier_runs"] == 100
    assert second.counts["files_still_queued"] == 0
