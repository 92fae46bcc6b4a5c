"""Letters: every type and language renders, decisions carry bezwaar and the AP, a missing
field refuses and says which, issuing stores once and notifies once without personal data,
and the resident reads letters through their own link only."""

import datetime
import io

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from requests_app import letters, roles, services
from requests_app.emails import email_send
from requests_app.models import (
    Event,
    Kind,
    Letter,
    LetterType,
    OutgoingEmail,
    StatusLink,
    SubjectRequest,
)
from requests_app.tasks import emails_dispatch_pending
from tests.conftest import otp_login
from tests.requests_app.factories import staff, subject_request

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)
LATER = NOW + datetime.timedelta(days=20)
NAME, EMAIL = "Jan Jansen", "jan@example.nl"
SECRET_TEXT = "Schuld bij zorgverzekeraar VGZ"

VALUES = {
    "data_summary": SECRET_TEXT,
    "purposes": "Vroegsignalering schulden.",
    "recipients": "Niemand.",
    "retention": "Zes maanden.",
    "source": "Uw zorgverzekeraar.",
    "outcome": "Wij hebben uw adres verbeterd.",
    "recipients_informed": "De Sociale Verzekeringsbank.",
    "findings": "De medewerker stuurde uw brief naar het verkeerde adres.",
    "judgement": "well_founded",
    "conclusions": "Wij passen onze werkwijze aan.",
    "reason": "Wij moeten gegevens opvragen bij drie afdelingen.",
    "new_due_date": "2026-04-15",
    "awaited": "Een bevestiging van uw identiteit via DigiD.",
    "ground": "gdpr_12_5",  # a ground of every kind of request
    "explanation": "Het dossier bevat gegevens over uw buurman.",
    "signatory": "A. de Vries, functionaris gegevensbescherming",
}

COMBINATIONS = [
    (letter_type, kind)
    for letter_type in LetterType.values
    for kind in Kind.values
    if not (
        kind == Kind.COMPLAINT and letter_type in (LetterType.CLOCK_STOPPED, LetterType.REFUSAL)
    )
]


def make_request(*, kind="access", language="nl", confirmed=True, **extra):
    """A request filed on the web; `confirmed`: the resident typed the code, so the status
    page shows the answer (`SubjectRequest.answer_released`)."""
    request, secret = services.request_submit(
        kind=kind, domain="debt", name=NAME, email=EMAIL, language=language, now=NOW, **extra
    )
    if confirmed:
        SubjectRequest.objects.filter(pk=request.pk).update(verified_at=NOW)
        request.refresh_from_db()
    return request, secret


def valid_fields(letter_type, kind):
    required = letters.required_fields(letter_type=letter_type, kind=kind)
    return {name: VALUES[name] for name in required}


def issue(request, letter_type, **kw):
    return letters.letter_issue(
        request=request,
        letter_type=letter_type,
        fields=kw.pop("fields", None) or valid_fields(letter_type, request.kind),
        now=kw.pop("now", LATER),
        **kw,
    )


def pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("letter_type", "kind"), COMBINATIONS)
def test_every_letter_type_renders_in_the_request_language(letter_type, kind, language):
    request, _secret = make_request(kind=kind, language=language)
    letter = issue(request, letter_type)
    assert f'<html lang="{language}">' in letter.html
    assert letter.language == language
    assert request.reference in letter.html
    greeting = {"nl": f"Beste {NAME},", "en": f"Dear {NAME},"}[language]
    assert greeting in letter.html
    for name, value in valid_fields(letter_type, kind).items():
        if name not in ("judgement", "ground", "new_due_date"):
            assert value in letter.html, name
    decision = kind != Kind.COMPLAINT and letter_type in ("answer", "refusal")
    assert ('data-legal="objection"' in letter.html) is decision
    assert ('data-legal="ap-complaint"' in letter.html) is (
        decision or (kind == Kind.COMPLAINT and letter_type == "answer")
    )
    assert ('data-legal="ombudsman"' in letter.html) is (
        kind == Kind.COMPLAINT and letter_type == "answer"
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("letter_type", LetterType.values)
def test_each_letter_becomes_a_tagged_pdf_with_its_legal_text(letter_type, language):
    request, _secret = make_request(kind="erasure", language=language)
    letter = issue(request, letter_type)
    content = letters.letter_pdf(letter)
    assert content.startswith(b"%PDF-")
    text = " ".join(pdf_text(content).split())
    assert request.reference in text
    objection = {"nl": "bezwaar maken", "en": "lodge an objection (bezwaar)"}[language]
    if letter_type in ("answer", "refusal"):
        assert objection in text
        assert "6:7" in text
        assert "Autoriteit Persoonsgegevens" in text
        assert "artikel 77 AVG" in text or "GDPR article 77" in text
    else:
        assert objection not in text
        assert "6:7" not in text


def test_decision_letters_state_the_six_weeks_of_the_awb():
    request, _secret = make_request(kind="objection")
    html = issue(request, "refusal").html
    assert f"binnen {letters.OBJECTION_PERIOD_WEEKS} weken" in html
    assert "artikel 6:7 en 6:8 Algemene wet bestuursrecht" in html
    assert "Postbus 1, 6400 AA Heerlen" in html


def test_a_refusal_explains_its_legal_ground_in_the_letter_language():
    request, _secret = make_request(language="en")
    fields = {**valid_fields("refusal", "access"), "ground": "gdpr_12_5"}
    html = issue(request, "refusal", fields=fields).html
    assert 'data-ground="gdpr_12_5"' in html
    assert "manifestly unfounded or excessive" in html
    assert "GDPR article 12(5)" in html


def test_a_complaint_judgement_names_the_ombudsman_and_is_no_besluit():
    request, _secret = make_request(kind="complaint")
    html = issue(request, "answer").html
    assert "Nationale ombudsman" in html
    assert "Uw klacht is gegrond." in html
    assert "besluit" not in html.lower()


def test_an_extension_of_a_complaint_is_a_postponement_under_awb_9_11():
    request, _secret = make_request(kind="complaint", language="en")
    html = issue(request, "extension").html
    assert "9:11(2)" in html
    assert "15 April 2026" in html
    assert 'data-legal="objection"' not in html


@pytest.mark.parametrize(("letter_type", "kind"), COMBINATIONS)
def test_a_missing_field_refuses_the_letter_and_names_the_field(letter_type, kind):
    request, _secret = make_request(kind=kind)
    fields = valid_fields(letter_type, kind)
    for missing in fields:
        for empty in ({}, {missing: "   "}, {missing: None}):
            incomplete = {name: value for name, value in fields.items() if name != missing}
            with pytest.raises(letters.LetterIncomplete) as refused:
                letters.letter_issue(
                    request=request, letter_type=letter_type, fields={**incomplete, **empty}
                )
            assert refused.value.fields == [missing]
            assert missing in str(refused.value)
    assert not Letter.objects.exists()
    assert not OutgoingEmail.objects.filter(template="letter_notice").exists()


def test_every_missing_field_is_named_at_once():
    request, _secret = make_request()
    with pytest.raises(letters.LetterIncomplete) as refused:
        letters.letter_issue(request=request, letter_type="refusal", fields={})
    assert refused.value.fields == ["explanation", "ground", "signatory"]


@pytest.mark.parametrize(
    ("letter_type", "fields", "field"),
    [
        ("refusal", {"ground": "because", "explanation": "x", "signatory": "y"}, "ground"),
        ("extension", {"reason": "x", "new_due_date": "15-04-2026"}, "new_due_date"),
        ("extension", {"reason": "x", "new_due_date": "2025-01-01"}, "new_due_date"),
        ("clock_stopped", {"awaited": "x", "reason": "y", "reasom": "z"}, "reasom"),
    ],
)
def test_wrong_values_and_unknown_fields_are_refused_by_name(letter_type, fields, field):
    request, _secret = make_request()
    with pytest.raises(letters.LetterInvalid) as refused:
        letters.letter_issue(request=request, letter_type=letter_type, fields=fields)
    assert list(refused.value.errors) == [field]
    assert not Letter.objects.exists()


@pytest.mark.parametrize("letter_type", ["clock_stopped", "refusal", "reminder"])
def test_letters_that_do_not_exist_for_a_complaint_are_refused(letter_type):
    request, _secret = make_request(kind="complaint")
    with pytest.raises(letters.LetterNotApplicable):
        letters.letter_issue(request=request, letter_type=letter_type, fields={})


def test_issuing_stores_the_letter_and_queues_one_notice_without_personal_data(
    django_capture_on_commit_callbacks, django_user_model
):
    with django_capture_on_commit_callbacks(execute=True):
        request, _secret = make_request(details="Mijn schulden")
    handler = django_user_model.objects.create_user("handler", password="x" * 16)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        letter = issue(request, "answer", issued_by=handler)
    assert Letter.objects.get() == letter
    assert letter.issued_by == handler
    assert letter.issued_at == LATER
    assert letter.field_values == valid_fields("answer", "access")
    event = Event.objects.get(request=request, type=Event.Type.LETTER_ISSUED)
    assert event.note == "answer"
    assert event.at == LATER
    [notice] = OutgoingEmail.objects.filter(template=OutgoingEmail.Template.LETTER_NOTICE)
    assert notice.sent_at is not None
    assert notice.link_secret == ""
    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert request.reference in message.subject
    for personal in (NAME, SECRET_TEXT, "Mijn schulden", VALUES["signatory"], "besluit"):
        assert personal not in message.subject + message.body
    # Sent once: the worker and the periodic dispatcher find nothing more to send.
    assert email_send(email_id=notice.pk) is False
    emails_dispatch_pending()
    assert len(mail.outbox) == 1


def test_the_notice_link_opens_the_status_page_with_the_letter(
    client, django_capture_on_commit_callbacks
):
    request, _secret = make_request()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        letter = issue(request, "acknowledgement")
    link = next(line for line in mail.outbox[0].body.splitlines() if "/verzoek/status/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    assert str(letter.public_id) in page.content.decode()
    assert StatusLink.objects.filter(request=request).count() == 1


def test_letter_fields_and_text_are_encrypted_at_rest():
    request, _secret = make_request()
    letter = issue(request, "answer")
    with connection.cursor() as cursor:
        cursor.execute("SELECT fields, html FROM requests_app_letter WHERE id = %s", [letter.pk])
        stored = " ".join(cursor.fetchone())
    for plain in (NAME, SECRET_TEXT, "Autoriteit"):
        assert plain not in stored


def test_an_issued_letter_reads_the_same_after_the_request_changes():
    request, _secret = make_request()
    letter = issue(request, "answer")
    SubjectRequest.objects.filter(pk=request.pk).update(language="en")
    request.refresh_from_db()
    request.name = "Piet Pietersen"
    request.save()
    stored = Letter.objects.get(pk=letter.pk)
    assert f"Beste {NAME}," in stored.html
    assert "Piet" not in pdf_text(letters.letter_pdf(stored))


def test_the_status_page_lists_letters_with_a_download_link(client):
    request, secret = make_request(language="en")
    first = issue(request, "acknowledgement")
    second = issue(request, "answer")
    page = client.get(f"/en/verzoek/status/{secret}/").content.decode()
    assert page.index(str(first.public_id)) < page.index(str(second.public_id))
    assert "Acknowledgement of receipt, 4 February 2026 (PDF)" in page


def test_a_letter_downloads_as_pdf_through_the_secret_link_only(client):
    request, secret = make_request()
    letter = issue(request, "refusal")
    response = client.get(f"/verzoek/status/{secret}/brieven/{letter.public_id}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert request.reference in response["Content-Disposition"]
    assert "Autoriteit Persoonsgegevens" in pdf_text(response.content)

    wrong_secret = client.get(f"/en/verzoek/status/{'x' * 43}/brieven/{letter.public_id}/")
    assert wrong_secret.status_code == 404
    assert b"This link does not work" in wrong_secret.content
    assert b"%PDF" not in wrong_secret.content


@pytest.mark.parametrize("letter_id", ["not-a-uuid", "00000000-0000-4000-8000-000000000000"])
def test_a_wrong_letter_link_gets_a_helpful_page(client, letter_id):
    _request, secret = make_request()
    response = client.get(f"/en/verzoek/status/{secret}/brieven/{letter_id}/")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "We cannot find this document" in page
    assert f"/en/verzoek/status/{secret}/" in page


def test_a_letter_of_another_request_is_not_reachable_with_my_link(client):
    _mine, my_secret = make_request()
    theirs, _their_secret = make_request()
    their_letter = issue(theirs, "answer")
    response = client.get(f"/en/verzoek/status/{my_secret}/brieven/{their_letter.public_id}/")
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_letter_downloads_count_towards_the_status_rate_limit(client):
    _request, secret = make_request()
    url = f"/verzoek/status/{secret}/brieven/not-a-uuid/"
    codes = [client.get(url).status_code for _ in range(61)]
    assert codes[:60] == [404] * 60
    assert codes[60] == 429


def test_letters_go_with_the_request_when_it_is_destroyed():
    request, _secret = make_request()
    issue(request, "answer")
    assert Letter.objects.count() == 1
    assert StatusLink.objects.count() == 1
    request.delete()
    assert not Letter.objects.exists()
    assert not StatusLink.objects.exists()


def test_staff_can_preview_a_letter_without_issuing_it():
    request, _secret = make_request(language="en")
    html = letters.letter_render_preview(
        request=request, letter_type="answer", fields=valid_fields("answer", "access")
    )
    assert 'data-legal="objection"' in html
    assert "Dear Jan Jansen," in html
    assert not Letter.objects.exists()
    assert not Event.objects.filter(type=Event.Type.LETTER_ISSUED).exists()
    with pytest.raises(letters.LetterIncomplete):
        letters.letter_render_preview(request=request, letter_type="answer", fields={})


def test_an_extension_letter_cannot_promise_a_date_after_the_legal_one():
    """DPO review 7: a letter promised 30 June when the legal date was 3 February."""
    from requests_app.letters import LetterInvalid, letter_validate

    request = subject_request(
        status="extended", due=datetime.date(2027, 2, 3), extended_on=datetime.date(2026, 11, 20)
    )
    with pytest.raises(LetterInvalid) as invalid:
        letter_validate(
            request=request,
            letter_type="extension",
            fields={"reason": "Veel verzoeken", "new_due_date": "2027-06-30"},
        )
    assert invalid.value.errors == {"new_due_date": "after the legal due date (2027-02-03)"}
    cleaned = letter_validate(
        request=request,
        letter_type="extension",
        fields={"reason": "Veel verzoeken", "new_due_date": "2027-02-03"},
    )
    assert cleaned["new_due_date"] == "2027-02-03"


def test_the_letter_form_starts_with_the_legal_date_and_without_the_staff_note(client):
    """DPO review 3 and 7: the note "…querulant?" went into a refusal word for word, and the
    date field stayed empty because its value was written 01-03-2027."""
    from requests_app.models import Transition

    dpo = staff(roles.DPO)
    request = subject_request(status="extended", due=datetime.date(2027, 3, 1))
    Transition.objects.create(
        request=request,
        from_status="in_progress",
        to_status="extended",
        at=timezone.now(),
        actor=dpo,
        note="Interne notitie: querulant?",
        letter_type="extension",
    )
    otp_login(client, dpo)
    started = client.post(f"/beheer/requests_app/subjectrequest/{request.pk}/letter/extension/")
    html = client.get(started["Location"]).content.decode()
    assert 'value="2027-03-01"' in html
    assert "querulant" not in html
