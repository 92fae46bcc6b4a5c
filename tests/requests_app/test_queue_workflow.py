"""The queue and the request's page as the DPO review found them (issue 13, item 6): the open
work by default, no silent unassigning, no complaint given to someone who cannot see it, a
registration outside one's team confirmed with its reference, and a timeline in the reader's
language, without the page views unless asked, fifty entries a page."""

import datetime

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from requests_app import roles
from requests_app.models import SubjectRequest
from tests.conftest import otp_login
from tests.requests_app.factories import staff, subject_request

pytestmark = pytest.mark.django_db

QUEUE = "/beheer/requests_app/subjectrequest/"


def test_the_queue_opens_on_the_open_requests(verified_admin_client):
    open_one = subject_request(status="in_progress")
    closed = subject_request(status="completed", closed_at=timezone.now())
    html = verified_admin_client.get(QUEUE).content.decode()
    assert open_one.reference in html
    assert closed.reference not in html
    closed_page = verified_admin_client.get(QUEUE, {"stand": "closed"}).content.decode()
    assert closed.reference in closed_page
    assert open_one.reference not in closed_page
    everything = verified_admin_client.get(QUEUE, {"stand": "all"}).content.decode()
    assert open_one.reference in everything
    assert closed.reference in everything
    by_status = verified_admin_client.get(QUEUE, {"status__exact": "completed"})
    assert closed.reference in by_status.content.decode()


def test_bulk_assign_without_a_handler_changes_nothing(verified_admin_client):
    handler = staff(roles.HANDLER, teams=["debt"])
    request = subject_request(assigned_to=handler)
    response = verified_admin_client.post(
        QUEUE, {"action": "assign", "_selected_action": [request.pk], "handler": ""}, follow=True
    )
    assert "Kies een behandelaar." in response.content.decode()
    request.refresh_from_db()
    assert request.assigned_to == handler


def test_a_complaint_is_not_assigned_to_a_handler_who_cannot_see_it(verified_admin_client):
    handler = staff(roles.HANDLER, teams=["debt"], username="hanna")
    complaint = subject_request(kind="complaint", domain="debt")
    access = subject_request(kind="access", domain="debt")
    response = verified_admin_client.post(
        QUEUE,
        {"action": "assign", "_selected_action": [complaint.pk, access.pk], "handler": handler.pk},
        follow=True,
    )
    assert "1 verzoek is niet toegewezen" in response.content.decode()
    complaint.refresh_from_db()
    access.refresh_from_db()
    assert complaint.assigned_to is None
    assert access.assigned_to == handler


def test_a_handler_registering_a_complaint_gets_its_reference_in_dutch(client):
    handler = staff(roles.HANDLER, teams=["debt"])
    otp_login(client, handler)
    response = client.post(
        QUEUE + "register/",
        {
            "kind": "complaint",
            "domain": "debt",
            "channel": "phone",
            "received_on": timezone.localdate().isoformat(),
            "name": "Jan Jansen",
            "email": "",
            "details": "Mijn gegevens zijn gedeeld",
            "language": "nl",
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    stored = SubjectRequest.objects.get(kind="complaint")
    html = response.content.decode()
    assert f"Geregistreerd als <strong>{stored.reference}</strong>" in html
    assert "functionaris gegevensbescherming" in html
    assert not AccessLogEntry.objects.filter(action="denied").exists()


def test_the_timeline_is_in_dutch_without_page_views_unless_asked(client):
    dpo = staff(roles.DPO, username="fg")
    request = subject_request(status="received")
    otp_login(client, dpo)
    page = f"{QUEUE}{request.pk}/"
    client.post(
        page + "transition/",
        {"to_status": "in_progress", "verification_method": "digid", "version": 0, "note": ""},
    )
    html = client.get(page + "change/").content.decode()
    timeline = html[html.index('id="rq-timeline-heading"') :]
    assert "in_progress" not in timeline
    assert "status: in behandeling" in timeline
    assert "behandeling van het verzoek" not in timeline  # the page views stay out
    with_views = client.get(page + "change/", {"bekeken": "1"}).content.decode()
    assert "bekeken" in with_views[with_views.index('id="rq-timeline-heading"') :]


def test_the_timeline_shows_fifty_entries_a_page(client):
    from requests_app.models import Event

    dpo = staff(roles.DPO)
    request = subject_request()
    start = timezone.now() - datetime.timedelta(days=1)
    Event.objects.bulk_create(
        Event(request=request, type="note", at=start + datetime.timedelta(minutes=i), actor=dpo)
        for i in range(120)
    )
    otp_login(client, dpo)
    page = f"{QUEUE}{request.pk}/change/"
    first = client.get(page).content.decode()
    assert first.count("<tr><td>") == 50
    assert "Pagina 1 van 3" in first
    last = client.get(page, {"tijdlijn": "3"}).content.decode()
    assert last.count("<tr><td>") == 20
