"""Drift is impossible (issue 14, item 2): a statement version whose retention rules no policy
enforces is not published; a system check, the nightly run, the operations page and /readyz
report any disagreement that arises otherwise; a shorter period reaches the records already
closed when it comes into force, a longer one only the records closed after it. The review's
H3 (v3.py) and M1 (v2.py) as it found them."""

import datetime as dt
from io import StringIO
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import OperationalError
from hypothesis import given
from hypothesis import strategies as st

from cases.models import DebtSignal, YouthCase
from requests_app.models import SubjectRequest
from retention import checks
from retention.dates import destruction_date
from retention.models import RetentionPolicy, RetentionStatus
from retention.purge import records_purge
from retention.rules import record_adopt_shorter_rule, records_follow_rules
from statements.models import Statement, StatementVersion
from statements.services import version_new_draft, version_problems, version_publish
from tests.cases.factories import DebtSignalFactory, YouthCaseFactory

D = dt.date
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def no_pdf(monkeypatch):
    from retention.purge import run as run_module

    monkeypatch.setattr(run_module, "statement_attach", lambda **kwargs: None)


def night(day, hour=0, minute=0, second=30):
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=AMSTERDAM)


def _draft(slug, *, effective, **periods):
    """A new draft of a statement, effective on `effective`, with other periods by code."""
    current = Statement.objects.get(slug=slug).versions.published().order_by("-number").first()
    draft = version_new_draft(source=current)
    draft.effective_date = effective
    draft.change_summary_nl, draft.change_summary_en = "Andere termijn", "Another period"
    draft.save()
    for code, period in periods.items():
        draft.retention_rules.filter(code=code.replace("_", "-")).update(period=period)
    return draft


def _publish(draft, *, on):
    return version_publish(version=draft, user=None, now=night(on, hour=9))


# --- publishing refuses drift --------------------------------------------------------------


def test_a_renamed_rule_code_is_not_published_and_both_codes_are_named(published):
    """Review H3, step 1: youth v2 with youth-request-aborted renamed, the same P6W, was
    published, and every later abort was kept for ever."""
    draft = _draft("toegang-jeugdhulp", effective=D(2026, 12, 1))
    draft.retention_rules.filter(code="youth-request-aborted").update(code="youth-request-stopped")
    with pytest.raises(ValidationError) as refused:
        _publish(draft, on=D(2026, 12, 1))
    assert refused.value.messages == [
        "Retention rule “youth-request-stopped” has no active retention policy to enforce it: "
        "keep the code of the rule it replaces, or have a policy with this code made first.",
        "Policy “youth-request-aborted” enforces rule “youth-request-aborted”, which this "
        "version no longer publishes: keep the rule, or have the policy deactivated first.",
    ]
    draft.refresh_from_db()
    assert draft.status == StatementVersion.Status.DRAFT
    # The admin shows the same problems before anyone presses "publish".
    assert len(version_problems(draft, today=D(2026, 12, 1))) == 2


def test_a_rule_whose_policy_was_deactivated_is_not_published_again(published):
    """Review H3, step 2: the policy debt-arrears-resolved deactivated."""
    RetentionPolicy.objects.filter(code="debt-arrears-resolved").update(active=False)
    draft = _draft("vroegsignalering-schulden", effective=D(2026, 12, 1))
    with pytest.raises(ValidationError, match="“debt-arrears-resolved” has no active"):
        _publish(draft, on=D(2026, 12, 1))


def test_a_rule_is_dropped_once_its_policy_is_deactivated(published):
    draft = _draft("vroegsignalering-schulden", effective=D(2026, 12, 1))
    draft.retention_rules.filter(code="debt-arrears-resolved").delete()
    with pytest.raises(ValidationError, match="Policy “debt-arrears-resolved” enforces"):
        _publish(draft, on=D(2026, 12, 1))
    RetentionPolicy.objects.filter(code="debt-arrears-resolved").update(active=False)
    assert _publish(draft, on=D(2026, 12, 1)).number == 2


def test_a_version_that_keeps_every_code_is_published(published):
    draft = _draft("toegang-jeugdhulp", effective=D(2026, 12, 1), youth_request_aborted="P8W")
    assert _publish(draft, on=D(2026, 12, 1)).number == 2


# --- the system check ----------------------------------------------------------------------


def test_the_system_check_reports_drift_on_the_database(published):
    out = StringIO()
    call_command("check", "--database", "default", stdout=out)
    assert "retention.W001" not in out.getvalue()
    RetentionPolicy.objects.filter(code="youth-request-aborted").update(active=False)
    call_command("check", "--database", "default", stdout=out, stderr=out)
    assert "retention.W001" in out.getvalue()
    assert "“youth-request-aborted”, but nothing enforces it" in out.getvalue()


@pytest.mark.django_db(databases=[])
def test_the_system_check_needs_no_database_without_one():
    # Any database access here would raise: `check --deploy` runs without a database.
    assert checks.check_published_enforced(None) == []
    assert checks.check_published_enforced(None, databases=None) == []


def test_the_system_check_reports_nothing_before_the_tables_exist(monkeypatch):
    def no_tables(**kwargs):
        raise OperationalError("no such table: retention_retentionpolicy")

    monkeypatch.setattr("retention.rules.published_enforced_problems", no_tables)
    assert checks.check_published_enforced(None, databases=["default"]) == []


# --- the run, the operations page and /readyz ---------------------------------------------


def test_the_run_and_readyz_report_drift_and_records_without_a_policy(client, published, no_pdf):
    relief = DebtSignalFactory(outcome="debt_relief", closed_on=D(2026, 3, 1))
    RetentionPolicy.objects.filter(code="debt-arrears-resolved").update(active=False)
    run = records_purge(now=dt.datetime.now(tz=AMSTERDAM))
    assert (run.counts["uncovered"], run.counts["drift"]) == (1, 1)
    body = client.get("/readyz").json()
    assert body["status"] == "ok"  # a warning for the operator, not an outage for residents
    # (the beat's heartbeat, watched where a broker is set, has its own warning)
    retention = [w for w in body["warnings"] if w.startswith("retention")]
    assert retention == ["retention_drift", "retention_uncovered"]
    assert body["retention"]["uncovered"] == 1
    assert body["retention"]["drift"] == [
        "The statements promise P6M for “debt-arrears-resolved”, but nothing enforces it."
    ]
    relief.delete()
    RetentionPolicy.objects.filter(code="debt-arrears-resolved").update(active=True)
    records_purge(now=dt.datetime.now(tz=AMSTERDAM))
    assert [w for w in client.get("/readyz").json()["warnings"] if w != "beat"] == []


def test_the_operations_page_lists_drift_and_the_policy_admin_warns(client, published, admin_user):
    from tests.conftest import otp_login

    otp_login(client, admin_user)
    page = client.get("/en/beheer/retention/retentionrun/operations/").content.decode()
    assert "Every retention period the statements in force publish is enforced" in page
    policy = RetentionPolicy.objects.get(code="youth-request-aborted")
    response = client.post(
        f"/en/beheer/retention/retentionpolicy/{policy.pk}/change/",
        {
            "code": policy.code,
            "record_type": policy.record_type,
            "outcomes": '["aborted", "inadmissible"]',
            "action": policy.action,
        },
        follow=True,
    )
    assert "but nothing enforces it" in response.content.decode()
    page = client.get("/en/beheer/retention/retentionrun/operations/").content.decode()
    assert "The statements promise P6W for “youth-request-aborted”" in page


# --- a shorter period reaches closed records; a longer one only new closures ---------------


def test_publishing_a_shorter_period_recomputes_closed_records_at_once(
    published, django_capture_on_commit_callbacks
):
    """Review M1 (v2.py): debt v2 with 3 months, effective 1 December 2026. A signal of 15
    August closed on 30 November kept its 6 months (D 16 February 2027)."""
    signal = DebtSignalFactory(
        signal_received_on=D(2026, 8, 15), arrears_since=D(2026, 8, 1), closed=True
    )
    signal.closed_on = D(2026, 11, 30)
    signal.save()
    assert signal.archiefactiedatum == D(2027, 2, 16)
    held = DebtSignalFactory(
        signal_received_on=D(2026, 8, 15),
        closed=True,
        legal_hold_reason="litigation",
        legal_hold_since=D(2026, 9, 1),
    )
    draft = _draft("vroegsignalering-schulden", effective=D(2026, 12, 1), debt_signal_no_help="P3M")
    with django_capture_on_commit_callbacks(execute=True):
        _publish(draft, on=D(2026, 12, 1))
    signal.refresh_from_db()
    held.refresh_from_db()
    assert (signal.retention_period, signal.archiefactiedatum) == ("P3M", D(2026, 11, 16))
    assert (held.retention_status, held.archiefactiedatum) == (
        RetentionStatus.ON_HOLD,
        D(2026, 11, 16),
    )


def test_a_backdated_closing_does_not_pick_the_longer_old_period(published):
    """Review M1: closed on 1 December with closed_on 30 November, under v1, got D 16 February
    2027 while the page said 3 months."""
    draft = _draft("vroegsignalering-schulden", effective=D(2026, 12, 1), debt_signal_no_help="P3M")
    _publish(draft, on=D(2026, 12, 1))
    signal = DebtSignalFactory(
        signal_received_on=D(2026, 8, 15),
        offer=DebtSignal.Offer.ACCEPTED,  # open, kept, until it is closed below
    )
    signal.offer, signal.outcome, signal.closed_on = "declined", "offer_declined", D(2026, 11, 30)
    signal.save()
    assert (signal.retention_period, signal.archiefactiedatum) == ("P3M", D(2026, 11, 16))


@pytest.mark.parametrize(("offset", "kept"), [(-1, True), (0, False), (1, False)])
def test_a_shorter_period_in_force_destroys_on_its_own_date(published, no_pdf, offset, kept):
    # Signal 31 January, closed under 6 months (D 1 August). Three months, in force from
    # 1 March: 30 April is the last day kept (no 31 April), destroyed from 1 May.
    signal = DebtSignalFactory(signal_received_on=D(2026, 1, 31), arrears_since=D(2026, 1, 1))
    signal.outcome, signal.closed_on = "no_response", D(2026, 2, 15)
    signal.save()
    assert signal.archiefactiedatum == D(2026, 8, 1)
    draft = _draft("vroegsignalering-schulden", effective=D(2026, 3, 1), debt_signal_no_help="P3M")
    _publish(draft, on=D(2026, 3, 1))
    records_purge(now=night(D(2026, 5, 1) + dt.timedelta(days=offset)))
    assert DebtSignal.objects.filter(pk=signal.pk).exists() is kept


def test_a_shorter_period_not_yet_in_force_changes_nothing_until_its_day(published, no_pdf):
    signal = DebtSignalFactory(signal_received_on=D(2026, 1, 31), closed=True)
    draft = _draft("vroegsignalering-schulden", effective=D(2026, 6, 1), debt_signal_no_help="P3M")
    _publish(draft, on=D(2026, 3, 1))
    assert records_follow_rules(today=D(2026, 5, 31)) == {"shortened": 0, "covered": 0}
    records_purge(now=night(D(2026, 5, 31)))  # due under 3 months, but 6 months are in force
    assert DebtSignal.objects.filter(pk=signal.pk).exists()
    records_purge(now=night(D(2026, 6, 1)))  # the first night of the shorter period
    assert not DebtSignal.objects.filter(pk=signal.pk).exists()


@pytest.mark.parametrize(("offset", "kept"), [(-1, True), (0, False), (1, False)])
def test_a_longer_period_applies_only_to_records_closed_after_it(published, no_pdf, offset, kept):
    before = DebtSignalFactory(signal_received_on=D(2026, 1, 31), closed=True)  # under 6 months
    draft = _draft("vroegsignalering-schulden", effective=D(2026, 3, 1), debt_signal_no_help="P9M")
    _publish(draft, on=D(2026, 3, 1))
    assert records_follow_rules(today=D(2026, 3, 1))["shortened"] == 0
    after = DebtSignalFactory(signal_received_on=D(2026, 1, 31), arrears_since=D(2026, 1, 1))
    after.outcome, after.closed_on = "no_response", D(2026, 3, 2)
    after.save()
    assert (before.retention_period, before.archiefactiedatum) == ("P6M", D(2026, 8, 1))
    assert (after.retention_period, after.archiefactiedatum) == ("P9M", D(2026, 11, 1))
    records_purge(now=night(D(2026, 8, 1) + dt.timedelta(days=offset)))
    assert DebtSignal.objects.filter(pk=before.pk).exists() is kept
    assert DebtSignal.objects.filter(pk=after.pk).exists()
    records_purge(now=night(D(2026, 11, 1) + dt.timedelta(days=offset)))
    assert DebtSignal.objects.filter(pk=after.pk).exists() is kept


def test_a_listed_record_stays_on_its_list_when_a_period_shortens(published, no_pdf):
    youth = YouthCaseFactory(ended=True, closed_on=D(2006, 6, 30))
    records_purge(now=night(D(2026, 7, 1)))
    youth.refresh_from_db()
    assert youth.retention_status == RetentionStatus.LISTED
    draft = _draft("toegang-jeugdhulp", effective=D(2026, 8, 1), youth_assistance_records="P15Y")
    _publish(draft, on=D(2026, 8, 1))
    records_follow_rules(today=D(2026, 8, 1))
    youth.refresh_from_db()
    assert (youth.retention_status, youth.retention_period) == (RetentionStatus.LISTED, "P20Y")
    assert not YouthCase.objects.filter(retention_status=RetentionStatus.SCHEDULED).exists()


def _request(closed_on):
    closed_at = dt.datetime(closed_on.year, closed_on.month, closed_on.day, 12, tzinfo=AMSTERDAM)
    return SubjectRequest.objects.create(
        reference=f"AVG-{SubjectRequest.objects.count() + 1:05d}",
        secret_hash="x" * 64,
        kind="access",
        domain="debt",
        status="completed",
        received_at=closed_at - dt.timedelta(days=20),
        due_date=closed_on,
        name="Piet Pietersen",
        email="piet@example.nl",
        email_index="i" * 64,
        verified_at=closed_at - dt.timedelta(days=20),
        closed_at=closed_at,
    )


def _exists(request):
    return SubjectRequest.objects.filter(pk=request.pk).exists()


@pytest.mark.parametrize(("offset", "kept"), [(-1, True), (0, False), (1, False)])
def test_requests_keep_the_period_in_force_at_closing_when_a_longer_one_comes(
    published, no_pdf, offset, kept
):
    """Review M7: a request closed under one year was no longer due once two years were
    published: the promise made at closing was extended retroactively."""
    before = _request(D(2025, 11, 15))  # before the first statement (1 January): 1 year
    draft = _draft("algemeen", effective=D(2026, 2, 1), privacy_requests="P2Y")
    _publish(draft, on=D(2026, 2, 1))
    after = _request(D(2026, 2, 15))
    records_purge(now=night(D(2026, 11, 16) + dt.timedelta(days=offset)))
    assert _exists(before) is kept
    assert _exists(after)
    records_purge(now=night(D(2028, 2, 16) + dt.timedelta(days=offset)))
    assert _exists(after) is kept


def test_requests_closed_before_a_shorter_period_go_under_it(published, no_pdf):
    request = _request(D(2026, 1, 15))
    draft = _draft("algemeen", effective=D(2026, 3, 1), privacy_requests="P6M")
    _publish(draft, on=D(2026, 3, 1))
    records_purge(now=night(D(2026, 7, 15)))
    assert _exists(request)
    records_purge(now=night(D(2026, 7, 16)))
    assert not _exists(request)


PERIODS = ["P28D", "P4W", "P1M", "P6W", "P2M", "P3M", "P6M", "P9M", "P1Y", "P2Y", "P20Y"]


@given(
    signal=st.dates(min_value=D(2024, 1, 1), max_value=D(2040, 12, 31)),
    old=st.sampled_from(PERIODS),
    new=st.sampled_from(PERIODS),
)
def test_a_new_rule_gives_a_record_the_earlier_date_never_a_later_one(signal, old, new):
    """Whatever the two periods (months of 28 to 31 days against weeks and days), the record
    ends with the earlier of the two destruction dates."""
    record = DebtSignal(signal_received_on=signal, closed_on=signal, outcome="no_response")
    record.retention_period, record.retention_clock_start = old, "signal_received"
    rule = SimpleNamespace(period=new, clock_start="signal_received")
    changed = record_adopt_shorter_rule(record, rule)
    by_old = destruction_date(brondatum=signal, period=old)
    by_new = destruction_date(brondatum=signal, period=new)
    assert destruction_date(brondatum=signal, period=record.retention_period) == min(by_old, by_new)
    assert changed == (by_new < by_old)


def test_a_broker_that_is_down_does_not_undo_a_publishing(
    published, monkeypatch, django_capture_on_commit_callbacks
):
    from retention import tasks

    def broker_down():
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.retention_follow_rules, "delay", broker_down)
    draft = _draft("vroegsignalering-schulden", effective=D(2026, 12, 1), debt_signal_no_help="P3M")
    with django_capture_on_commit_callbacks(execute=True):
        version = _publish(draft, on=D(2026, 12, 1))
    assert StatementVersion.objects.get(pk=version.pk).is_published


# --- periods the portal enforces itself (requests_app/retained.py; issue 12, item 4) -------


def test_a_version_that_changes_a_period_set_in_code_is_not_published(published):
    draft = _draft("algemeen", effective=D(2026, 12, 1), privacy_requests_unconfirmed="P3W")
    with pytest.raises(ValidationError) as refused:
        _publish(draft, on=D(2026, 12, 1))
    assert refused.value.messages == [
        "Retention rule “privacy-requests-unconfirmed” says P3W, but the portal enforces P2W; "
        "that period is set in the portal's code, not in a statement."
    ]


def test_a_version_that_drops_a_period_set_in_code_is_not_published(published):
    draft = _draft("algemeen", effective=D(2026, 12, 1))
    draft.retention_rules.filter(code="privacy-status-link").delete()
    with pytest.raises(ValidationError, match="“privacy-status-link”, which this version no"):
        _publish(draft, on=D(2026, 12, 1))


def test_a_period_enforced_but_not_published_and_the_reverse_are_reported(published, monkeypatch):
    from retention import registry
    from retention.rules import published_enforced_problems

    assert published_enforced_problems(today=D(2026, 12, 1)) == []
    enforced = registry.enforced_periods()
    monkeypatch.setattr(
        registry, "_enforced", {**enforced, "privacy-answer-files": "P6W", "new-limit": "P1W"}
    )
    assert published_enforced_problems(today=D(2026, 12, 1)) == [
        "The portal enforces P1W for “new-limit”, but no statement in force publishes it.",
        "The statements promise P8W for “privacy-answer-files”, but the portal enforces P6W.",
    ]
    del enforced["privacy-status-link"]
    monkeypatch.setattr(registry, "_enforced", enforced)
    assert published_enforced_problems(today=D(2026, 12, 1)) == [
        "The statements promise P8W for “privacy-status-link”, but nothing enforces it."
    ]
