"""Early signs of debt: retention counted from the signal as published (issue 14, item 1).

A signal whose resident does not respond, has no request for help or declines goes 6 months
after it came in, and so does one nobody closes without accepted help (the debt team is
warned 4 weeks before); "arrears resolved" is an outcome only within 28 days of the signal;
an offer and an outcome that contradict each other are refused with a 400 naming both. Each
rule on the day before, the day of and the day after its date; the review's defects (M5, L2)
as it found them, through the intake API."""

import datetime as dt

import pytest

from cases.models import DebtSignal
from cases.models.debt import ARREARS_RESOLVED_WITHIN, CONTRADICTING_OFFERS, UNCLOSED_WARNING
from retention.models import RetentionStatus
from retention.purge import records_purge

from .factories import DebtSignalFactory
from .helpers import exists, night, post

D = dt.date
pytestmark = pytest.mark.django_db


# --- debt signals: 6 months from the signal, also when nobody closes it --------------------


def test_a_signal_nobody_closes_is_scheduled_six_months_after_it_came_in(
    client, published, landlord_token
):
    """Review M5: an open signal was kept for ever."""
    body = {"name": "Jan Jansen", "arrears_amount": "850.00", "arrears_since": "2024-12-01"}
    response = post(client, "/debt-signals/", {**body, "signal_date": "2025-01-02"}, landlord_token)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "open"
    assert response.json()["retention_status"] == RetentionStatus.SCHEDULED
    assert response.json()["destruction_date"] == "2025-07-03"
    signal = DebtSignal.objects.get(public_id=response.json()["public_id"])
    assert signal.retention_policy_code == "debt-signal-no-help"


@pytest.mark.parametrize(("offset", "kept"), [(-1, True), (0, False), (1, False)])
@pytest.mark.parametrize(
    ("outcome", "offer"),
    [("no_response", "not_made"), ("no_help_request", "not_made"), ("offer_declined", "declined")],
)
def test_a_signal_without_help_goes_six_months_after_it_came_in_however_late_it_closed(
    published, no_pdf, outcome, offer, offset, kept
):
    # Signal on 29 February 2024 (a leap day), closed in August: kept through 29 August.
    signal = DebtSignalFactory(signal_received_on=D(2024, 2, 29), arrears_since=D(2024, 2, 1))
    signal.offer, signal.outcome, signal.closed_on = offer, outcome, D(2024, 8, 20)
    signal.full_clean(exclude=["reporting_organisation"])
    signal.save()
    assert (signal.retention_policy_code, signal.archiefactiedatum) == (
        "debt-signal-no-help",
        D(2024, 8, 30),
    )
    records_purge(now=night(D(2024, 8, 30) + dt.timedelta(days=offset)))
    assert exists(signal) is kept


@pytest.mark.parametrize(("offset", "kept"), [(-1, True), (0, False), (1, False)])
def test_an_unclosed_signal_goes_on_its_date_not_the_day_before(published, no_pdf, offset, kept):
    # 31 August + 6 months: 28 February is the last day kept (no 31 February).
    signal = DebtSignalFactory(signal_received_on=D(2025, 8, 31), arrears_since=D(2025, 8, 1))
    assert signal.archiefactiedatum == D(2026, 3, 1)
    records_purge(now=night(D(2026, 3, 1) + dt.timedelta(days=offset)))
    assert exists(signal) is kept


def test_accepted_help_keeps_an_open_signal_and_closing_it_decides(client, published, debt_token):
    signal = DebtSignalFactory(signal_received_on=D(2025, 1, 2), arrears_since=D(2024, 12, 1))
    assert signal.retention_status == RetentionStatus.SCHEDULED
    accepted = post(
        client,
        f"/debt-signals/{signal.public_id}/offer/",
        {"offer": "accepted", "debt_relief_programme": "Minnelijk traject"},
        debt_token,
    )
    assert accepted.status_code == 200, accepted.content
    assert (accepted.json()["retention_status"], accepted.json()["destruction_date"]) == (
        RetentionStatus.OPEN,
        None,
    )
    records_purge(now=night(D(2060, 1, 1)))
    assert exists(signal)
    closed = post(
        client,
        f"/debt-signals/{signal.public_id}/closure/",
        {"outcome": "debt_relief", "closed_on": "2026-11-30"},
        debt_token,
    )
    assert closed.json()["retention_status"] == RetentionStatus.UNCOVERED  # no rule: kept


@pytest.mark.parametrize(("days_before", "warned"), [(29, False), (28, True), (27, True)])
def test_the_team_is_warned_four_weeks_before_an_unclosed_signal_goes(
    published, days_before, warned
):
    signal = DebtSignalFactory(signal_received_on=D(2026, 1, 31), arrears_since=D(2026, 1, 1))
    assert signal.archiefactiedatum == D(2026, 8, 1)
    assert dt.timedelta(days=28) == UNCLOSED_WARNING
    today = D(2026, 8, 1) - dt.timedelta(days=days_before)
    assert (signal in DebtSignal.objects.unclosed_warned(today=today)) is warned


def test_only_unclosed_signals_without_accepted_help_are_on_the_warning_list(published):
    today = D(2026, 7, 20)
    warned = DebtSignalFactory(signal_received_on=D(2026, 1, 31), arrears_since=D(2026, 1, 1))
    DebtSignalFactory(signal_received_on=D(2026, 1, 31), offer=DebtSignal.Offer.ACCEPTED)
    DebtSignalFactory(signal_received_on=D(2026, 1, 31), closed=True)
    DebtSignalFactory(signal_received_on=D(2026, 6, 1))
    DebtSignalFactory(
        signal_received_on=D(2026, 1, 31),
        legal_hold_reason="litigation",
        legal_hold_since=D(2026, 7, 1),
    )
    assert list(DebtSignal.objects.unclosed_warned(today=today)) == [warned]


def test_the_debt_teams_list_warns_and_filters_the_signals_that_go_within_four_weeks(
    client, published
):
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from tests.conftest import otp_login

    user = User.objects.create_user("debt-worker", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Case worker debt"))
    otp_login(client, user)
    soon = timezone.localdate() - dt.timedelta(days=170)  # destroyed in about 11 days
    warned = DebtSignalFactory(signal_received_on=soon, arrears_since=soon, external_reference="W")
    later = DebtSignalFactory(signal_received_on=timezone.localdate(), external_reference="L")
    page = client.get("/en/beheer/cases/debtsignal/").content.decode()
    assert "1 open signal without accepted help is destroyed within 4 weeks" in page
    filtered = client.get("/en/beheer/cases/debtsignal/?destruction_warning=soon").content.decode()
    assert str(warned.public_id) in filtered
    assert str(later.public_id) not in filtered


# --- debt signals: arrears resolved within 28 days; no contradictions ----------------------


@pytest.mark.parametrize(("days", "status"), [(27, 200), (28, 200), (29, 400)])
def test_arrears_resolved_applies_only_within_28_days_of_the_signal(
    client, published, debt_token, days, status
):
    """Review L2: closed as "arrears resolved" 88 days after the signal, and accepted."""
    assert dt.timedelta(days=28) == ARREARS_RESOLVED_WITHIN
    signal = DebtSignalFactory(signal_received_on=D(2026, 1, 31), arrears_since=D(2026, 1, 1))
    closed_on = D(2026, 1, 31) + dt.timedelta(days=days)
    response = post(
        client,
        f"/debt-signals/{signal.public_id}/closure/",
        {"outcome": "arrears_resolved", "closed_on": closed_on.isoformat()},
        debt_token,
    )
    assert response.status_code == status, response.content
    signal.refresh_from_db()
    if status == 400:
        assert set(response.json()) == {"outcome", "closed_on"}
        assert "2026-02-28" in response.json()["outcome"][0]
        assert not signal.is_closed
    else:
        assert signal.retention_policy_code == "debt-arrears-resolved"
        assert signal.archiefactiedatum == D(2026, 8, 1)


PAIRS = [(offer, outcome) for offer in DebtSignal.Offer for outcome in DebtSignal.Outcome]
# Written apart from the model's table: who accepted help responded, asked for help and did not
# decline; who declined responded and entered no debt relief. The review's two cases first.
CONTRADICTIONS = {
    ("accepted", "offer_declined"),
    ("accepted", "no_help_request"),
    ("accepted", "no_response"),
    ("declined", "no_response"),
    ("declined", "debt_relief"),
}


@pytest.mark.parametrize(("offer", "outcome"), PAIRS)
def test_a_contradictory_offer_and_outcome_is_refused_naming_both_fields(
    client, published, debt_token, offer, outcome
):
    """Review M5: offer accepted, closed as "offer declined" or "no help request": accepted
    and anonymised 6 months after the signal although the resident accepted help."""
    contradictory = (offer, outcome) in CONTRADICTIONS
    assert contradictory == (offer in CONTRADICTING_OFFERS.get(outcome, ()))
    signal = DebtSignalFactory(signal_received_on=D(2026, 10, 1), arrears_since=D(2026, 9, 1))
    recorded = post(
        client, f"/debt-signals/{signal.public_id}/offer/", {"offer": offer}, debt_token
    )
    assert recorded.status_code == 200, recorded.content
    response = post(
        client,
        f"/debt-signals/{signal.public_id}/closure/",
        {"outcome": outcome, "closed_on": "2026-10-20"},
        debt_token,
    )
    assert response.status_code == (400 if contradictory else 200), response.content
    if contradictory:
        assert set(response.json()) == {"offer", "outcome"}
        signal.refresh_from_db()
        assert not signal.is_closed


def test_an_offer_recorded_after_closing_cannot_contradict_the_outcome(
    client, published, debt_token
):
    signal = DebtSignalFactory(closed=True)  # no response
    response = post(
        client, f"/debt-signals/{signal.public_id}/offer/", {"offer": "accepted"}, debt_token
    )
    assert response.status_code == 400
    assert set(response.json()) == {"offer", "outcome"}
    signal.refresh_from_db()
    assert signal.offer == DebtSignal.Offer.NOT_MADE
