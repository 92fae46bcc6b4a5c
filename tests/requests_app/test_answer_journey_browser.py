"""A web access request from the resident's form to the approved answer, in Chromium: the
resident files and confirms the code; a handler takes it from the queue, uploads the answer
file and writes the answer; the DPO approves it (four-eyes); the handler closes the request;
the resident downloads the letter and the file (issue 13, done-when)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from requests_app import roles
from requests_app.models import Letter, SubjectRequest
from tests.conftest import browser_sign_in

from .factories import staff
from .test_journeys import code_in, fill_form, link_in, wait_for_mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/en/beheer/requests_app/subjectrequest/"
CSV = b"datum;soort\n2026-01-15;signaal\n"


def test_a_web_access_request_from_the_queue_to_the_downloaded_answer(page, live_server, tmp_path):
    call_command("sync_roles", verbosity=0)  # a transactional test's flush removed the groups
    mail.outbox.clear()
    page.goto(f"{live_server.url}/verzoek/inzage/")
    page.wait_for_timeout(3100)  # the form refuses what is sent faster than a person types
    fill_form(page)
    page.get_by_role("button", name="Versturen").click()
    message = wait_for_mail()
    status_url = link_in(message, live_server)
    page.goto(status_url)
    page.get_by_label("Code uit de e-mail").fill(code_in(message))
    page.get_by_role("button", name="Bevestigen", exact=True).click()
    request = SubjectRequest.objects.get()

    browser = page.context.browser
    handler = browser_sign_in(
        browser.new_context().new_page(), live_server, staff(roles.HANDLER, teams=["debt"])
    )
    handler.goto(f"{live_server.url}{BASE}")
    handler.get_by_role("link", name=request.reference).click()
    handler.get_by_label("New status").select_option("in_progress")
    handler.get_by_label("Identity verified by").select_option("known_email")
    handler.get_by_role("button", name="Change the status").click()
    upload = tmp_path / "overzicht.csv"
    upload.write_bytes(CSV)
    handler.locator("input[type=file]").set_input_files(str(upload))
    handler.get_by_role("button", name="Add the file to the answer").click()
    handler.get_by_role("button", name="Write: answer").click()
    handler.get_by_label("The data we hold, in summary").fill("Eén signaal van uw verhuurder.")
    handler.get_by_label("For what purposes we use it").fill("Vroegsignalering schulden.")
    handler.get_by_label("With whom we share it").fill("Niemand.")
    handler.get_by_label("How long we keep it").fill("Zes maanden.")
    handler.get_by_label("Where it comes from").fill("Uw verhuurder.")
    handler.get_by_label("Signed by (name and position)").fill("A. de Vries, FG")
    handler.get_by_role("button", name="Save and send for approval").click()
    draft_url = handler.url

    dpo = browser_sign_in(browser.new_context().new_page(), live_server, staff(roles.DPO))
    dpo.goto(draft_url)
    dpo.get_by_role("button", name="Approve and issue the letter").click()
    dpo.get_by_text("The letter was issued.").wait_for()
    assert Letter.objects.get(request=request).approved_by is not None

    handler.goto(f"{live_server.url}{BASE}{request.pk}/change/")
    handler.get_by_label("New status").select_option("completed")
    handler.get_by_role("button", name="Change the status").click()
    handler.get_by_text("The request is now").wait_for()
    request.refresh_from_db()
    assert request.status == "completed"

    page.goto(status_url)
    letter_href = page.locator("a[href*='/brieven/']").get_attribute("href")
    file_href = page.locator("a[href*='/bestanden/']").get_attribute("href")
    letter = page.request.get(live_server.url + letter_href)
    assert letter.body().startswith(b"%PDF")
    answer_file = page.request.get(live_server.url + file_href)
    assert answer_file.body() == CSV
    # The download is for this resident's link only: without it, nothing.
    assert Client().get(
        file_href.replace(status_url.split("/status/")[1].split("/")[0], "x" * 43)
    ).status_code in (404, 410)
