"""Drift is impossible (issue 14, item 2): a statement version whose retention rules no policy
enforces is not published; a system check, the nightly run, the operations page and /readyz
report any disagreement that arises otherwise. The review's H3 (v3.py) as it found it."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import OperationalError

from retention import checks
from retention.models import RetentionPolicy
from retention.purge import records_purge
from statements.models import Statement, StatementVersion
from statements.services import version_new_draft, version_problems, version_publish

from ..cases.factories import DebtSignalFactory

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
    assert "“youth-request-aborted”, but no policy enforces it" in out.getvalue()


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
    assert body["warnings"] == ["retention_drift", "retention_uncovered"]
    assert body["retention"]["uncovered"] == 1
    assert body["retention"]["drift"] == [
        "The statements promise P6M for “debt-arrears-resolved”, but no policy enforces it."
    ]
    relief.delete()
    RetentionPolicy.objects.filter(code="debt-arrears-resolved").update(active=True)
    records_purge(now=dt.datetime.now(tz=AMSTERDAM))
    assert client.get("/readyz").json()["warnings"] == []


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
    assert "but no policy enforces it" in response.content.decode()
    page = client.get("/en/beheer/retention/retentionrun/operations/").content.decode()
    assert "The statements promise P6W for “youth-request-aborted”" in page
