"""Staff write and issue a letter from a request's page: the form asks what the letter type
needs, prefilled from the step that called for it; a missing field is refused by name."""

import pytest

from accesslog.models import AccessLogEntry
from requests_app import roles, services
from requests_app.models import Letter, OutgoingEmail, RefusalGround
from tests.conftest import otp_login

from .factories import staff, subject_request

pytestmark = pytest.mark.django_db


def letter_url(obj, letter_type):
    return f"/en/beheer/requests_app/subjectrequest/{obj.pk}/letter/{letter_type}/"


@pytest.fixture
def dpo(client):
    user = staff(roles.DPO)
    otp_login(client, user)
    return user


def refused(actor):
    request = subject_request(status="in_progress")
    services.request_transition(
        request=request,
        to_status="refused",
        actor=actor,
        note="Het verzoek is het vijfde in een week over dezelfde gegevens.",
        refusal_ground=RefusalGround.MANIFESTLY_UNFOUNDED,
    )
    request.refresh_from_db()
    return request


def test_the_refusal_letter_takes_the_steps_ground_not_its_note_and_is_issued(client, dpo):
    request = refused(dpo)
    page = client.get(letter_url(request, "refusal")).content.decode()
    # The step's note is internal: the letter's explanation starts empty (DPO review 3).
    assert "het vijfde in een week" not in page
    assert 'value="gdpr_12_5" selected' in page
    assert "objection clause" in page  # a decision: the page says the clause is added

    response = client.post(
        letter_url(request, "refusal"),
        {
            "ground": "gdpr_12_5",
            "explanation": "Het verzoek is het vijfde in een week.",
            "signatory": "A. de Vries, functionaris gegevensbescherming",
        },
    )
    assert response.status_code == 302
    letter = Letter.objects.get(request=request)
    assert letter.type == "refusal"
    assert letter.issued_by == dpo
    assert OutgoingEmail.objects.filter(request=request, template="letter_notice").count() == 1
    assert AccessLogEntry.objects.filter(
        record_id=str(request.pk), action="change", purpose="letter issued: refusal"
    ).exists()


def test_a_letter_with_a_missing_field_is_refused_and_the_field_named(client, dpo):
    request = refused(dpo)
    response = client.post(
        letter_url(request, "refusal"), {"ground": "gdpr_12_5", "explanation": "Te vaak."}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["signatory"]
    assert not Letter.objects.exists()


def test_letters_that_do_not_exist_for_a_complaint_are_not_offered(client, dpo):
    complaint = subject_request(kind="complaint")
    assert client.get(letter_url(complaint, "refusal")).status_code == 404
    assert client.get(letter_url(complaint, "nonsense")).status_code == 404
    page = client.get(f"/en/beheer/requests_app/subjectrequest/{complaint.pk}/change/")
    assert letter_url(complaint, "answer") in page.content.decode()
    assert letter_url(complaint, "refusal") not in page.content.decode()


def test_an_auditor_cannot_issue_letters_and_the_attempt_is_logged(client):
    auditor = staff(roles.AUDITOR)
    otp_login(client, auditor)
    request = subject_request()
    assert client.get(letter_url(request, "extension")).status_code == 403
    assert AccessLogEntry.objects.filter(user=auditor, action="denied").exists()
