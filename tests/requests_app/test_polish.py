"""The resident's journey as the browser review found it (issue 12, item 5), on the server:
a fresh form without error looks, the error summary, the representative's name, the limit on
long text, a withdrawal that asks first, "klacht" for a complaint, a receipt that follows the
status, the copy of what was sent, the choice page, the language switch, "wij", the favicon
and the e-mail links' base."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from requests_app import ratelimit, services
from requests_app.forms import DETAILS_MAX_LENGTH
from requests_app.models import Event, Status, SubjectRequest
from tests.requests_app.test_submit import valid_form

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def file_request(django_capture_on_commit_callbacks, **given):
    defaults = {
        "kind": "access",
        "domain": "debt",
        "name": "Jan Jansen",
        "email": "jan@example.nl",
        "details": "Ik wil mijn dossier zien.\nAlles graag.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        request, secret = services.request_submit(**{**defaults, **given})
    return request, secret


def without_links(text):
    """The text without its web addresses (the paths say "verzoek" for every type)."""
    return re.sub(r"https?://\S+", "", text)


def code_of(message):
    return re.search(r"code: (\d{6})", message.body).group(1)


def confirm(client, secret, message):
    return client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": code_of(message)})


# A fresh form ------------------------------------------------------------------------------


def test_a_fresh_form_has_nothing_that_looks_like_an_error(client):
    html = client.get("/verzoek/klacht/").content.decode()
    # `required` would make empty fields match :invalid, which the NLDS CSS paints red.
    assert not re.search(r"<(input|textarea)[^>]* required[ >]", html)
    assert "aria-invalid" not in html
    assert "utrecht-form-field--invalid" not in html
    assert "error-summary" not in html
    # Required still reaches assistive technology, and the server still checks it.
    assert re.search(r'<input[^>]*name="name"[^>]*aria-required="true"', html)
    assert re.search(r'<textarea[^>]*name="details"[^>]*aria-required="true"', html)
    assert 'role="radiogroup" aria-required="true"' in html


def test_the_error_summary_names_each_problem_in_words_and_links_to_its_field(client):
    response = client.post("/verzoek/klacht/", valid_form(name="", email="", domain=""))
    html = response.content.decode()
    assert response.status_code == 400
    summary = html.split('class="portal-error-summary"', 1)[1].split("</section>", 1)[0]
    assert 'id="error-summary-title" tabindex="-1" autofocus>Uw formulier is niet verstuurd' in (
        summary
    )
    assert "Verbeter de 4 fouten hieronder" in summary
    assert '<a href="#id_name">Vul uw naam in.</a>' in summary
    assert '<a href="#id_email">Vul uw e-mailadres in.</a>' in summary
    assert '<a href="#id_domain_0">Kies waar het over gaat.</a>' in summary
    assert '<a href="#id_details">Vertel wat er is gebeurd.</a>' in summary
    assert "Dit veld is vereist" not in html


# The representative's name -------------------------------------------------------------------


def test_the_representatives_name_says_when_it_is_required_and_what_proof_follows(client):
    html = client.get("/verzoek/inzage/").content.decode()
    label = html.split('for="id_subject_name"', 1)[1].split("</label>", 1)[0]
    assert "(verplicht als u het voor iemand anders vraagt)" in label
    assert "niet verplicht" not in label
    assert "gezagsregister" in html
    assert "uitspraak van de rechter" in html


def test_acting_for_someone_else_makes_the_name_required_and_marks_it(client):
    response = client.post("/verzoek/inzage/", valid_form(capacity="parent"))
    html = response.content.decode()
    assert response.status_code == 400
    label = html.split('for="id_subject_name"', 1)[1].split("</label>", 1)[0]
    assert "verplicht als" not in label  # plainly required now
    assert re.search(r'<input[^>]*name="subject_name"[^>]*aria-required="true"', html)
    assert "Vul in om wiens gegevens het gaat." in html
    assert not SubjectRequest.objects.exists()


# Long text -----------------------------------------------------------------------------------


def test_long_text_shows_its_limit_and_a_counter_without_outside_scripts(client):
    html = client.get("/verzoek/klacht/").content.decode()
    assert f"Maximaal {DETAILS_MAX_LENGTH} tekens." in html
    assert f'data-counter-for="id_details" data-limit="{DETAILS_MAX_LENGTH}"' in html
    assert 'data-text-other="U kunt nog {count} tekens typen."' in html
    assert 'id="id_details_counter_live" aria-live="polite"' in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert "/static/js/character-count.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)


def test_the_server_enforces_the_limit_and_counts_a_line_break_once(client):
    too_long = client.post("/verzoek/klacht/", valid_form(details="x" * (DETAILS_MAX_LENGTH + 1)))
    assert too_long.status_code == 400
    assert not SubjectRequest.objects.exists()
    # The browser counts a line break as one character and sends it as two.
    lines = "\r\n".join(["y" * 99] * 50)  # 4,999 characters as the browser counts them
    accepted = client.post("/verzoek/klacht/", valid_form(details=lines))
    assert accepted.status_code == 200
    assert SubjectRequest.objects.get().details == lines.replace("\r\n", "\n")


# Withdrawal ----------------------------------------------------------------------------------


def test_withdrawing_asks_for_confirmation_first(client, django_capture_on_commit_callbacks):
    request, secret = file_request(django_capture_on_commit_callbacks)
    status_page = client.get(f"/verzoek/status/{secret}/").content.decode()
    # The status page only opens the question; it cannot withdraw by itself.
    assert f'<form method="get" action="/verzoek/status/{secret}/intrekken/">' in status_page
    asked = client.get(f"/verzoek/status/{secret}/intrekken/")
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "Uw verzoek intrekken?" in html
    assert "Dit kunt u niet ongedaan maken" in html
    assert '<input type="hidden" name="confirm" value="yes">' in html
    assert f'href="/verzoek/status/{secret}/"' in html  # "No, go back"
    # A POST without the confirmation asks again.
    again = client.post(f"/verzoek/status/{secret}/intrekken/")
    assert "Uw verzoek intrekken?" in again.content.decode()
    request.refresh_from_db()
    assert request.status == Status.RECEIVED
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/verzoek/status/{secret}/intrekken/", {"confirm": "yes"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    # Once withdrawn, the question page leads back to the status page.
    assert client.get(f"/verzoek/status/{secret}/intrekken/").status_code == 302


# Complaints are called complaints ------------------------------------------------------------


def test_a_complaint_is_called_klacht_on_the_pages_and_in_the_emails(
    client, django_capture_on_commit_callbacks
):
    complaint, secret = file_request(
        django_capture_on_commit_callbacks, kind="complaint", details="Mijn brief was open."
    )
    [acknowledgement] = mail.outbox
    assert acknowledgement.subject == f"Wij hebben uw klacht {complaint.reference} ontvangen"
    assert "Wij hebben uw klacht ontvangen." in acknowledgement.body
    assert "verzoek" not in without_links(acknowledgement.body)
    page = client.get(f"/verzoek/status/{secret}/").content.decode()
    assert f"<title>Uw klacht {complaint.reference}" in page
    assert "Mijn klacht intrekken" in page
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "verzoek" not in re.sub(r'(href|action)="[^"]*"', "", main)
    asked = client.get(f"/verzoek/status/{secret}/intrekken/").content.decode()
    assert "Uw klacht intrekken?" in asked
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/verzoek/status/{secret}/intrekken/", {"confirm": "yes"})
    withdrawal = mail.outbox[-1]
    assert withdrawal.subject == f"Uw klacht {complaint.reference} is ingetrokken"
    assert "verzoek" not in without_links(withdrawal.body)


def test_a_complaints_missing_download_page_says_klacht(client, django_capture_on_commit_callbacks):
    _complaint, secret = file_request(django_capture_on_commit_callbacks, kind="complaint")
    response = client.get(f"/verzoek/status/{secret}/gegevens.json")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Naar de pagina van uw klacht" in html
    assert "uw verzoek" not in html


def test_the_thank_you_page_of_a_complaint_says_klacht(client):
    html = client.post("/verzoek/klacht/", valid_form(details="Iets ging mis.")).content.decode()
    assert "Bedankt: wij hebben uw klacht ontvangen" in html


# The receipt ---------------------------------------------------------------------------------


def receipt_text(client, secret):
    response = client.get(f"/verzoek/status/{secret}/ontvangstbewijs/")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_receipt_after_withdrawal_says_so_and_promises_no_answer(
    client, django_capture_on_commit_callbacks
):
    request, secret = file_request(django_capture_on_commit_callbacks, kind="complaint")
    before = receipt_text(client, secret)
    assert "U krijgt antwoord uiterlijk op" in before
    assert "U kunt uw klacht altijd intrekken" in before
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/verzoek/status/{secret}/intrekken/", {"confirm": "yes"})
    after = receipt_text(client, secret)
    request.refresh_from_db()
    withdrawn_on = timezone.localtime(request.withdrawn_at)
    assert f"U heeft deze klacht ingetrokken op {withdrawn_on:%-d}" in after
    assert "Ingetrokken op" in after
    assert "U krijgt antwoord uiterlijk op" not in after
    assert "altijd intrekken" not in after


# The status page -----------------------------------------------------------------------------


def test_after_confirmation_the_status_page_shows_a_copy_and_plain_steps(
    client, django_capture_on_commit_callbacks
):
    request, secret = file_request(
        django_capture_on_commit_callbacks, capacity="parent", subject_name="Piet Jansen"
    )
    [message] = mail.outbox
    before = client.get(f"/verzoek/status/{secret}/").content.decode()
    assert "Wat u ons stuurde" not in before
    assert "Alles graag." not in before
    assert "Jan Jansen" not in before

    confirmed = confirm(client, secret, message)
    assert confirmed.status_code == 302
    assert confirmed["Location"].endswith("?bevestigd=1")
    html = client.get(confirmed["Location"]).content.decode()
    assert "Bedankt: uw e-mailadres is bevestigd." in html
    copy = html.split('id="copy"', 1)[1].split("</dl>", 1)[0]
    for sent in ("Jan Jansen", "jan@example.nl", "Piet Jansen", "Vroegsignalering schulden"):
        assert sent in copy
    assert "Ik wil mijn dossier zien.<br>Alles graag." in copy
    # Steps in the resident's words; no back-office bookkeeping.
    assert "U heeft het naar ons gestuurd" in html
    assert "U heeft uw e-mailadres bevestigd" in html
    assert request.events.filter(type=Event.Type.EMAIL_SENT).exists()
    for internal in ("e-mail klaargezet", "e-mail verstuurd", "email_sent", "verifying"):
        assert internal not in html
    assert "Ontvangen, wij beginnen snel" in html


def test_the_confirmed_message_needs_a_confirmed_address(
    client, django_capture_on_commit_callbacks
):
    _request, secret = file_request(django_capture_on_commit_callbacks)
    html = client.get(f"/verzoek/status/{secret}/?bevestigd=1").content.decode()
    assert "uw e-mailadres is bevestigd" not in html


# The choice page, the header, the favicon ----------------------------------------------------


def test_the_choice_page_explains_each_right_in_one_sentence(client):
    html = client.get("/verzoek/").content.decode()
    explanations = re.findall(r'</a><span class="statement-meta">([^<]+)</span>', html)
    assert len(explanations) == 7
    for sentence in explanations:
        assert sentence.endswith(".")
        assert sentence.count(". ") == 0  # one sentence
        assert len(sentence.split()) <= 20  # short, B1
    assert "Bekijk welke persoonsgegevens wij over u hebben" in html


def test_the_header_carries_the_municipalitys_name_and_the_page_a_favicon(client):
    html = client.get("/verzoek/").content.decode()
    assert '<span class="portal-wordmark">Gemeente Heerlen</span>' in html
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 302
    assert favicon["Location"] == "/static/img/favicon.ico"
    assert (ROOT / "static/img/favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


# The language switch -------------------------------------------------------------------------


def test_the_language_switch_on_a_form_carries_what_was_typed(client, monkeypatch):
    hits = []
    monkeypatch.setattr(ratelimit, "hit", lambda *args, **kwargs: hits.append(args))
    form = client.get("/verzoek/klacht/").content.decode()
    assert re.search(
        r'<button type="submit" class="portal-language__button" form="request-form" '
        r'formaction="/en/verzoek/klacht/" formnovalidate name="switch_language" value="en"',
        form,
    )
    typed = valid_form(name="Els Peters", email="els@", details="Mijn klacht.")
    response = client.post("/en/verzoek/klacht/", {**typed, "switch_language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert 'value="Els Peters"' in html
    assert 'value="els@"' in html
    assert "Mijn klacht.</textarea>" in html
    assert 'value="debt" id="id_domain_0" checked' in html
    assert f'value="{typed["started"]}"' in html  # the same form, so no double filing
    assert "aria-invalid" not in html  # not checked yet: nothing was sent
    assert not SubjectRequest.objects.exists()
    assert hits == []


# "wij" ---------------------------------------------------------------------------------------


def dutch_texts():
    """Every Dutch text of the portal's catalogue (Django's own are not ours to word)."""
    texts, current = [], None
    for line in (ROOT / "locale/nl/LC_MESSAGES/django.po").read_text().splitlines():
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1]]
            texts.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line)
        else:
            current = None
    return ["".join(part.strip('"') for part in text) for text in texts]


def test_dutch_texts_say_wij_never_we():
    texts = dutch_texts()
    assert len(texts) > 500
    assert [text for text in texts if re.search(r"\b[Ww]e\b", text)] == []
    assert not [text for text in texts if "denkt u dat de gemeente" in text]


# Links in e-mails ----------------------------------------------------------------------------


def test_email_links_are_built_on_the_public_base_url(django_capture_on_commit_callbacks):
    assert settings.PUBLIC_BASE_URL  # default http://127.0.0.1:8000, like `make run`
    with override_settings(PUBLIC_BASE_URL="http://127.0.0.1:8101"):
        file_request(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "http://127.0.0.1:8101/verzoek/status/" in message.body


@pytest.mark.parametrize("port", ["8000", "8101"])
def test_make_run_gives_the_emails_the_port_it_serves_on(port):
    dry_run = subprocess.run(
        ["make", "-n", "run", f"PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    run = dry_run[dry_run.index("PUBLIC_BASE_URL") :]
    assert f'PUBLIC_BASE_URL="${{PUBLIC_BASE_URL:-http://127.0.0.1:{port}}}"' in run
    assert f"runserver 127.0.0.1:{port}" in run
