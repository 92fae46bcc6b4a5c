"""Issue 13 item 7: the DPO's report of a past year stays the same after the retention run has
destroyed that year's requests (a year after closing), because each month's figures are
stored before any of its requests can go."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from requests_app.models import MonthlyFigures, SubjectRequest
from retention.models import DestructionLogEntry
from retention.purge import records_purge
from tests.conftest import otp_login
from tests.requests_app.factories import subject_request

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = dt.date
# Every figure of a month the report shows.
SHOWN = [
    "received",
    "by_kind",
    "by_domain",
    "answered",
    "completed",
    "refused",
    "withdrawn",
    "closed_by_kind",
    "on_time",
    "late",
    "on_time_percent",
    "median_days",
    "extended",
    "open",
    "overdue",
]


def night(day, hour=1, minute=30):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def at(day, hour=12):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


def last_year():
    """2026: answered on time and late, refused, withdrawn, extended, open across months and
    years, overdue at a month's end; by letter (no e-mail to confirm) and by the web form."""
    made = [
        subject_request(received=D(2025, 12, 10), status="completed", closed_at=at(D(2026, 1, 8))),
        subject_request(received=D(2026, 2, 3), status="completed", closed_at=at(D(2026, 2, 20))),
        subject_request(
            kind="erasure",
            domain="youth",
            received=D(2026, 2, 10),
            status="refused",
            closed_at=at(D(2026, 4, 30)),
        ),
        subject_request(
            kind="complaint",
            domain="other",
            received=D(2026, 3, 3),
            status="completed",
            closed_at=at(D(2026, 3, 20)),
            channel="letter",
        ),
        subject_request(received=D(2026, 5, 5), status="withdrawn", closed_at=at(D(2026, 5, 9))),
        subject_request(
            received=D(2026, 6, 2),
            status="completed",
            closed_at=at(D(2026, 8, 25)),
            extended_on=D(2026, 6, 20),
            due=D(2026, 9, 2),
        ),
        subject_request(
            kind="objection",
            received=D(2026, 11, 24),
            status="completed",
            closed_at=at(D(2027, 2, 2)),
            verified_at=at(D(2026, 11, 24)),
        ),
    ]
    for request in made:
        if request.status != "received" and not request.verified_at:
            SubjectRequest.objects.filter(pk=request.pk).update(verified_at=request.received_at)
    return made


def report(client, user, year):
    otp_login(client, user)  # the session is signed in for the day the report is looked at
    response = client.get(f"/beheer/rapportage/?jaar={year}")
    assert response.status_code == 200
    figures = response.context["figures"]
    months = [{name: getattr(m, name) for name in SHOWN} for m in figures.months]
    totals = (
        figures.total_received,
        figures.total_answered,
        figures.on_time_percent,
        figures.median_days,
        figures.by_kind,
        figures.by_domain,
        figures.closed_by_kind,
    )
    return months, totals, [m.stored for m in figures.months]


def test_last_years_report_is_the_same_after_its_requests_are_destroyed(
    published, client, admin_user
):
    requests = last_year()
    viewed_on = at(D(2027, 1, 10))
    with time_machine.travel(viewed_on, tick=False):
        before, totals_before, stored = report(client, admin_user, 2026)
    assert not any(stored)  # counted from the requests: no run has stored anything yet
    assert totals_before[:2] == (6, 5)  # the sums are of real requests, not of nothing
    assert before[2]["overdue"] == 1  # March: the erasure was due on 10 March
    assert before[5]["extended"] == 1

    # The nightly runs of the next year and a half: every request above is destroyed.
    for day in (D(2027, 1, 20), D(2027, 9, 1), D(2028, 3, 1)):
        with time_machine.travel(night(day), tick=False):
            records_purge(now=night(day))
    assert not SubjectRequest.objects.filter(pk__in=[r.pk for r in requests]).exists()
    assert DestructionLogEntry.objects.filter(policy_code="privacy-requests").count() >= 3

    with time_machine.travel(viewed_on, tick=False):
        after, totals_after, stored = report(client, admin_user, 2026)
    assert all(stored)
    assert after == before
    assert totals_after == totals_before


def test_a_request_is_not_destroyed_before_the_figures_of_its_month_are_stored(published):
    """Whatever a statement publishes, no request leaves the figures: the run stores first,
    and a request whose closing month is not stored is not closed for the engine."""
    from requests_app import retained

    request = subject_request(
        received=D(2025, 1, 6), status="completed", closed_at=at(D(2025, 1, 20))
    )
    assert not SubjectRequest.objects.filter(retained.RECORDS[0]["closed"]).exists()
    records_purge(now=night(D(2026, 1, 21)))
    assert MonthlyFigures.objects.filter(month=D(2025, 1, 1)).exists()
    assert not SubjectRequest.objects.filter(pk=request.pk).exists()


def test_a_run_whose_figures_cannot_be_stored_destroys_nothing(published, monkeypatch):
    from retention import registry

    def broken(*, now):
        raise RuntimeError("figures not stored")

    monkeypatch.setattr(registry, "_before_run", [broken])
    request = subject_request(
        received=D(2025, 1, 6), status="completed", closed_at=at(D(2025, 1, 20))
    )
    with pytest.raises(RuntimeError):
        records_purge(now=night(D(2026, 6, 1)))
    assert SubjectRequest.objects.filter(pk=request.pk).exists()
