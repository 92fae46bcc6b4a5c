"""Answers only to the confirmed mailbox (issue 12, items 1 and 3): what a status link shows
before and after the code, links that expire and can be renewed, the workflow's refusal of an
unconfirmed address as proof of identity, phone registrations, and asking for a new code."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from accesslog.models import AccessLogEntry
from requests_app import letters, roles, services, verification, workflow
from requests_app.answer_files import response_file_attach
from requests_app.models import Channel, Status, SubjectRequest, VerificationMethod

from .factories import staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DETAILS = "Mijn schuldhulpdossier, BSN en diagnose"


def code_from(message):
    return re.search(r"code(?: is|:) (\d{6})", message.body).group(1)


@pytest.fixture
def answered(django_capture_on_commit_callbacks):
    """A portability request filed in someone's name and answered by staff: a letter, a file
    and the export. Returns the request, its link and the code in the victim's mailbox."""
    with django_capture_on_commit_callbacks(execute=True):
        request, secret = services.request_submit(
            kind="portability",
            domain="debt",
            name="Maria Peters",
            email="maria@example.nl",
            details=DETAILS,
        )
    code = code_from(mail.outbox[0])
    letter = letters.letter_issue(
        request=request,
        letter_type="answer",
        fields={"data_summary": "Schuldhulptraject sinds 2024", "signatory": "FG"},
    )
    stored = response_file_attach(request=request, name="antwoord.pdf", content=PDF)
    return request, secret, code, letter, stored


def urls(secret, letter, stored):
    base = f"/verzoek/status/{secret}/"
    return [
        f"{base}brieven/{letter.public_id}/",
        f"{base}bestanden/{stored.public_id}/",
        f"{base}gegevens.json",
        f"{base}gegevens.csv",
    ]


def test_nothing_of_the_answer_reaches_a_link_before_the_code(client, answered):
    _request, secret, code, letter, stored = answered
    page = client.get(f"/verzoek/status/{secret}/").content.decode()
    assert str(letter.public_id) not in page
    assert str(stored.public_id) not in page
    assert "gegevens.json" not in page
    assert DETAILS not in page
    assert "pas als uw e-mailadres met de code is bevestigd" in page
    for url in urls(secret, letter, stored):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"%PDF" not in response.content
        assert b"Maria" not in response.content
    client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": code})
    page = client.get(f"/verzoek/status/{secret}/").content.decode()
    assert str(letter.public_id) in page
    assert "gegevens.json" in page
    for url in urls(secret, letter, stored):
        assert client.get(url).status_code == 200, url


def test_the_answer_released_check_is_the_confirmed_address():
    request, _secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )
    assert not request.answer_released()
    request.verified_at = timezone.now()
    assert request.answer_released()


def test_a_link_works_until_the_published_period_after_closing(client):
    request, secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )
    assert datetime.timedelta(weeks=8) == verification.STATUS_LINK_KEPT
    now = timezone.now()
    page = client.get(f"/verzoek/status/{secret}/").content.decode()
    assert "8 weken nadat uw verzoek is afgesloten" in page
    closed = now - verification.STATUS_LINK_KEPT + datetime.timedelta(hours=1)
    SubjectRequest.objects.filter(pk=request.pk).update(
        status=Status.WITHDRAWN, withdrawn_at=closed, closed_at=closed
    )
    assert client.get(f"/verzoek/status/{secret}/").status_code == 200
    expired = now - verification.STATUS_LINK_KEPT - datetime.timedelta(hours=1)
    SubjectRequest.objects.filter(pk=request.pk).update(closed_at=expired)
    response = client.get(f"/verzoek/status/{secret}/")
    assert response.status_code == 404
    assert "8 weken nadat het verzoek is afgesloten" in response.content.decode()


def test_known_email_is_refused_as_proof_of_identity_while_unconfirmed():
    handler = staff(roles.DPO)
    request, _secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )
    with pytest.raises(workflow.TransitionRefused, match="niet met de code bevestigd"):
        services.request_transition(
            request=request,
            to_status=Status.IN_PROGRESS,
            actor=handler,
            verification_method=VerificationMethod.KNOWN_EMAIL,
        )
    SubjectRequest.objects.filter(pk=request.pk).update(verified_at=timezone.now())
    request.refresh_from_db()
    moved = services.request_transition(
        request=request,
        to_status=Status.IN_PROGRESS,
        actor=handler,
        verification_method=VerificationMethod.KNOWN_EMAIL,
    )
    assert moved.request.status == Status.IN_PROGRESS


def test_staff_revoke_the_links_and_the_resident_gets_a_new_one(
    verified_admin_client, django_capture_on_commit_callbacks
):
    client = verified_admin_client
    with django_capture_on_commit_callbacks(execute=True):
        request, old = services.request_submit(
            kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/beheer/requests_app/subjectrequest/",
            {"action": "renew_link", "_selected_action": [request.pk]},
        )
    assert response.status_code == 302
    assert client.get(f"/verzoek/status/{old}/").status_code == 404
    [message] = mail.outbox
    assert "vervangen" in message.body
    link = next(line for line in message.body.splitlines() if "/verzoek/status/" in line)
    assert client.get("/" + link.split("://", 1)[1].split("/", 1)[1]).status_code == 200
    entry = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.CHANGE).latest("at")
    assert entry.purpose == "renew status link"


def test_a_phone_registration_by_e_mail_gets_a_code_and_reads_its_answer_once_confirmed(
    client, verified_admin_client, django_capture_on_commit_callbacks
):
    """Attack review F3: registered by phone with letters by e-mail, it got no code, so its
    letters could never be read. Its acknowledgement now carries a code, as the web form's."""
    with django_capture_on_commit_callbacks(execute=True):
        request, secret = services.request_register(
            actor=None,
            channel=Channel.PHONE,
            received_on=timezone.localdate(),
            kind="access",
            domain="debt",
            name="Jan Jansen",
            email="jan@example.nl",
        )
    assert not request.answer_released()
    page = client.get(f"/verzoek/status/{secret}/").content.decode()
    assert 'id="confirm"' in page  # the code form: letters show once it is typed
    staff_page = verified_admin_client.get(
        f"/beheer/requests_app/subjectrequest/{request.pk}/change/"
    ).content.decode()
    assert "Stuur het antwoord per post" in staff_page
    client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": code_from(mail.outbox[-1])})
    request.refresh_from_db()
    assert request.answer_released()


def test_after_five_wrong_codes_the_resident_asks_for_a_new_one(
    client, answered, django_capture_on_commit_callbacks
):
    request, secret, code, _letter, _stored = answered
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(verification.MAX_ATTEMPTS):
        client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": wrong})
    refused = client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": code})
    assert "Vraag hieronder een nieuwe code aan" in refused.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/verzoek/status/{secret}/nieuwe-code/")
    assert "Die is 3 dagen geldig" in page.content.decode()
    [message] = mail.outbox
    assert "3 dagen geldig" in message.body
    assert "Maria" not in message.subject
    new = code_from(message)
    assert client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": code}).status_code == 400
    client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": new})
    request.refresh_from_db()
    assert request.answer_released()


def test_an_expired_code_can_be_replaced(client, answered, django_capture_on_commit_callbacks):
    request, secret, _code, _letter, _stored = answered
    past = timezone.now() - datetime.timedelta(seconds=1)
    SubjectRequest.objects.filter(pk=request.pk).update(verification_expires_at=past)
    expired = client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": "123456"})
    assert "Deze code is verlopen. Vraag hieronder een nieuwe code aan." in expired.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/verzoek/status/{secret}/nieuwe-code/")
    client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": code_from(mail.outbox[0])})
    request.refresh_from_db()
    assert request.verified_at is not None


def test_new_codes_are_rate_limited_with_the_true_wait(client, answered):
    _request, secret, _code, _letter, _stored = answered
    limit = verification.CODE_REQUESTS_PER_HOUR
    for _ in range(limit):
        assert client.post(f"/verzoek/status/{secret}/nieuwe-code/").status_code == 200
    limited = client.post(f"/verzoek/status/{secret}/nieuwe-code/")
    assert limited.status_code == 429
    assert "60 minuten" in limited.content.decode()
    assert 0 < int(limited["Retry-After"]) <= 3600
