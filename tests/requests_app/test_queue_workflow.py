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
            "postal_address": "Kerkstraat 1\n6411 AA Heerlen",
            "delivery": "post",
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


def _unconfirmed(**extra):
    received = timezone.now() - datetime.timedelta(days=20)
    return subject_request(channel="web", received=received.date(), **extra)


def test_an_unconfirmed_request_staff_acted_on_is_never_removed():
    """DPO review 2: a request assigned, noted and lettered vanished after 14 days."""
    from requests_app.models import Event
    from retention.purge import records_purge

    untouched = _unconfirmed()
    assigned = _unconfirmed(assigned_to=staff(roles.HANDLER, teams=["debt"]))
    noted = _unconfirmed()
    Event.objects.create(request=noted, type="note", at=timezone.now(), text="Gebeld")
    moved = _unconfirmed(status="in_progress")
    assert records_purge(now=timezone.now()).counts["requests_unverified"] == 1
    assert set(SubjectRequest.objects.all()) == {assigned, noted, moved}
    assert untouched.pk not in SubjectRequest.objects.values_list("pk", flat=True)


def test_the_queue_says_when_an_unconfirmed_request_will_be_removed(verified_admin_client):
    doomed = _unconfirmed()
    kept = _unconfirmed(assigned_to=staff(roles.HANDLER, teams=["debt"]))
    # Two full weeks from the day of receipt are kept; it goes on the next day's run.
    removed_on = timezone.localdate(doomed.received_at) + datetime.timedelta(days=15)
    html = verified_admin_client.get(QUEUE).content.decode()
    assert f"niet bevestigd, verwijderd op {removed_on.day}" in html
    only = verified_admin_client.get(QUEUE, {"bevestigd": "nee"}).content.decode()
    assert doomed.reference in only
    assert kept.reference not in only


@pytest.mark.parametrize(
    ("kind", "ground", "allowed"),
    [
        ("objection", "gdpr_21_1", True),
        ("objection", "gdpr_17_3", False),  # the review: 17(3) offered for an objection
        ("erasure", "gdpr_17_3_e", True),
        ("portability", "gdpr_20", True),
        ("restriction", "gdpr_18", True),
        ("access", "gdpr_15_4", True),
        ("rectification", "gdpr_15_4", False),
        ("access", "gdpr_23", True),
    ],
)
def test_refusal_grounds_are_matched_to_the_kind_of_request(kind, ground, allowed):
    from requests_app import workflow

    request = subject_request(kind=kind, status="in_progress")
    check = lambda: workflow.check_transition(  # noqa: E731
        request=request,
        to_status="refused",
        today=timezone.localdate(),
        note="Zie de brief",
        refusal_ground=ground,
        letters_issued=frozenset({"refusal"}),
    )
    if allowed:
        check()
    else:
        with pytest.raises(workflow.TransitionRefused, match="past niet bij dit soort verzoek"):
            check()


def test_a_complaint_is_judged_not_refused():
    from requests_app import workflow

    complaint = subject_request(kind="complaint", status="in_progress")
    with pytest.raises(workflow.TransitionRefused, match=r"Awb artikel 9:12"):
        workflow.check_transition(
            request=complaint,
            to_status="refused",
            today=timezone.localdate(),
            note="x",
            refusal_ground="gdpr_15_4",
        )


def test_the_transition_form_offers_only_the_grounds_of_the_request(verified_admin_client):
    objection = subject_request(kind="objection", status="in_progress")
    html = verified_admin_client.get(f"{QUEUE}{objection.pk}/change/").content.decode()
    assert 'value="gdpr_21_1"' in html
    assert 'value="gdpr_17_3"' not in html
    assert 'value="gdpr_15_4"' not in html


@pytest.mark.parametrize("ground", ["gdpr_17_3_e", "gdpr_18", "gdpr_20", "gdpr_21_1"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_new_ground_has_its_letter_paragraph(ground, language):
    from django.template.loader import render_to_string

    html = render_to_string(
        f"requests_app/letters/{language}/_grounds.html", {"fields": {"ground": ground}}
    )
    assert "<p>" in html


def test_a_request_for_someone_else_is_answered_only_after_the_authority_check(client):
    """Issue 13 item 8: what was seen, by whom, when; no copy kept."""
    from requests_app import workflow
    from requests_app.models import AuthorityCheck

    dpo = staff(roles.DPO, username="fg")
    request = subject_request(status="in_progress", capacity="parent", subject_name="Lotte")
    with pytest.raises(workflow.TransitionRefused, match=r"authority|bevoegdheid"):
        workflow.check_transition(
            request=request, to_status="completed", today=timezone.localdate()
        )
    otp_login(client, dpo)
    page = f"{QUEUE}{request.pk}/"
    assert "Nog niet gecontroleerd" in client.get(page + "change/").content.decode()
    client.post(page + "authority/", {"evidence": "custody_register", "note": "BRP, gezag beiden"})
    check = AuthorityCheck.objects.get(request=request)
    assert (check.evidence, check.checked_by, check.note) == (
        "custody_register",
        dpo,
        "BRP, gezag beiden",
    )
    assert AccessLogEntry.objects.filter(
        purpose="authority check", record_id=str(request.pk)
    ).exists()
    workflow.check_transition(
        request=request,
        to_status="completed",
        today=timezone.localdate(),
        letters_issued=frozenset({"answer"}),
    )


def test_a_request_for_oneself_needs_no_authority_check():
    from requests_app import workflow

    request = subject_request(status="in_progress")
    workflow.check_transition(
        request=request,
        to_status="completed",
        today=timezone.localdate(),
        letters_issued=frozenset({"answer"}),
    )


def test_an_auditor_cannot_record_an_authority_check(client):
    request = subject_request(status="in_progress", capacity="parent")
    otp_login(client, staff(roles.AUDITOR))
    response = client.post(f"{QUEUE}{request.pk}/authority/", {"evidence": "custody_register"})
    assert response.status_code == 403
    assert not request.authority_checks.exists()
