"""Filing a request: stored once with its deadline, protected at rest, acknowledged once."""

import datetime

import pytest
from django.core import mail
from django.db import connection

from core.crypto import blind_index
from requests_app import resident_access, services
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
    assert len(secret) >= 40
    assert secret not in request.secret_hash
    assert resident_access.request_for_secret(secret, now=NOW) == request


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
    assert email.sent_at is not None
    assert email.link_secret == ""
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


def status_path(message):
    """The status page's path from the link in an e-mail."""
    link = next(line for line in message.body.splitlines() if "/verzoek/status/" in line)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_the_form_thanks_the_resident_and_the_link_comes_only_by_email(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/verzoek/inzage/", valid_form())
    html = response.content.decode()
    request = SubjectRequest.objects.get()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "/verzoek/status/" not in html  # the link goes to the mailbox only
    assert request.reference in html
    assert "Wat gebeurt er nu" in html
    assert "3 dagen" in html  # the code's one lifetime, as in the e-mail
    [message] = mail.outbox
    assert "3 dagen" in message.body
    page = client.get(status_path(message))
    html = page.content.decode()
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert 'action="' + status_path(message) + 'intrekken/"' in html
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
        client.post(f"/verzoek/status/{secret}/intrekken/", {"confirm": "yes"})
        client.post(f"/verzoek/status/{secret}/intrekken/", {"confirm": "yes"})  # a double click
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    assert request.withdrawn_at is not None
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


def test_only_valid_sends_count_and_a_limited_send_keeps_its_input_and_the_true_wait(client):
    from requests_app import ratelimit

    # Mistakes corrected one at a time never count.
    for _ in range(30):
        assert client.post("/verzoek/klacht/", valid_form(email="els@")).status_code == 400
    limit = ratelimit.PER_ADDRESS[0][0]
    for i in range(limit):
        form = valid_form(email=f"p{i}@example.nl", details="Klacht")
        assert client.post("/verzoek/klacht/", form).status_code == 200
    form = valid_form(email="els@voorbeeld.nl", details="Mijn lange klacht over de balie.")
    response = client.post("/verzoek/klacht/", form)
    html = response.content.decode()
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Mijn lange klacht over de balie." in html
    assert 'value="els@voorbeeld.nl"' in html
    assert "60 minuten" in html  # the true wait, not "a minute"
    assert SubjectRequest.objects.count() == limit


def test_a_day_long_limit_says_hours(client, monkeypatch):
    from requests_app import ratelimit

    monkeypatch.setattr(ratelimit, "PER_ADDRESS", ((100, ratelimit.HOUR), (1, ratelimit.DAY)))
    assert client.post("/verzoek/inzage/", valid_form()).status_code == 200
    response = client.post("/verzoek/inzage/", valid_form(email="b@example.nl"))
    assert response.status_code == 429
    assert "24 uur" in response.content.decode()
    assert int(response["Retry-After"]) > 23 * 3600


def test_a_parent_files_for_four_children_from_one_address_and_one_mailbox(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for child in ("Anna", "Bram", "Cas", "Dirk"):
            form = valid_form(capacity="parent", subject_name=child)
            assert client.post("/verzoek/inzage/", form).status_code == 200
    assert SubjectRequest.objects.count() == 4
    assert len(mail.outbox) == 4


def test_the_per_address_limit_answers_the_same_whether_or_not_it_filed_before(
    client, django_capture_on_commit_callbacks
):
    """Beyond PER_EMAIL the request is kept and the page is the same; only the e-mail is
    withheld, so the answer tells nobody whether an address filed before."""
    from requests_app import ratelimit

    limit = ratelimit.PER_EMAIL[0][0]
    pages = []
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(limit + 1):
            response = client.post("/verzoek/inzage/", valid_form(), REMOTE_ADDR=f"198.51.100.{i}")
            reference = SubjectRequest.objects.order_by("-pk").first().reference
            pages.append((response.status_code, response.content.decode().replace(reference, "")))
    assert len(set(pages)) == 1
    assert SubjectRequest.objects.count() == limit + 1
    assert len(mail.outbox) == limit
    last = SubjectRequest.objects.order_by("-pk").first()
    assert last.events.filter(note="acknowledgement withheld: limit").exists()


def test_an_expired_form_comes_back_with_a_fresh_token_and_the_input_and_then_sends(client):
    old = form_started_token(datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=3))
    form = valid_form(started=old, details="Een lange klacht, geschreven over de lunch.")
    response = client.post("/verzoek/klacht/", form)
    html = response.content.decode()
    assert response.status_code == 400
    assert "te lang open" in html
    assert "Een lange klacht, geschreven over de lunch." in html
    fresh = response.context["form"]["started"].value()
    assert fresh != old
    assert f'value="{fresh}"' in html
    again = client.post("/verzoek/klacht/", {**form, "started": fresh})
    assert again.status_code == 200
    assert "Wat gebeurt er nu" in again.content.decode()
    assert SubjectRequest.objects.get().details == form["details"]


def test_a_double_clicked_form_files_one_request(client):
    form = valid_form()
    first = client.post("/verzoek/inzage/", form)
    second = client.post("/verzoek/inzage/", form)
    assert first.status_code == 200
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
    assert "Jan Jansen" not in text
    assert "jan@example.nl" not in text
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert client.get("/verzoek/status/onzin/ontvangstbewijs/").status_code == 404


def test_a_request_filed_in_english_is_answered_in_english(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/verzoek/inzage/", valid_form())
    assert "What happens next" in response.content.decode()
    [message] = mail.outbox
    assert message.subject.startswith("We received your request AVG-")
    assert "We will answer you no later than" in message.body
    assert "/en/verzoek/status/" in message.body
