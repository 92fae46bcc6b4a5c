"""A legal hold on a request or complaint (issue 14, item 5): while an objection, an appeal or a
complaint to the Autoriteit Persoonsgegevens is pending, the retention run keeps it, whatever
its closing date; lifted, it goes with the next run. Staff place and lift it in the admin, on
the timeline and in the access log. Dates on the day before, of and after, on a leap day and a
daylight-saving day."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accesslog.models import AccessLogEntry
from core import roles
from requests_app import staff_records
from requests_app.models import Event, SubjectRequest
from retention.purge import records_purge
from tests.conftest import otp_login
from tests.requests_app.factories import staff, subject_request

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = dt.date


def night(day, hour=1, minute=30):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def closed(on: dt.datetime):
    return subject_request(status="completed", closed_at=on)


def exists(request):
    return SubjectRequest.objects.filter(pk=request.pk).exists()


@pytest.mark.parametrize(
    ("closed_at", "due"),
    [
        (dt.datetime(2025, 8, 31, 12, tzinfo=AMSTERDAM), D(2026, 9, 1)),
        (dt.datetime(2028, 2, 29, 12, tzinfo=AMSTERDAM), D(2029, 3, 1)),  # leap day
        (dt.datetime(2025, 10, 26, 2, 30, tzinfo=AMSTERDAM), D(2026, 10, 27)),  # clocks back
        (dt.datetime(2025, 3, 30, 23, 30, tzinfo=AMSTERDAM), D(2026, 3, 31)),  # clocks forward
    ],
)
def test_a_held_request_is_kept_past_its_date_and_goes_after_the_lift(published, closed_at, due):
    held, free = closed(closed_at), closed(closed_at)
    staff_records.request_legal_hold_place(
        request=held, actor=None, reason="appeal", since=closed_at.date(), now=closed_at
    )
    records_purge(now=night(due - dt.timedelta(days=1), 23, 59))  # the day before: both kept
    assert exists(held)
    assert exists(free)
    records_purge(now=night(due, 0, 1))  # the day of: the free one goes, the held one stays
    assert exists(held)
    assert not exists(free)
    records_purge(now=night(due + dt.timedelta(days=1)))  # the day after, and years later
    records_purge(now=night(due + dt.timedelta(days=3650)))
    assert exists(held)
    lifted_on = due + dt.timedelta(days=3651)
    staff_records.request_legal_hold_lift(request=held, actor=None, now=night(lifted_on, 9))
    records_purge(now=night(lifted_on + dt.timedelta(days=1)))
    assert not exists(held)


@pytest.mark.parametrize("reason", ["objection", "appeal", "ap_complaint"])
def test_each_reason_keeps_the_request(published, reason):
    request = closed(dt.datetime(2024, 1, 10, 12, tzinfo=AMSTERDAM))
    staff_records.request_legal_hold_place(
        request=request, actor=None, reason=reason, since=D(2024, 2, 1)
    )
    records_purge(now=night(D(2026, 1, 11)))
    assert exists(request)


def test_a_hold_needs_a_known_reason_and_no_future_start(published):
    request = closed(dt.datetime(2025, 1, 10, 12, tzinfo=AMSTERDAM))
    with pytest.raises(ValueError, match="reason"):
        staff_records.request_legal_hold_place(
            request=request, actor=None, reason="litigation", since=D(2025, 2, 1)
        )
    with time_machine.travel(dt.datetime(2025, 2, 1, 12, tzinfo=AMSTERDAM), tick=False):
        with pytest.raises(ValueError, match="future"):
            staff_records.request_legal_hold_place(
                request=request, actor=None, reason="appeal", since=D(2025, 2, 2)
            )
        staff_records.request_legal_hold_place(
            request=request, actor=None, reason="appeal", since=D(2025, 2, 1)
        )
    request.refresh_from_db()
    assert (request.legal_hold_reason, request.legal_hold_since) == ("appeal", D(2025, 2, 1))


def test_staff_place_and_lift_the_hold_in_the_admin_logged(client, published):
    request = closed(dt.datetime(2025, 1, 10, 12, tzinfo=AMSTERDAM))
    dpo = staff(roles.DPO)
    otp_login(client, dpo)
    url = f"/en/beheer/requests_app/subjectrequest/{request.pk}/legal-hold/"
    page = client.get(f"/en/beheer/requests_app/subjectrequest/{request.pk}/change/")
    assert "Place the legal hold" in page.content.decode()
    response = client.post(
        url, {"action": "place", "reason": "ap_complaint", "since": "2025-03-01"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.legal_hold_reason, request.legal_hold_since) == ("ap_complaint", D(2025, 3, 1))
    page = client.get(f"/en/beheer/requests_app/subjectrequest/{request.pk}/change/")
    assert "complaint to the Autoriteit Persoonsgegevens pending" in page.content.decode()
    client.post(url, {"action": "lift"})
    request.refresh_from_db()
    assert request.legal_hold_reason == ""
    assert list(
        Event.objects.filter(request=request, type__startswith="hold").values_list("type", "actor")
    ) == [("hold_placed", dpo.pk), ("hold_lifted", dpo.pk)]
    purposes = set(
        AccessLogEntry.objects.filter(record_id=str(request.pk), action="change").values_list(
            "purpose", flat=True
        )
    )
    assert purposes == {"legal hold placed: ap_complaint", "legal hold lifted"}


def test_a_hold_without_reason_or_date_is_refused_in_the_admin(client, published):
    request = closed(dt.datetime(2025, 1, 10, 12, tzinfo=AMSTERDAM))
    otp_login(client, staff(roles.DPO))
    url = f"/en/beheer/requests_app/subjectrequest/{request.pk}/legal-hold/"
    client.post(url, {"action": "place", "reason": "", "since": ""})
    request.refresh_from_db()
    assert request.legal_hold_reason == ""


def test_the_auditor_cannot_place_a_hold_and_is_logged(client, published):
    request = closed(dt.datetime(2025, 1, 10, 12, tzinfo=AMSTERDAM))
    otp_login(client, staff(roles.AUDITOR))
    url = f"/en/beheer/requests_app/subjectrequest/{request.pk}/legal-hold/"
    response = client.post(url, {"action": "place", "reason": "appeal", "since": "2025-03-01"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.legal_hold_reason == ""
    assert AccessLogEntry.objects.filter(
        record_id=str(request.pk), action="denied", purpose="legal hold"
    ).exists()
