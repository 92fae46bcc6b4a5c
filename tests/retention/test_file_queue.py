"""Files of destroyed records, with the clock moved (time-machine): they go with their record
on its destruction date, never the day before, through the queue filled in the batch's own
transaction; a run that dies between its commit and the unlink leaves queued files that the
next run removes, and its destructions in the next destruction statement."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command

from cases.models import CaseDocument, DebtSignal
from retention.destruction_statement import statement_rows
from retention.models import PendingFileDeletion, RetentionRun
from retention.purge import files, records, records_purge
from tests.cases.factories import DebtSignalFactory

D = dt.date
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def at(day, hour, minute, second=0):
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=AMSTERDAM)


def _signal_with_file(received):
    signal = DebtSignalFactory(
        closed=True, signal_received_on=received, closed_on=received + dt.timedelta(days=20)
    )
    document = CaseDocument(
        debt_signal=signal, kind="email", added_at=at(received, 12, 0).astimezone(dt.UTC)
    )
    document.file.save("mail.eml", ContentFile(b"Subject: arrears"), save=True)
    return signal, document.file.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "destruction"),
    [
        (D(2026, 1, 31), D(2026, 8, 1)),  # the period ends on the last day of July
        (D(2023, 8, 31), D(2024, 3, 1)),  # ends on leap day 29 February
        (D(2025, 4, 25), D(2025, 10, 26)),  # destroyed on the day summer time ends
        (D(2025, 9, 28), D(2026, 3, 29)),  # destroyed on the day summer time starts
    ],
)
def test_a_file_goes_with_its_record_on_the_destruction_date_never_the_day_before(
    published, media, received, destruction
):
    signal, name = _signal_with_file(received)
    assert signal.archiefactiedatum == destruction
    day_before = destruction - dt.timedelta(days=1)

    with time_machine.travel(at(day_before, 23, 59), tick=False):
        call_command("purge_expired", verbosity=0)
    assert DebtSignal.objects.filter(pk=signal.pk).exists()
    assert default_storage.exists(name)

    with time_machine.travel(at(destruction, 0, 0, 30), tick=False):
        call_command("purge_expired", verbosity=0)
    assert not DebtSignal.objects.filter(pk=signal.pk).exists()
    assert not default_storage.exists(name)
    assert not PendingFileDeletion.objects.exists()

    with time_machine.travel(at(destruction + dt.timedelta(days=1), 1, 30), tick=False):
        run = records_purge(now=dt.datetime.now(dt.UTC))
    assert run.destroyed_total == 0
    assert run.counts["files_left_by_earlier_runs"] == 0


class Killed(BaseException):
    """What SIGKILL does to Python, as near as one process gets: no `except Exception`, no
    cleanup of the run's row."""


@pytest.mark.django_db(transaction=True)
def test_a_run_dying_after_the_commit_leaves_queued_files_the_next_night_removes(
    published, media, monkeypatch
):
    first, first_name = _signal_with_file(D(2026, 1, 31))
    _second, second_name = _signal_with_file(D(2026, 2, 2))

    def die():
        raise Killed

    monkeypatch.setattr(files, "before_unlink", die)
    with time_machine.travel(at(D(2026, 8, 1), 1, 30), tick=False), pytest.raises(Killed):
        records_purge(now=dt.datetime.now(dt.UTC))
    monkeypatch.undo()
    # The batch committed: the record is gone, its file is still on disk, and queued.
    assert not DebtSignal.objects.filter(pk=first.pk).exists()
    assert default_storage.exists(first_name)
    assert list(PendingFileDeletion.objects.values_list("storage", "name")) == [
        ("default", first_name)
    ]
    killed = RetentionRun.objects.get()
    assert killed.status == RetentionRun.Status.RUNNING

    with time_machine.travel(at(D(2026, 8, 3), 1, 30), tick=False):
        call_command("purge_expired", verbosity=0)
    assert not default_storage.exists(first_name)
    assert not default_storage.exists(second_name)
    assert not PendingFileDeletion.objects.exists()
    assert not DebtSignal.objects.exists()
    killed.refresh_from_db()
    night = RetentionRun.objects.exclude(pk=killed.pk).get()
    assert (killed.status, killed.error, killed.reported_in) == ("failed", "interrupted", night)
    assert night.counts["files_left_by_earlier_runs"] == 1
    # Both destructions, the killed run's and its own, are in this night's statement.
    assert night.destroyed_total == 1
    assert sum(row["records"] for row in statement_rows(target=night)) == 2
    assert night.statement


@pytest.mark.django_db
def test_a_file_the_storage_refuses_to_delete_stays_queued_until_a_run_can(
    published, media, monkeypatch
):
    signal, name = _signal_with_file(D(2026, 1, 31))
    original = FileSystemStorage.delete

    def refuse(self, path):
        raise PermissionError(path)

    monkeypatch.setattr(FileSystemStorage, "delete", refuse)
    with time_machine.travel(at(D(2026, 8, 1), 1, 30), tick=False):
        run = records_purge(now=dt.datetime.now(dt.UTC))
    assert not DebtSignal.objects.filter(pk=signal.pk).exists()
    assert default_storage.exists(name)
    assert run.counts["files_still_queued"] == 1

    monkeypatch.setattr(FileSystemStorage, "delete", original)
    with time_machine.travel(at(D(2026, 8, 2), 1, 30), tick=False):
        run = records_purge(now=dt.datetime.now(dt.UTC))
    assert not default_storage.exists(name)
    assert run.counts["files_left_by_earlier_runs"] == 1
    assert run.counts["files_still_queued"] == 0


@pytest.mark.django_db
def test_a_batch_rolled_back_keeps_its_files_and_queues_nothing(published, media, monkeypatch):
    signal, name = _signal_with_file(D(2026, 1, 31))

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(records, "log_entry", fail)  # after the deletes, inside the batch
    with pytest.raises(RuntimeError):
        records_purge(now=at(D(2026, 8, 1), 1, 30))
    assert DebtSignal.objects.filter(pk=signal.pk).exists()
    assert CaseDocument.objects.filter(file=name).exists()
    assert default_storage.exists(name)
    assert not PendingFileDeletion.objects.exists()
