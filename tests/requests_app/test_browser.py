"""Filing a request in a real Chromium: every state passes axe, errors take focus."""

import pytest

from requests_app.models import SubjectRequest
from tests.heerlen_privacy.test_browser import AXE, WCAG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page):
    result = AXE.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


@pytest.mark.parametrize("kind", ["inzage", "correctie", "klacht"])
def test_filing_a_request_from_empty_to_error_to_done(page, live_server, kind):
    page.goto(f"{live_server.url}/verzoek/{kind}/")
    assert_accessible(page)

    page.wait_for_timeout(3100)  # a person takes longer than the bot threshold
    page.get_by_role("button", name="Versturen").click()
    assert page.title().startswith("Fout:")
    assert page.evaluate("document.activeElement.id") == "error-summary-title"
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    page.get_by_label("Uw naam").fill("Jan Jansen")
    page.get_by_label("Uw e-mailadres").fill("jan@example.nl")
    page.get_by_label("Vroegsignalering schulden").check()
    if kind != "inzage":
        page.locator("#id_details").fill("Mijn adres klopt niet.")
    page.get_by_role("button", name="Versturen").click()
    assert "/verzoek/status/" not in page.url
    assert "/verzoek/status/" not in page.content()
    thing = "klacht" if kind == "klacht" else "verzoek"
    assert f"Bedankt: wij hebben uw {thing} ontvangen" in page.content()
    assert_accessible(page)
    assert SubjectRequest.objects.count() == 1


def test_the_choice_page_and_the_english_form(page, live_server):
    page.goto(f"{live_server.url}/verzoek/")
    assert_accessible(page)
    page.get_by_role("link", name="Uw gegevens inzien (AVG artikel 15)").click()
    page.get_by_role("button", name="English").click()  # a form's switch keeps the input
    assert page.url == f"{live_server.url}/en/verzoek/inzage/"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Access to your data")
    assert_accessible(page)


def test_withdrawing_in_the_browser(page, live_server):
    from requests_app.services import request_submit

    _request, secret = request_submit(
        kind="access", domain="other", name="Jan Jansen", email="jan@example.nl"
    )
    page.goto(f"{live_server.url}/verzoek/status/{secret}/")
    assert_accessible(page)
    page.get_by_role("button", name="Mijn verzoek intrekken").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Uw verzoek intrekken?"
    assert_accessible(page)
    page.get_by_role("button", name="Ja, mijn verzoek intrekken").click()
    assert "Ingetrokken" in page.content()
    assert page.get_by_role("button", name="Mijn verzoek intrekken").count() == 0
