"""Filing a request: stored once with its deadline, protected at rest, acknowledged once."""

import datetime

import pytest
from django.core import mail
from django.db import connection

from core.crypto import blind_index
from requests_app import services
from requests_app.forms import form_started_token
from requests_app.models import Event, OutgoingEmail, Status, SubjectRequest
from requests_app.tasks import emails_dispatch_pending

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)


def valid_form(**overrides):
    started = form_started_token(
        datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=30)
    )
    return {
        "name": "Jan Jansen",
        "email": "jan@example.nl",
        "domain": "debt",
        "details": "",
        "capacity": "",
        "subject_name": "",
        "website": "",
        "started": started,
        **overrides,
    }


def submit(**overrides):
    defaults = {"kind": "access", "domain": "debt", "name": "Jan Jansen", "email": "jan@example.nl"}
    return services.request_submit(**{**defaults, **overrides, "now": NOW})


def test_a_request_is_stored_with_reference_and_legal_deadline(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request, secret = submit()
    assert request.reference == f"AVG-2026-{request.pk:06d}"
    assert request.due_date == datetime.date(2026, 2, 16)  # 15 Feb 2026 is a Sunday
    assert request.status == Status.RECEIVED
    assert len(secret) >= 40 and secret not in request.secret_hash
    assert services.request_for_secret(secret) == request


def test_a_complaint_gets_six_weeks_and_its_own_reference():
    complaint, _secret = submit(kind="complaint", details="Mijn gegevens zijn gedeeld.")
    assert complaint.reference.startswith("KLACHT-2026-")
    assert complaint.due_date == datetime.date(2026, 2, 26)


def test_what_the_resident_wrote_is_encrypted_at_rest():
    request, _secret = submit(details="Ik heb schulden bij de zorgverzekeraar.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, email, details FROM requests_app_subjectrequest WHERE id = %s",
            [request.pk],
        )
        stored = " ".join(cursor.fetchone())
    for plain in ("Jan Jansen", "jan@example.nl", "zorgverzekeraar"):
        assert plain not in stored
    fresh = SubjectRequest.objects.get(pk=request.pk)
    assert fresh.details == "Ik heb schulden bij de zorgverzekeraar."
    assert SubjectRequest.objects.get(email_index=blind_index(" JAN@example.nl ")) == request


def test_the_acknowledgement_goes_out_once_with_deadline_and_link(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        request, secret = submit()
    [message] = mail.outbox
    assert message.to == ["jan@example.nl"]
    assert request.reference in message.subject
    assert "Jan" not in message.subject  # no personal data in the subject
    assert "16 februari 2026" in message.body
    assert f"/verzoek/status/{secret}/" in message.body
    email = OutgoingEmail.objects.get()
    assert email.sent_at is not None and email.link_secret == ""
    emails_dispatch_pending.apply()
    assert len(mail.outbox) == 1


def test_with_the_broker_down_the_request_is_kept_and_mailed_once_later(
    django_capture_on_commit_callbacks, monkeypatch
):
    from requests_app import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker unreachable")

    monkeypatch.setattr(tasks.send_outgoing_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        request, _secret = submit()
    assert SubjectRequest.objects.filter(pk=request.pk).exists()
    assert mail.outbox == []
    OutgoingEmail.objects.update(created_at=NOW - datetime.timedelta(hours=1))
    monkeypatch.undo()  # the broker is back
    emails_dispatch_pending.apply()
    emails_dispatch_pending.apply()
    assert len(mail.outbox) == 1
    assert Event.objects.filter(request=request, type=Event.Type.EMAIL_SENT).count() == 1


def test_the_form_files_a_request_and_leads_to_the_status_page(client):
    response = client.post("/verzoek/inzage/", valid_form())
    assert response.status_code == 302
    assert response["Location"].startswith("/verzoek/status/")
    page = client.get(response["Location"])
    assert 'action="' + response["Location"] + 'intrekken/"' in page.content.decode()
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    request = SubjectRequest.objects.get()
    assert request.reference in html
    assert request.due_date.strftime("%Y") in html
    assert "Jan Jansen" not in html  # the status page shows no more than needed


def test_invalid_input_comes_back_with_errors_in_dutch_and_keeps_what_was_typed(client):
    response = client.post("/verzoek/correctie/", valid_form(email="geen-adres", details=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Fout: 2 problemen" in html
    assert 'id="error-summary-title"' in html
    assert 'href="#id_email"' in html
    assert 'value="Jan Jansen"' in html
    assert 'aria-invalid="true"' in html
    assert not SubjectRequest.objects.exists()


def test_acting_for_someone_else_needs_their_name(client):
    response = client.post("/verzoek/inzage/", valid_form(capacity="parent"))
    assert response.status_code == 400
    assert "Vul in om wiens gegevens het gaat." in response.content.decode()


@pytest.mark.parametrize(
    "trap",
    [{"website": "http://spam.example"}, {"started": "tampered"}, {"started": ""}],
)
def test_bots_are_turned_away_without_a_captcha(client, trap):
    response = client.post("/verzoek/inzage/", valid_form(**trap))
    assert response.status_code == 400
    assert not SubjectRequest.objects.exists()


def test_too_fast_is_a_bot(client):
    fresh = form_started_token(datetime.datetime.now(datetime.UTC))
    response = client.post("/verzoek/inzage/", valid_form(started=fresh))
    assert response.status_code == 400


def test_null_characters_are_refused_with_a_message(client):
    response = client.post("/verzoek/inzage/", valid_form(name="Jan\x00"))
    assert response.status_code == 400
    assert not SubjectRequest.objects.exists()


def test_control_characters_and_markup_are_neutralised(client):
    client.post(
        "/verzoek/bezwaar/",
        valid_form(name="Jan <b>Jansen</b>", details="Stop\x07 met <script>x</script>"),
    )
    request = SubjectRequest.objects.get()
    assert request.name == "Jan <b>Jansen</b>"  # stored as typed, escaped wherever shown
    assert "\x07" not in request.details


def test_withdrawing_closes_the_request_once_and_confirms_it(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request, secret = submit()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/verzoek/status/{secret}/intrekken/")
        client.post(f"/verzoek/status/{secret}/intrekken/")  # a double click
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN and request.withdrawn_at is not None
    assert len(mail.outbox) == 2  # acknowledgement and one confirmation
    assert "ingetrokken" in mail.outbox[1].subject
    page = client.get(f"/verzoek/status/{secret}/").content.decode()
    assert "Ingetrokken" in page
    assert f'action="/verzoek/status/{secret}/intrekken/"' not in page  # no second withdrawal


@pytest.mark.parametrize("secret", ["niet-geldig", "x" * 300])
def test_a_wrong_link_gets_a_helpful_page(client, secret):
    submit()
    response = client.get(f"/verzoek/status/{secret}/")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_the_reference_alone_reveals_nothing(client):
    request, _secret = submit()
    assert client.get(f"/verzoek/status/{request.reference}/").status_code == 404


def test_unknown_type_is_a_404(client):
    assert client.get("/verzoek/onbekend/").status_code == 404


def test_the_status_link_never_reaches_the_page_cache(client, monkeypatch):
    from statements import cache as page_cache

    _request, secret = submit()
    looked_up = []
    monkeypatch.setattr(page_cache.cache, "get_many", lambda keys: looked_up.extend(keys) or {})
    client.get(f"/verzoek/status/{secret}/")
    client.get(f"/en/verzoek/status/{secret}/")
    assert not [key for key in looked_up if secret in key]


def test_many_submissions_from_one_address_are_slowed_down(client):
    codes = [
        client.post("/verzoek/inzage/", valid_form(email=f"p{i}@example.nl")).status_code
        for i in range(7)
    ]
    assert codes[:5] == [302] * 5
    assert codes[5:] == [429, 429]
    assert SubjectRequest.objects.count() == 5
    assert "Wacht even" in client.post("/verzoek/inzage/", valid_form()).content.decode()


def test_many_requests_for_one_email_address_are_refused(client):
    codes = [
        client.post("/verzoek/inzage/", valid_form(), REMOTE_ADDR=f"198.51.100.{i}").status_code
        for i in range(4)
    ]
    assert codes == [302, 302, 302, 429]


def test_a_double_clicked_form_files_one_request(client):
    form = valid_form()
    first = client.post("/verzoek/inzage/", form)
    second = client.post("/verzoek/inzage/", form)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "al ontvangen" in second.content.decode()
    assert SubjectRequest.objects.count() == 1


def test_the_proof_of_receipt_is_a_tagged_pdf_with_reference_and_deadline(client):
    import io

    from pypdf import PdfReader

    request, secret = submit()
    response = client.get(f"/verzoek/status/{secret}/ontvangstbewijs/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert request.reference in text
    assert "16 februari 2026" in text
    assert "Jan Jansen" not in text and "jan@example.nl" not in text
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert client.get("/verzoek/status/onzin/ontvangstbewijs/").status_code == 404


def test_a_request_filed_in_english_is_answered_in_english(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/verzoek/inzage/", valid_form())
    assert response["Location"].startswith("/en/verzoek/status/")
    [message] = mail.outbox
    assert message.subject.startswith("We received your request AVG-")
    assert "We will answer you no later than" in message.body
    assert "/en/verzoek/status/" in message.body
