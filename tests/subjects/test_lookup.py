"""Finding the person's records from a request's page: the BSN staff checked, the lookup by
role and domain, each lookup in the access log."""

import pytest

from accesslog.models import AccessLogEntry
from core.crypto import blind_index
from requests_app import roles
from requests_app.models import Event
from subjects import services
from tests.conftest import otp_login
from tests.requests_app.factories import staff, subject_request

from .conftest import PARENT

pytestmark = pytest.mark.django_db


def _records_url(request):
    return f"/beheer/requests_app/subjectrequest/{request.pk}/records/"


def test_staff_record_a_checked_bsn_without_it_reaching_the_timeline(client, published):
    handler = staff(roles.HANDLER, teams=["debt"])
    request = subject_request(kind="access", domain="debt", status="in_progress")
    otp_login(client, handler)

    response = client.post(
        f"/beheer/requests_app/subjectrequest/{request.pk}/bsn/",
        {"bsn": "111 222 333", "method": "counter", "version": request.version},
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.bsn == PARENT
    assert request.bsn_index == blind_index(PARENT)
    assert request.identity_method == "counter"
    note = Event.objects.get(request=request, type=Event.Type.BSN_CHECKED).note
    assert "counter" in note.lower() or "balie" in note.lower()
    assert PARENT not in note
    entry = AccessLogEntry.objects.filter(record_id=str(request.pk)).latest("pk")
    assert entry.action == AccessLogEntry.Action.CHANGE
    assert PARENT not in entry.purpose


def test_an_invalid_bsn_or_a_digid_bsn_is_refused(published):
    handler = staff(roles.HANDLER, teams=["debt"])
    request = subject_request(kind="access", domain="debt")
    with pytest.raises(services.SubjectRefused):
        services.request_bsn_record(
            request=request, bsn="123456789", method="counter", actor=handler
        )
    digid = subject_request(kind="access", domain="debt", identity_method="digid", digid_level=20)
    with pytest.raises(services.SubjectRefused):
        services.request_bsn_record(request=digid, bsn=PARENT, method="counter", actor=handler)


def test_a_staff_checked_bsn_keeps_the_answer_released_by_the_confirmed_address(person):
    assert person.request.answer_released()


def test_the_debt_handler_sees_the_debt_signals_and_each_lookup_is_logged(client, person):
    otp_login(client, person.handler)

    response = client.get(_records_url(person.request))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Woonpunt" in content
    assert "CZ" in content
    assert "Sanne de Vries" not in content  # the youth case: not the debt team's domain
    logged = AccessLogEntry.objects.filter(
        record_type="cases.debtsignal", purpose=person.request.reference
    )
    assert sorted(logged.values_list("record_id", flat=True)) == sorted(
        str(signal.pk) for signal in person.signals
    )
    assert not AccessLogEntry.objects.filter(record_type="cases.youthcase").exists()
    assert "no-store" in response["Cache-Control"]


def test_a_handler_of_both_teams_sees_the_youth_case_of_the_child_as_parent(client, person):
    otp_login(client, person.youth_handler)
    content = client.get(_records_url(person.request)).content.decode()
    assert "Sanne de Vries" in content
    assert AccessLogEntry.objects.filter(
        record_type="cases.youthcase", record_id=str(person.youth.pk)
    ).exists()


def test_the_auditor_and_another_team_are_refused_and_logged(client, person):
    other = staff(roles.HANDLER, teams=["youth"])
    for user in (person.auditor, other):
        otp_login(client, user)
        assert client.get(_records_url(person.request)).status_code == 403
    assert (
        AccessLogEntry.objects.filter(
            record_id=str(person.request.pk), action=AccessLogEntry.Action.DENIED
        ).count()
        == 2
    )
    assert not AccessLogEntry.objects.filter(record_type="cases.debtsignal").exists()


def test_without_a_verified_bsn_nothing_is_looked_up(client, published):
    handler = staff(roles.HANDLER, teams=["debt"])
    request = subject_request(kind="access", domain="debt", status="in_progress")
    otp_login(client, handler)
    response = client.get(_records_url(request))
    assert response.status_code == 200
    assert services.subject_records(request=request, domains=["debt", "youth"]) == []


def test_the_request_page_offers_the_lookup_and_the_bsn_form(client, person):
    otp_login(client, person.handler)
    page = client.get(f"/beheer/requests_app/subjectrequest/{person.request.pk}/change/")
    assert _records_url(person.request) in page.content.decode()
