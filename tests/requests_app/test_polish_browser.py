"""The journey polish of issue 12 (item 5) in a real Chromium, in Dutch and English: every new
state passes axe, and what the review saw is gone. With SCREENSHOTS_DIR set, each state is
also saved at 375 and 1280 px for a person to look at."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

from requests_app.models import Status, SubjectRequest
from requests_app.services import request_submit
from tests.requests_app.test_browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 1280)
SHOTS = os.environ.get("SCREENSHOTS_DIR")
PREFIX = {"nl": "", "en": "/en"}


def shoot(page, name):
    """Saves the page at phone and desktop width, when asked to (never in CI)."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size(size)


def style(page, selector, prop):
    return page.evaluate(
        f"getComputedStyle(document.querySelector('{selector}')).getPropertyValue('{prop}')"
    )


def active_style(page, prop):
    return page.evaluate(f"getComputedStyle(document.activeElement).getPropertyValue('{prop}')")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_fresh_form_looks_clean_and_shows_keyboard_focus(page, live_server, lang):
    page.goto(f"{live_server.url}{PREFIX[lang]}/verzoek/klacht/")
    assert page.evaluate("document.querySelectorAll(':invalid').length") == 0
    assert page.locator("[aria-invalid=true]").count() == 0
    assert style(page, "#id_details", "background-color") == "rgb(255, 255, 255)"
    assert_accessible(page)
    shoot(page, f"form-fresh-{lang}")

    page.locator("#id_email").focus()
    page.keyboard.press("Tab")  # the first radio, by keyboard
    assert page.evaluate("document.activeElement.id") == "id_domain_0"
    assert active_style(page, "outline-style") == "solid"
    assert active_style(page, "outline-width") == "3px"
    assert "rgb(255, 221, 0)" in active_style(page, "box-shadow")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert active_style(page, "outline-width") == "3px"
    assert "rgb(255, 221, 0)" in active_style(page, "box-shadow")
    shoot(page, f"form-focus-{lang}")


@pytest.mark.parametrize(
    ("lang", "left"), [("nl", "U kunt nog 4.995 tekens typen."), ("en", "You can type 4,995")]
)
def test_the_counter_counts_down_and_tells_screen_readers_when_typing_pauses(
    page, live_server, lang, left
):
    page.goto(f"{live_server.url}{PREFIX[lang]}/verzoek/klacht/")
    counter = page.locator("#id_details_counter")
    assert counter.is_visible()
    page.locator("#id_details").press_sequentially("Hallo")
    assert left in counter.inner_text()
    live = page.locator("#id_details_counter_live")
    assert live.get_attribute("aria-live") == "polite"
    page.wait_for_timeout(1300)
    assert left in live.inner_text()
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_error_summary_is_stacked_above_the_form(page, live_server, lang):
    page.goto(f"{live_server.url}{PREFIX[lang]}/verzoek/klacht/")
    page.wait_for_timeout(3100)
    page.locator("#request-form button[type=submit]").click()
    assert page.evaluate("document.activeElement.id") == "error-summary-title"
    heading = page.locator("#error-summary-title").bounding_box()
    first_link = page.locator(".portal-error-summary__list a").first.bounding_box()
    assert first_link["y"] > heading["y"] + heading["height"]  # below, not beside
    assert abs(first_link["x"] - heading["x"]) < 40
    page.locator(".portal-error-summary__list a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    assert_accessible(page)
    shoot(page, f"form-errors-{lang}")


def test_switching_language_on_a_form_keeps_what_was_typed(page, live_server):
    page.goto(f"{live_server.url}/verzoek/klacht/")
    page.get_by_label("Uw naam").fill("Els Peters")
    page.get_by_label("Toegang jeugdhulp").check()
    page.locator("#id_details").fill("Mijn brief is naar een ander adres gestuurd.")
    page.get_by_role("button", name="English").click()
    assert page.url == f"{live_server.url}/en/verzoek/klacht/"
    assert page.get_by_label("Your name").input_value() == "Els Peters"
    assert page.get_by_label("Access to youth assistance").is_checked()
    assert page.locator("#id_details").input_value().startswith("Mijn brief")
    assert page.locator("[aria-invalid=true]").count() == 0
    assert_accessible(page)
    shoot(page, "form-switched-en")
    page.get_by_role("button", name="Nederlands").click()
    assert page.get_by_label("Uw naam").input_value() == "Els Peters"
    page.wait_for_timeout(3100)
    page.get_by_label("Uw e-mailadres").fill("els@example.nl")
    page.get_by_role("button", name="Versturen").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Bedankt: wij hebben uw klacht ontvangen"
    )
    assert SubjectRequest.objects.get().name == "Els Peters"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_choice_page_explains_each_right(page, live_server, lang):
    page.goto(f"{live_server.url}{PREFIX[lang]}/verzoek/")
    assert page.locator(".portal-choices .statement-meta").count() == 7
    assert page.locator(".portal-wordmark").inner_text() in (
        "Gemeente Heerlen",
        "Municipality of Heerlen",
    )
    icon = page.request.get(f"{live_server.url}/favicon.ico")
    assert icon.status == 200
    assert icon.body()[:4] == b"\x00\x00\x01\x00"
    assert_accessible(page)
    shoot(page, f"choice-{lang}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_confirm_see_the_copy_then_withdraw_after_confirming(page, live_server, lang):
    mail.outbox.clear()
    complaint, secret = request_submit(
        kind="complaint",
        domain="youth",
        name="Els Peters",
        email="els@example.nl",
        details="Mijn brief ging naar een ander adres.\nDat mag niet.",
        language=lang,
    )
    code = re.search(r"code(?: is|:) (\d{6})", mail.outbox[0].body).group(1)
    status_url = f"{live_server.url}{PREFIX[lang]}/verzoek/status/{secret}/"
    page.goto(status_url)
    page.locator("#id_code").fill(code)
    page.locator("form[action$='/bevestigen/'] button").click()
    assert page.locator(".portal-notice").is_visible()
    copy = page.locator(".portal-copy")
    assert "Els Peters" in copy.inner_text()
    assert "Dat mag niet." in copy.inner_text()
    main = page.locator("main").inner_text()
    assert {"nl": "U heeft het naar ons gestuurd", "en": "You sent it to us"}[lang] in main
    for internal in ("klaargezet", "queued", "e-mail verstuurd", "e-mail sent"):
        assert internal not in main
    assert_accessible(page)
    shoot(page, f"status-confirmed-{lang}")

    name = {"nl": "Mijn klacht intrekken", "en": "Withdraw my complaint"}[lang]
    page.get_by_role("button", name=name).click()
    assert "/intrekken/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() in (
        "Uw klacht intrekken?",
        "Withdraw your complaint?",
    )
    assert_accessible(page)
    shoot(page, f"withdraw-confirm-{lang}")
    complaint.refresh_from_db()
    assert complaint.status != Status.WITHDRAWN  # asking is not withdrawing
    yes = {"nl": "Ja, mijn klacht intrekken", "en": "Yes, withdraw my complaint"}[lang]
    page.get_by_role("button", name=yes).click()
    assert page.url == status_url
    complaint.refresh_from_db()
    assert complaint.status == Status.WITHDRAWN
    assert page.get_by_role("button", name=name).count() == 0
    assert_accessible(page)
    shoot(page, f"status-withdrawn-{lang}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_retention_tables_are_readable_on_a_phone(page, live_server, published, lang):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{PREFIX[lang]}/toegang-jeugdhulp/")
    cells = page.locator(".statement-table td")
    assert cells.count() >= 8
    table_width = page.locator(".statement-table").bounding_box()["width"]
    # Stacked: every value as wide as the table, under its column's name.
    for box in (cells.nth(i).bounding_box() for i in range(cells.count())):
        assert box["width"] > table_width - 10
    assert style(page, ".statement-table td", "display") == "block"
    # No word is wider than its cell, so none is broken.
    too_wide = page.evaluate(
        """() => {
            const canvas = document.createElement("canvas").getContext("2d");
            const out = [];
            for (const td of document.querySelectorAll(".statement-table td")) {
                const s = getComputedStyle(td);
                canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
                const padding = parseFloat(s.paddingLeft) + parseFloat(s.paddingRight);
                const room = td.clientWidth - padding;
                for (const word of td.innerText.split(/\\s+/)) {
                    if (canvas.measureText(word).width > room) out.push(word);
                }
            }
            return out;
        }"""
    )
    assert too_wide == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert_accessible(page)
    shoot(page, f"retention-table-{lang}")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert style(page, ".statement-table td", "display") == "table-cell"
