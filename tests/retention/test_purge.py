"""The nightly run: on time, in batches, once, whole records, with proof and no personal data."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases.models import CaseDocument, CaseHistory, ContactAttempt, DebtSignal, YouthCase
from requests_app.models import Event, SubjectRequest
from retention.models import (
    DestructionList,
    DestructionListItem,
    DestructionLogEntry,
    RetentionRun,
    RetentionStatistic,
    RetentionStatus,
)
from retention.purge import destruction_list_approve, record_reference, records_purge, sql
from retention.purge import run as run_module
from tests.cases.factories import DebtSignalFactory, YouthCaseFactory

D = dt.date
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def night(day, hour=1, minute=30):
    """The moment of a nightly run, Amsterdam time."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def _signals(n, **kwargs):
    return [DebtSignalFactory(closed=True, **kwargs) for _ in range(n)]


def test_not_a_day_early_not_a_day_late(published):
    signal = DebtSignalFactory(closed=True, signal_received_on=D(2026, 1, 31))
    assert signal.archiefactiedatum == D(2026, 8, 1)
    # 23:59 on the last day kept: still there
    records_purge(now=dt.datetime(2026, 7, 31, 23, 59, tzinfo=AMSTERDAM))
    assert DebtSignal.objects.filter(pk=signal.pk).exists()
    # the first run of the next day: gone
    records_purge(now=night(D(2026, 8, 1), hour=0, minute=1))
    assert not DebtSignal.objects.filter(pk=signal.pk).exists()


def test_the_run_reads_the_date_in_amsterdam_not_utc(published):
    signal = DebtSignalFactory(closed=True, signal_received_on=D(2026, 1, 31))
    # 22:30 UTC on 31 July is 00:30 on 1 August in Amsterdam (summer time)
    records_purge(now=dt.datetime(2026, 7, 31, 21, 59, tzinfo=dt.UTC))
    assert DebtSignal.objects.filter(pk=signal.pk).exists()
    records_purge(now=dt.datetime(2026, 7, 31, 22, 30, tzinfo=dt.UTC))
    assert not DebtSignal.objects.filter(pk=signal.pk).exists()


def test_batches_destroy_everything_due_and_report_progress(published):
    due = _signals(5)
    keep = DebtSignalFactory(offer=DebtSignal.Offer.ACCEPTED)  # open, help accepted: kept
    later = DebtSignalFactory(closed=True, signal_received_on=D(2026, 6, 1))
    messages = []
    run = records_purge(now=night(D(2026, 8, 1)), batch_size=2, progress=messages.append)
    assert run.status == RetentionRun.Status.SUCCEEDED
    assert not DebtSignal.objects.filter(pk__in=[s.pk for s in due]).exists()
    assert set(DebtSignal.objects.values_list("pk", flat=True)) == {keep.pk, later.pk}
    assert run.counts["policies"]["debt-signal-no-help"]["anonymised"] == 5
    batches = [m for m in messages if m.message.startswith("debt_signal:")]
    assert len(batches) == 3  # 2 + 2 + 1
    assert [(m.done, m.total) for m in batches] == [(2, 5), (4, 5), (5, 5)]
    assert sum(DestructionLogEntry.objects.values_list("count", flat=True)) == 5


def test_a_second_run_finds_nothing_left_to_do(published):
    _signals(3)
    first = records_purge(now=night(D(2026, 8, 1)))
    second = records_purge(now=night(D(2026, 8, 1), minute=45))
    assert first.destroyed_total == 3
    assert second.destroyed_total == 0
    assert DestructionLogEntry.objects.filter(run=second).count() == 0


def test_a_dry_run_counts_and_changes_nothing(published):
    _signals(2)
    youth = YouthCaseFactory(ended=True, closed_on=D(2006, 6, 30))
    run = records_purge(now=night(D(2026, 8, 1)), dry_run=True)
    assert run.dry_run
    assert run.status == RetentionRun.Status.SUCCEEDED
    assert run.counts["policies"]["debt-signal-no-help"]["due"] == 2
    assert run.counts["policies"]["youth-assistance-records"]["to_list"] == 1
    assert DebtSignal.objects.count() == 2
    youth.refresh_from_db()
    assert youth.retention_status == RetentionStatus.SCHEDULED
    assert not DestructionList.objects.exists()
    assert not DestructionLogEntry.objects.exists()
    assert not run.statement


def test_a_legal_hold_keeps_a_due_record(published):
    held = DebtSignalFactory(
        closed=True, legal_hold_reason="litigation", legal_hold_since=D(2026, 7, 1)
    )
    run = records_purge(now=night(D(2026, 9, 1)))
    assert DebtSignal.objects.filter(pk=held.pk).exists()
    assert run.counts["on_hold"] == 1


def test_a_record_no_policy_covers_is_kept_and_counted_for_the_dpo(published):
    relief = DebtSignalFactory(outcome="debt_relief", closed_on=D(2020, 1, 1))
    run = records_purge(now=night(D(2030, 1, 1)))
    assert DebtSignal.objects.filter(pk=relief.pk).exists()
    assert run.counts["uncovered"] == 1


def test_derived_rows_and_files_go_with_the_record(published, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    signal = DebtSignalFactory(closed=True)
    ContactAttempt.objects.create(
        debt_signal=signal, attempted_on=D(2026, 1, 20), channel="phone", result="not_reached"
    )
    CaseHistory.objects.create(debt_signal=signal, at=night(D(2026, 1, 20)), action="created")
    document = CaseDocument(debt_signal=signal, kind="email", added_at=night(D(2026, 1, 21)))
    document.file.save("mail.eml", ContentFile(b"Subject: arrears"), save=True)
    stored = document.file.name
    assert default_storage.exists(stored)
    other = DebtSignalFactory(offer=DebtSignal.Offer.ACCEPTED)  # open, help accepted: stays
    CaseHistory.objects.create(debt_signal=other, at=night(D(2026, 1, 20)), action="created")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, using=None, robust=False: fn())
        run = records_purge(now=night(D(2026, 8, 1)))

    assert not ContactAttempt.objects.exists()
    assert list(CaseHistory.objects.values_list("debt_signal", flat=True)) == [other.pk]
    assert not CaseDocument.objects.exists()
    assert not default_storage.exists(stored)
    assert run.counts["policies"]["debt-signal-no-help"]["derived_rows"] == 3


def test_the_log_holds_no_personal_data_only_a_keyed_reference(published):
    signal = DebtSignalFactory(closed=True, name="Jan Jansen", bsn="111222333")
    public_id = signal.public_id
    run = records_purge(now=night(D(2026, 8, 1)))
    entry = DestructionLogEntry.objects.get(run=run)
    dumped = " ".join(str(value) for value in DestructionLogEntry.objects.values().get().values())
    dumped += str(RetentionRun.objects.values().get(pk=run.pk))
    dumped += str(list(RetentionStatistic.objects.values()))
    for personal in ("Jan Jansen", "111222333", str(public_id), "Akerstraat", "045-1234567"):
        assert personal not in dumped
    assert entry.references == record_reference(record_type="debt_signal", public_id=public_id)
    assert (entry.policy_code, entry.retention_period, entry.count) == (
        "debt-signal-no-help",
        "P6M",
        1,
    )
    assert entry.archiefactiedatum == signal.archiefactiedatum
    assert entry.destroyed_on == D(2026, 8, 1)


def test_anonymising_keeps_only_counts(published):
    _signals(2, signal_received_on=D(2026, 1, 15))
    DebtSignalFactory(
        outcome="arrears_resolved", closed_on=D(2026, 2, 1), signal_received_on=D(2026, 1, 20)
    )
    records_purge(now=night(D(2026, 8, 1)))
    residue = {
        (row.month, row.outcome, row.category): row.count
        for row in RetentionStatistic.objects.all()
    }
    assert residue == {
        (D(2026, 1, 1), "no_response", "landlord"): 2,
        (D(2026, 1, 1), "arrears_resolved", "landlord"): 1,
    }
    _signals(1, signal_received_on=D(2026, 1, 16))
    records_purge(now=night(D(2026, 8, 2)))
    assert RetentionStatistic.objects.get(outcome="no_response").count == 3


def test_a_run_killed_mid_batch_leaves_whole_records_and_the_next_run_finishes(
    published, monkeypatch
):
    signals = _signals(4)
    calls = {"n": 0}
    original = sql.statistics_upsert

    def die_on_second_batch(statistics):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("database restarted")
        original(statistics)

    monkeypatch.setattr(sql, "statistics_upsert", die_on_second_batch)
    with pytest.raises(ConnectionError):
        records_purge(now=night(D(2026, 8, 1)), batch_size=2)
    failed = RetentionRun.objects.get()
    assert failed.status == RetentionRun.Status.FAILED
    assert failed.error == "ConnectionError"
    assert failed.counts["policies"]["debt-signal-no-help"]["anonymised"] == 2  # committed only
    # the first batch is gone with its log line; the second is intact, log line and all
    remaining = DebtSignal.objects.order_by("pk")
    assert list(remaining.values_list("pk", flat=True)) == [s.pk for s in signals[2:]]
    assert all(s.name == "Jan Jansen" and s.bsn == "111222333" for s in remaining)
    assert sum(DestructionLogEntry.objects.values_list("count", flat=True)) == 2

    monkeypatch.setattr(sql, "statistics_upsert", original)
    run = records_purge(now=night(D(2026, 8, 1), minute=40), batch_size=2)
    assert run.status == RetentionRun.Status.SUCCEEDED
    assert not DebtSignal.objects.exists()
    references = "\n".join(DestructionLogEntry.objects.values_list("references", flat=True))
    assert sorted(references.split("\n")) == sorted(
        record_reference(record_type="debt_signal", public_id=s.public_id) for s in signals
    )


def test_a_run_left_running_by_a_dead_process_is_marked_failed(published):
    dead = RetentionRun.objects.create(started_at=night(D(2026, 7, 31)), today=D(2026, 7, 31))
    records_purge(now=night(D(2026, 8, 1)))
    dead.refresh_from_db()
    assert dead.status == RetentionRun.Status.FAILED
    assert dead.error == "interrupted"


@pytest.fixture
def dpo(django_user_model):
    user = django_user_model.objects.create_user("dpo", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="approve_destructionlist"))
    return django_user_model.objects.get(pk=user.pk)


def test_twenty_year_records_wait_for_the_dpo_then_go_with_a_statement(published, dpo):
    youth = YouthCaseFactory(ended=True, closed_on=D(2006, 6, 30))
    records_purge(now=night(D(2026, 7, 1)))
    youth.refresh_from_db()
    assert youth.retention_status == RetentionStatus.LISTED
    destruction_list = DestructionList.objects.get()
    assert destruction_list.status == DestructionList.Status.AWAITING_APPROVAL
    assert destruction_list.item_count == 1

    records_purge(now=night(D(2026, 7, 2)))  # not approved: nothing happens
    assert YouthCase.objects.filter(pk=youth.pk).exists()
    assert DestructionList.objects.count() == 1  # and it is not listed twice

    destruction_list_approve(destruction_list=destruction_list, user=dpo, now=night(D(2026, 7, 3)))
    run = records_purge(now=night(D(2026, 7, 4)))
    assert not YouthCase.objects.filter(pk=youth.pk).exists()
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionList.Status.DESTROYED
    assert not DestructionListItem.objects.exists()
    assert destruction_list.statement.name.endswith(".pdf")
    entry = DestructionLogEntry.objects.get(run=run)
    assert entry.destruction_list == destruction_list
    assert entry.action == "destroy"


def test_only_the_dpo_may_approve(published, django_user_model):
    from django.core.exceptions import PermissionDenied

    YouthCaseFactory(ended=True, closed_on=D(2006, 6, 30))
    records_purge(now=night(D(2026, 7, 1)))
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    with pytest.raises(PermissionDenied):
        destruction_list_approve(
            destruction_list=DestructionList.objects.get(), user=clerk, now=night(D(2026, 7, 1))
        )
    assert DestructionList.objects.get().status == DestructionList.Status.AWAITING_APPROVAL


def test_a_listed_record_put_on_hold_is_not_destroyed_by_the_approved_list(published, dpo):
    youth = YouthCaseFactory(ended=True, closed_on=D(2006, 6, 30))
    records_purge(now=night(D(2026, 7, 1)))
    youth.refresh_from_db()
    youth.legal_hold_reason, youth.legal_hold_since = "complaint", D(2026, 7, 2)
    youth.save()
    destruction_list_approve(
        destruction_list=DestructionList.objects.get(), user=dpo, now=night(D(2026, 7, 2))
    )
    records_purge(now=night(D(2026, 7, 3)))
    assert YouthCase.objects.filter(pk=youth.pk).exists()
    assert DestructionList.objects.get().status == DestructionList.Status.DESTROYED
    assert not DestructionListItem.objects.exists()


def _request(*, status="completed", closed_at=None, verified=True, received_at=None):
    received_at = received_at or dt.datetime(2025, 1, 1, 12, tzinfo=AMSTERDAM)
    return SubjectRequest.objects.create(
        reference=f"AVG-{SubjectRequest.objects.count() + 1:05d}",
        secret_hash="x" * 64,
        kind="access",
        domain="debt",
        status=status,
        received_at=received_at,
        due_date=received_at.date(),
        name="Piet Pietersen",
        email="piet@example.nl",
        email_index="i" * 64,
        verified_at=received_at if verified else None,
        closed_at=closed_at,
    )


def test_closed_requests_go_a_year_after_closing_and_open_ones_stay(published):
    closed = _request(closed_at=dt.datetime(2025, 8, 31, 23, 30, tzinfo=AMSTERDAM))
    Event.objects.create(request=closed, type="submitted", at=closed.received_at)
    open_request = _request(status="in_progress")
    records_purge(now=night(D(2026, 8, 31)))  # kept through 31 August 2026
    assert SubjectRequest.objects.filter(pk=closed.pk).exists()
    run = records_purge(now=night(D(2026, 9, 1)))
    assert not SubjectRequest.objects.filter(pk=closed.pk).exists()
    assert not Event.objects.filter(request_id=closed.pk).exists()
    assert SubjectRequest.objects.filter(pk=open_request.pk).exists()
    entry = DestructionLogEntry.objects.get(run=run)
    assert (entry.record_type, entry.policy_code, entry.count, entry.derived_rows) == (
        "subject_request",
        "privacy-requests",
        1,
        1,
    )


def test_the_nightly_run_also_removes_unverified_requests_and_expired_sessions(published):
    unverified = _request(status="received", verified=False)
    Session.objects.create(
        session_key="expired", session_data="", expire_date=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    Session.objects.create(
        session_key="current", session_data="", expire_date=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    )
    run = records_purge(now=dt.datetime.now(tz=dt.UTC))
    assert not SubjectRequest.objects.filter(pk=unverified.pk).exists()
    assert run.counts["requests_unverified"] == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["current"]


def test_the_destruction_statement_is_a_tagged_pdf_without_personal_data(published):
    from io import BytesIO

    from pypdf import PdfReader

    from retention.destruction_statement import statement_render

    _signals(3)
    run = records_purge(now=night(D(2026, 8, 1)))
    assert run.statement.name.endswith(".pdf")
    reader = PdfReader(BytesIO(statement_render(target=run, language="en")))
    text = " ".join(page.extract_text() for page in reader.pages)
    compact = "".join(text.split())  # table cells wrap
    assert "Destruction statement" in text
    assert "debt-signal-no-help" in compact
    assert "P6M" in compact
    assert "2026-07-16" in compact  # the destruction date of the records
    assert "Jan Jansen" not in text
    assert "111222333" not in text
    assert reader.trailer["/Root"].get("/MarkInfo", {}).get("/Marked")


def _last_day_kept(received, months):
    """An oracle written apart from retention.dates: the same date `months` later, or the
    last day of that month where the date does not exist (EU Regulation 1182/71 art. 3)."""
    import calendar

    month_index = received.month - 1 + months
    year, month = received.year + month_index // 12, month_index % 12 + 1
    return D(year, month, min(received.day, calendar.monthrange(year, month)[1]))


@given(
    received=st.dates(min_value=D(2026, 1, 1), max_value=D(2032, 12, 31)),
    offset=st.integers(min_value=-2, max_value=2),
    hour=st.sampled_from([0, 1, 3, 12, 23]),
)
@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_a_debt_signal_is_never_destroyed_a_day_early_nor_kept_a_day_late(
    published, monkeypatch, received, offset, hour
):
    monkeypatch.setattr(run_module, "statement_attach", lambda **kwargs: None)
    DebtSignal.objects.all().delete()
    signal = DebtSignalFactory(closed=True, signal_received_on=received, closed_on=received)
    run_day = _last_day_kept(received, 6) + dt.timedelta(days=1 + offset)
    records_purge(now=night(run_day, hour=hour, minute=15))
    survived = DebtSignal.objects.filter(pk=signal.pk).exists()
    assert survived == (offset < 0)


@given(public_ids=st.lists(st.uuids(), max_size=20))
def test_references_in_bulk_are_the_references_one_by_one(public_ids):
    from retention.purge import record_references

    expected = [record_reference(record_type="youth_case", public_id=p) for p in public_ids]
    assert record_references(record_type="youth_case", public_ids=public_ids) == "\n".join(expected)
