"""Journeys in a real Chromium (issue 12): for every type, send the form, get the thank-you
page (never the link), read the e-mail (the locmem outbox), confirm the code, and see the
answer on the status page; an attacker who files in someone else's name gets none of it; a
form left open too long, a rate-limited send and a new code, each without losing anything."""

import datetime
import re
import time

import pytest
from django.core import mail
from django.utils import timezone

from requests_app import letters, ratelimit
from requests_app.answer_files import response_file_attach
from requests_app.forms import form_started_token
from requests_app.models import SubjectRequest

from .test_browser import assert_accessible
from .test_letters import valid_fields

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KINDS = ["inzage", "correctie", "verwijdering", "beperking", "overdracht", "bezwaar", "klacht"]
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


def wait_for_mail(count=1):
    deadline = time.monotonic() + 10
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(mail.outbox) >= count
    return mail.outbox[count - 1]


def link_in(message, live_server):
    url = next(line for line in message.body.splitlines() if "/verzoek/status/" in line)
    return live_server.url + "/" + url.split("://", 1)[1].split("/", 1)[1]


def code_in(message):
    return re.search(r"code(?: is|:) (\d{6})", message.body).group(1)


def fill_form(
    page, *, name="Jan Jansen", email="jan@example.nl", details="Het gaat om mijn dossier."
):
    page.get_by_label("Uw naam").fill(name)
    page.get_by_label("Uw e-mailadres").fill(email)
    page.get_by_label("Vroegsignalering schulden").check()
    page.locator("#id_details").fill(details)


def answer(request):
    """Staff answer: the answer letter, and a file."""
    letters.letter_issue(
        request=request,
        letter_type="answer",
        fields=valid_fields("answer", request.kind),
    )
    response_file_attach(request=request, name="antwoord.pdf", content=PDF)


@pytest.mark.parametrize("kind", KINDS)
def test_send_thank_you_email_code_and_the_answer(page, live_server, kind):
    mail.outbox.clear()
    page.goto(f"{live_server.url}/verzoek/{kind}/")
    page.wait_for_timeout(3100)
    fill_form(page)
    page.get_by_role("button", name="Versturen").click()

    heading = page.get_by_role("heading", level=1).inner_text()
    thing = "klacht" if kind == "klacht" else "verzoek"
    assert heading == f"Bedankt: wij hebben uw {thing} ontvangen"
    request = SubjectRequest.objects.get()
    assert request.reference in page.content()
    assert "/verzoek/status/" not in page.content()
    assert "3 dagen geldig" in page.content()
    assert_accessible(page)

    message = wait_for_mail()
    assert request.reference in message.subject
    assert "3 dagen geldig" in message.body
    page.goto(link_in(message, live_server))
    assert "pas als uw e-mailadres met de code is bevestigd" in page.content()
    assert_accessible(page)
    page.get_by_label("Code uit de e-mail").fill(code_in(message))
    page.get_by_role("button", name="Bevestigen", exact=True).click()
    assert page.get_by_label("Code uit de e-mail").count() == 0

    answer(request)
    page.reload()
    assert page.locator("a[href*='/brieven/']").count() == 1
    assert page.locator("a[href*='/bestanden/']").count() == 1
    assert (page.locator("a[href$='gegevens.json']").count() == 1) == (kind == "overdracht")
    assert_accessible(page)
    href = page.locator("a[href*='/brieven/']").get_attribute("href")
    download = page.request.get(live_server.url + href)
    assert download.status == 200
    assert download.body().startswith(b"%PDF")


def test_an_attacker_filing_in_someone_elses_name_gets_no_answer(page, live_server):
    mail.outbox.clear()
    page.goto(f"{live_server.url}/verzoek/overdracht/")
    page.wait_for_timeout(3100)
    fill_form(page, name="Maria Peters", email="maria@example.nl", details="Alles graag.")
    page.get_by_role("button", name="Versturen").click()
    assert "/verzoek/status/" not in page.url
    assert "/verzoek/status/" not in page.content()
    request = SubjectRequest.objects.get()
    answer(request)

    # The filing browser has no link: not in its address bar, its page or its history.
    history = page.evaluate("window.history.length")
    assert history <= 3
    assert "/verzoek/status/" not in page.url
    # Even holding the link from Maria's e-mail (as the old redirect gave it), without the
    # code in her mailbox nothing of the answer comes back.
    link = link_in(wait_for_mail(), live_server)
    page.goto(link)
    assert page.locator("a[href*='/brieven/']").count() == 0
    assert page.locator("a[href*='/bestanden/']").count() == 0
    assert page.locator("a[href*='gegevens.']").count() == 0
    assert "Alles graag." not in page.content()
    letter = request.letters.get()
    stored = request.response_files.get()
    for path in (
        f"brieven/{letter.public_id}/",
        f"bestanden/{stored.public_id}/",
        "gegevens.json",
        "gegevens.csv",
    ):
        response = page.request.get(link + path)
        assert response.status == 404, path
        assert b"%PDF" not in response.body()
        assert b"Maria" not in response.body()


def test_a_form_left_open_too_long_is_sent_on_the_second_try(page, live_server, monkeypatch):
    page.goto(f"{live_server.url}/verzoek/klacht/")
    old = form_started_token(timezone.now() - datetime.timedelta(hours=3))
    page.evaluate(f"document.querySelector('[name=started]').value = '{old}'")
    fill_form(page, details="Een lange klacht, geschreven over de lunch.")
    page.get_by_role("button", name="Versturen").click()
    assert "te lang open" in page.content()
    assert (
        page.locator("#id_details").input_value() == "Een lange klacht, geschreven over de lunch."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Versturen").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bedankt")
    assert SubjectRequest.objects.get().details == "Een lange klacht, geschreven over de lunch."


def test_a_rate_limited_send_keeps_the_input_and_says_the_true_wait(page, live_server, monkeypatch):
    monkeypatch.setattr(ratelimit, "PER_ADDRESS", ((100, ratelimit.HOUR), (1, ratelimit.DAY)))
    page.goto(f"{live_server.url}/verzoek/klacht/")
    page.wait_for_timeout(3100)
    fill_form(page, details="Eerste klacht")
    page.get_by_role("button", name="Versturen").click()
    page.goto(f"{live_server.url}/verzoek/klacht/")
    page.wait_for_timeout(3100)
    fill_form(page, email="els@voorbeeld.nl", details="Tweede klacht, die ik niet kwijt wil.")
    page.get_by_role("button", name="Versturen").click()
    assert "24 uur" in page.content()
    assert page.locator("#id_details").input_value() == "Tweede klacht, die ik niet kwijt wil."
    assert page.get_by_label("Uw e-mailadres").input_value() == "els@voorbeeld.nl"
    assert_accessible(page)
    assert SubjectRequest.objects.count() == 1


def test_asking_for_a_new_code_after_five_wrong_ones(page, live_server):
    mail.outbox.clear()
    page.goto(f"{live_server.url}/verzoek/inzage/")
    page.wait_for_timeout(3100)
    fill_form(page)
    page.get_by_role("button", name="Versturen").click()
    first = wait_for_mail()
    page.goto(link_in(first, live_server))
    wrong = "000000" if code_in(first) != "000000" else "111111"
    for _ in range(5):
        page.get_by_label("Code uit de e-mail").fill(wrong)
        page.get_by_role("button", name="Bevestigen", exact=True).click()
    assert "Vraag hieronder een nieuwe code aan" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Stuur mij een nieuwe code").click()
    assert "3 dagen geldig" in page.content()
    second = wait_for_mail(2)
    page.get_by_label("Code uit de e-mail").fill(code_in(second))
    page.get_by_role("button", name="Bevestigen", exact=True).click()
    assert page.get_by_label("Code uit de e-mail").count() == 0
    assert SubjectRequest.objects.get().verified_at is not None


def test_the_english_journey_and_its_pages_at_phone_width(page, live_server):
    mail.outbox.clear()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/en/verzoek/inzage/")
    page.wait_for_timeout(3100)
    page.get_by_label("Your name").fill("Jan Jansen")
    page.get_by_label("Your e-mail address").fill("jan@example.nl")
    page.locator("input[name=domain]").first.check()
    page.get_by_role("button", name="Send").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Thank you")
    assert "What happens next" in page.content()
    assert_accessible(page)
    message = wait_for_mail()
    assert "valid for 3 days" in message.body
    page.goto(link_in(message, live_server))
    assert "/en/verzoek/status/" in page.url
    assert "only once your e-mail address is confirmed" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Send me a new code").click()
    assert "It is valid for 3 days" in page.content()
    assert_accessible(page)
