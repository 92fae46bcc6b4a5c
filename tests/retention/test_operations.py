"""Published = enforced, and what operators see: readyz, the command, the beat entry, the
admin operations page."""

import datetime as dt
import threading

import pytest
from celery.schedules import crontab
from django import db
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from cases.models import DebtSignal
from heerlen_privacy.health import retention_report
from retention.models import DestructionList, RetentionPolicy, RetentionRun
from retention.purge import records_purge
from retention.rules import published_enforced_problems, published_rules
from statements.models import RetentionRule
from tests.cases.factories import DebtSignalFactory, YouthCaseFactory
from tests.conftest import otp_login

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 28)


def test_every_published_period_is_enforced_and_every_policy_published(published):
    assert published_enforced_problems(today=TODAY) == []
    rules = published_rules(today=TODAY)
    for policy in RetentionPolicy.objects.active():
        assert rules[policy.code].period  # enforced with the published period


def test_a_promise_no_policy_enforces_fails_the_check(published):
    RetentionPolicy.objects.filter(code="youth-request-aborted").update(active=False)
    assert published_enforced_problems(today=TODAY) == [
        "The statements promise P6W for “youth-request-aborted”, but nothing enforces it."
    ]


def test_a_policy_no_statement_publishes_fails_the_check(published):
    RetentionPolicy.objects.create(
        code="debt-unpublished", record_type="debt_signal", outcomes=["debt_relief"]
    )
    assert published_enforced_problems(today=TODAY) == [
        "Policy “debt-unpublished” enforces a period that no statement in force publishes."
    ]


def test_the_period_enforced_is_the_period_the_statement_shows(client, published):
    page = client.get("/en/vroegsignalering-schulden/").content.decode()
    signal = DebtSignalFactory(closed=True)
    rules = RetentionRule.objects.filter(code=signal.retention_policy_code)
    rule = rules.order_by("-version__number").first()  # the version in force
    assert signal.retention_period == rule.period == "P6M"
    assert "6 months" in page


def test_readyz_reports_a_retention_run_older_than_26_hours(client, published):
    now = timezone.now()
    assert retention_report(now=now)["status"] == "stale"  # never ran
    RetentionRun.objects.create(
        started_at=now - dt.timedelta(hours=27), today=TODAY, status="succeeded"
    )
    assert retention_report(now=now)["status"] == "stale"
    RetentionRun.objects.create(
        started_at=now - dt.timedelta(hours=25), today=TODAY, status="failed"
    )
    body = client.get("/readyz").json()
    # (the beat's heartbeat has its own warning: tests/heerlen_privacy/test_health.py)
    assert body["retention"]["status"] == "stale"
    assert "retention" in body["warnings"]
    RetentionRun.objects.create(
        started_at=now - dt.timedelta(hours=25), today=TODAY, status="succeeded"
    )
    body = client.get("/readyz").json()
    assert body["retention"]["status"] == "ok"
    assert "retention" not in body["warnings"]


def test_the_nightly_run_is_scheduled_outside_the_daylight_saving_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["retention-run-nightly"]
    assert entry["task"] == "retention.tasks.retention_run_nightly"
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.hour == {1}
    assert schedule.minute == {30}
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"


def test_the_task_runs_the_purge(published):
    from retention.tasks import retention_run_nightly

    DebtSignalFactory(closed=True, signal_received_on=dt.date(2020, 1, 1))
    retention_run_nightly.delay()
    assert RetentionRun.objects.get().status == "succeeded"
    assert not DebtSignal.objects.exists()


def test_the_command_shows_progress_and_a_dry_run_changes_nothing(published, capsys):
    DebtSignalFactory(closed=True, signal_received_on=dt.date(2020, 1, 1))
    call_command("purge_expired", "--dry-run")
    out = capsys.readouterr().out
    assert "Dry run" in out
    assert "debt-signal-no-help: due 1" in out
    assert DebtSignal.objects.count() == 1
    call_command("purge_expired", "--batch-size", "10")
    out = capsys.readouterr().out
    assert "debt_signal: 1 destroyed in a batch" in out
    assert "debt-signal-no-help: anonymised 1" in out
    assert not DebtSignal.objects.exists()


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("ops", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_retentionrun"))
    return user


def test_the_operations_page_shows_runs_what_is_due_and_lists_awaiting(client, published, staff):
    today = timezone.localdate()
    DebtSignalFactory(closed=True, signal_received_on=today - dt.timedelta(days=170))
    YouthCaseFactory(ended=True, closed_on=dt.date(2000, 1, 1))
    records_purge(now=timezone.now())
    DebtSignalFactory(closed=True, signal_received_on=today - dt.timedelta(days=175))
    otp_login(client, staff)
    response = client.get("/en/beheer/retention/retentionrun/operations/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Last runs" in page
    assert "Succeeded".lower() in page.lower()
    assert "debt-signal-no-help" in page
    assert "youth-assistance-records" in page
    assert "View the list" in page
    assert "Jan Jansen" not in page


def test_the_dpo_approves_a_list_from_the_operations_page(client, published, staff):
    YouthCaseFactory(ended=True, closed_on=dt.date(2000, 1, 1))
    records_purge(now=timezone.now())
    destruction_list = DestructionList.objects.get()
    otp_login(client, staff)
    url = f"/en/beheer/retention/retentionrun/operations/approve/{destruction_list.pk}/"
    assert client.post(url).status_code == 403
    destruction_list.refresh_from_db()
    assert destruction_list.status == "awaiting_approval"
    staff.user_permissions.add(Permission.objects.get(codename="approve_destructionlist"))
    client.post(url)
    destruction_list.refresh_from_db()
    assert destruction_list.status == "approved"
    assert destruction_list.approved_by == staff


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_destroy_each_record_once(published, monkeypatch):
    """Two runs in two connections, with the run lock bypassed so only the per-record claim
    (FOR UPDATE SKIP LOCKED) stands between them."""
    import contextlib

    from retention.models import DestructionLogEntry
    from retention.purge import run as run_module

    signals = [DebtSignalFactory(closed=True) for _ in range(60)]

    @contextlib.contextmanager
    def no_lock():
        yield True

    monkeypatch.setattr(run_module, "run_lock", no_lock)
    barrier = threading.Barrier(2)
    errors = []

    def run(minute):
        try:
            barrier.wait()
            records_purge(now=timezone.make_aware(dt.datetime(2026, 8, 1, 1, minute)), batch_size=5)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(m,)) for m in (30, 31)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert not DebtSignal.objects.exists()
    references = "\n".join(DestructionLogEntry.objects.values_list("references", flat=True))
    assert len(references.split("\n")) == len(signals) == len(set(references.split("\n")))
    counted = sum(
        run.counts["policies"].get("debt-signal-no-help", {}).get("anonymised", 0)
        for run in RetentionRun.objects.all()
    )
    assert counted == len(signals)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_second_run_is_kept_out_by_the_advisory_lock(published):
    from retention.purge import RUN_LOCK_KEY

    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [RUN_LOCK_KEY])
        run = records_purge(now=timezone.now())
        assert run.status == RetentionRun.Status.SKIPPED
        # Unlock before closing: a closed session's locks are released by the server a moment
        # later, which a busy machine turns into a flaky next assertion.
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [RUN_LOCK_KEY])
    finally:
        other.close()
    assert connection.vendor == "postgresql"
    assert records_purge(now=timezone.now()).status == RetentionRun.Status.SUCCEEDED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_database_restart_mid_run_loses_one_batch_and_the_next_run_finishes(
    published, monkeypatch
):
    """The run's own database connection is killed between two statements of a batch, as a
    restart would: that batch rolls back whole, and the next run destroys the rest."""
    from retention.models import DestructionLogEntry
    from retention.purge import sql

    signals = [DebtSignalFactory(closed=True) for _ in range(6)]
    original = sql.statistics_upsert
    calls = {"n": 0}

    def restart_on_second_batch(statistics):
        calls["n"] += 1
        if calls["n"] == 2:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            other = connections.create_connection("default")
            try:
                with other.cursor() as cursor:
                    cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            finally:
                other.close()
        original(statistics)

    monkeypatch.setattr(sql, "statistics_upsert", restart_on_second_batch)
    with pytest.raises(db.Error):  # the lost connection, as Django reports it
        records_purge(now=timezone.make_aware(dt.datetime(2026, 8, 1, 1, 30)), batch_size=2)
    connection.close()
    remaining = list(DebtSignal.objects.order_by("pk").values_list("pk", flat=True))
    assert remaining == [s.pk for s in signals[2:]]  # batch 1 done, batch 2 rolled back whole
    assert sum(DestructionLogEntry.objects.values_list("count", flat=True)) == 2

    monkeypatch.setattr(sql, "statistics_upsert", original)
    run = records_purge(now=timezone.make_aware(dt.datetime(2026, 8, 1, 2, 30)), batch_size=2)
    assert run.status == RetentionRun.Status.SUCCEEDED
    assert not DebtSignal.objects.exists()
    # the failed run is on record: by itself once reconnected, or marked by the next run
    assert RetentionRun.objects.filter(status=RetentionRun.Status.FAILED).count() == 1
    assert sum(DestructionLogEntry.objects.values_list("count", flat=True)) == 6


def test_the_dpo_role_oversees_retention_and_the_auditor_only_reads(client, published):
    from requests_app import roles
    from tests.requests_app.factories import staff as staff_in

    YouthCaseFactory(ended=True, closed_on=dt.date(2000, 1, 1))
    records_purge(now=timezone.now())
    destruction_list = DestructionList.objects.get()
    approve = f"/en/beheer/retention/retentionrun/operations/approve/{destruction_list.pk}/"

    auditor = staff_in(roles.AUDITOR)
    otp_login(client, auditor)
    assert client.get("/en/beheer/retention/retentionrun/operations/").status_code == 200
    assert client.get("/en/beheer/retention/destructionlogentry/").status_code == 200
    assert client.post(approve).status_code == 403
    assert client.get("/en/beheer/cases/youthcase/").status_code == 403  # no case contents

    dpo = staff_in(roles.DPO)
    otp_login(client, dpo)
    assert client.get("/en/beheer/retention/retentionrun/operations/").status_code == 200
    client.post(approve)
    destruction_list.refresh_from_db()
    assert destruction_list.status == "approved"
    assert destruction_list.approved_by == dpo


def test_the_operations_page_survives_a_leap_day(published):
    from retention.admin import _due_per_policy

    YouthCaseFactory(aborted=True)  # due long before 2028
    due = _due_per_policy(today=dt.date(2028, 2, 29))  # 29 February in year 1 does not exist
    assert sum(counts[0] for counts in dict(due).values()) == 1
