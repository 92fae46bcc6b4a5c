"""Youth requests: retention counted from the event the statement names (issue 14, item 1).

An aborted or inadmissible request goes 6 weeks after the closing that ends it, whatever
decisions came before or were posted after; a decision is never dated before the request; a
refused request is kept 20 years, like every youth assistance record, and the statement says
so. Each rule on the day before, the day of and the day after its date; the review's defects
(H2, M2) as it found them, through the intake API."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases.models import YouthCase
from retention.models import RetentionStatus
from retention.purge import records_purge
from statements.models import RetentionRule

from .factories import YouthCaseFactory
from .helpers import exists, night, post

D = dt.date
SIX_WEEKS = dt.timedelta(weeks=6)
pytestmark = pytest.mark.django_db


def _youth_case(client, token, received):
    body = {
        "external_reference": "JZ-2026-0042",
        "request_received_on": received,
        "youth_name": "Sanne de Vries",
    }
    response = post(client, "/youth-cases/", body, token)
    assert response.status_code == 201, response.content
    return response.json()["public_id"]


def test_a_grant_before_the_abort_does_not_shorten_the_six_weeks(client, published, youth_token):
    """Review H2: granted 15 August, aborted 20 November; the 6 weeks counted from the grant
    gave 27 September, already past. Published: 6 weeks from the abort, 2 January."""
    public_id = _youth_case(client, youth_token, "2026-08-01")
    decided = post(
        client,
        f"/youth-cases/{public_id}/decision/",
        {"decision": "granted", "decision_on": "2026-08-15"},
        youth_token,
    )
    assert decided.status_code == 200, decided.content
    closed = post(
        client,
        f"/youth-cases/{public_id}/closure/",
        {"outcome": "aborted", "closed_on": "2026-11-20"},
        youth_token,
    )
    assert closed.status_code == 200, closed.content
    assert closed.json()["destruction_date"] == "2027-01-02"


def test_a_decision_posted_after_closing_does_not_move_the_date(client, published, youth_token):
    """Review H2, variant: closed as aborted on 30 November (D 12 January), then an
    inadmissibility decision of 2 September posted: D became 15 October. It stays."""
    public_id = _youth_case(client, youth_token, "2026-08-01")
    closed = post(
        client,
        f"/youth-cases/{public_id}/closure/",
        {"outcome": "aborted", "closed_on": "2026-11-30"},
        youth_token,
    )
    assert closed.json()["destruction_date"] == "2027-01-12"
    decided = post(
        client,
        f"/youth-cases/{public_id}/decision/",
        {"decision": "inadmissible", "decision_on": "2026-09-02"},
        youth_token,
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["destruction_date"] == "2027-01-12"
    case = YouthCase.objects.get(public_id=public_id)
    assert (case.startdatum_bewaartermijn, case.archiefactiedatum) == (
        D(2026, 11, 30),
        D(2027, 1, 12),
    )


def test_an_inadmissible_request_counts_from_the_closing_that_declares_it(published):
    # Decision 21 October, closed 28 October: never earlier than closing + 6 weeks.
    case = YouthCaseFactory(
        request_received_on=D(2026, 10, 1),
        decision=YouthCase.Decision.INADMISSIBLE,
        decision_on=D(2026, 10, 21),
        outcome=YouthCase.Outcome.INADMISSIBLE,
        closed_on=D(2026, 10, 28),
    )
    assert case.startdatum_bewaartermijn == D(2026, 10, 28)
    assert case.archiefactiedatum == D(2026, 12, 10)  # 28 Oct + 42 days = 9 Dec, kept


@pytest.mark.parametrize(
    ("decision_on", "status"),
    [("2026-07-31", 400), ("2026-08-01", 200), ("2026-08-02", 200)],
)
def test_a_decision_cannot_be_dated_before_the_request_was_received(
    client, published, youth_token, decision_on, status
):
    public_id = _youth_case(client, youth_token, "2026-08-01")
    response = post(
        client,
        f"/youth-cases/{public_id}/decision/",
        {"decision": "refused", "decision_on": decision_on},
        youth_token,
    )
    assert response.status_code == status, response.content
    if status == 400:
        assert set(response.json()) == {"decision_on"}
        assert YouthCase.objects.get(public_id=public_id).decision_on is None


@given(
    received=st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31)),
    open_days=st.integers(min_value=0, max_value=400),
    decisions=st.lists(
        st.tuples(
            st.sampled_from(YouthCase.Decision.values),
            st.integers(min_value=0, max_value=500),
            st.booleans(),  # posted after the closing?
        ),
        max_size=3,
    ),
    outcome=st.sampled_from([YouthCase.Outcome.ABORTED, YouthCase.Outcome.INADMISSIBLE]),
)
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_whatever_decisions_an_ended_request_goes_six_weeks_after_its_closing(
    published, received, open_days, decisions, outcome
):
    closed_on = received + dt.timedelta(days=open_days)
    case = YouthCaseFactory(request_received_on=received)
    for decision, days, after_closing in decisions:
        if after_closing and not case.is_closed:
            case.outcome, case.closed_on = outcome, closed_on
        case.decision, case.decision_on = decision, received + dt.timedelta(days=days)
        case.full_clean()
        case.save()
    case.outcome, case.closed_on = outcome, closed_on
    case.save()
    case.refresh_from_db()
    assert case.startdatum_bewaartermijn == closed_on
    assert case.archiefactiedatum == closed_on + SIX_WEEKS + dt.timedelta(days=1)


@pytest.mark.parametrize(("offset", "kept"), [(-1, True), (0, False), (1, False)])
@pytest.mark.parametrize("outcome", [YouthCase.Outcome.ABORTED, YouthCase.Outcome.INADMISSIBLE])
def test_an_ended_request_goes_on_its_date_not_the_day_before(
    published, no_pdf, outcome, offset, kept
):
    # Granted in February, ended on 29 February 2028 (a leap day): kept through 11 April.
    case = YouthCaseFactory(
        request_received_on=D(2028, 1, 10),
        decision=YouthCase.Decision.GRANTED,
        decision_on=D(2028, 2, 1),
        outcome=outcome,
        closed_on=D(2028, 2, 29),
    )
    assert case.archiefactiedatum == D(2028, 4, 12)
    records_purge(now=night(D(2028, 4, 12) + dt.timedelta(days=offset)))
    assert exists(case) is kept


def test_the_day_before_at_one_minute_to_midnight_the_request_is_still_there(published, no_pdf):
    case = YouthCaseFactory(aborted=True, decision_on=D(2026, 2, 10), closed_on=D(2026, 2, 12))
    records_purge(now=night(D(2026, 3, 26), hour=23, minute=59, second=0))
    assert exists(case)
    records_purge(now=night(D(2026, 3, 27)))
    assert not exists(case)


# --- youth: refused requests, 20 years -----------------------------------------------------


def test_a_refused_request_is_kept_twenty_years_from_its_closing_and_needs_approval(published):
    """Review M2: a refused request fell under no policy and was kept for ever."""
    case = YouthCaseFactory(
        decision=YouthCase.Decision.REFUSED,
        decision_on=D(2026, 2, 1),
        outcome=YouthCase.Outcome.REFUSED,
        closed_on=D(2026, 2, 3),
    )
    assert case.retention_policy_code == "youth-assistance-records"
    assert (case.retention_period, case.retention_needs_approval) == ("P20Y", True)
    assert case.archiefactiedatum == D(2046, 2, 4)


@pytest.mark.parametrize(
    ("offset", "status"),
    [(-1, RetentionStatus.SCHEDULED), (0, RetentionStatus.LISTED), (1, RetentionStatus.LISTED)],
)
def test_a_refused_request_is_listed_for_the_dpo_on_its_date(published, no_pdf, offset, status):
    case = YouthCaseFactory(
        request_received_on=D(2006, 1, 2),
        outcome=YouthCase.Outcome.REFUSED,
        closed_on=D(2006, 2, 28),
    )
    assert case.archiefactiedatum == D(2026, 3, 1)
    records_purge(now=night(D(2026, 3, 1) + dt.timedelta(days=offset)))
    case.refresh_from_db()  # never destroyed without the DPO's approval
    assert case.retention_status == status


def test_a_refused_request_kept_before_the_migration_is_covered_by_the_next_run(published, no_pdf):
    from retention.models import RetentionPolicy

    policy = RetentionPolicy.objects.get(code="youth-assistance-records")
    policy.outcomes = ["assistance_ended"]  # as before migration 0008
    policy.save()
    case = YouthCaseFactory(outcome=YouthCase.Outcome.REFUSED, closed_on=D(2026, 2, 3))
    assert case.retention_status == RetentionStatus.UNCOVERED
    policy.outcomes = ["assistance_ended", "refused"]
    policy.save()
    run = records_purge(now=night(D(2026, 12, 1)))
    case.refresh_from_db()
    assert (case.retention_status, case.archiefactiedatum) == (
        RetentionStatus.SCHEDULED,
        D(2046, 2, 4),
    )
    assert run.counts["covered"] == 1
    assert run.counts["uncovered"] == 0


def test_the_youth_statement_says_refusals_are_kept_twenty_years(published):
    rule = RetentionRule.objects.get(code="youth-assistance-records")
    assert rule.period == "P20Y"
    assert "geweigerd" in rule.condition_nl
    assert "refused" in rule.condition_en
