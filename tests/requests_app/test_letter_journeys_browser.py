"""Decision letters in a real Chromium, as a handler and the DPO: a refusal written by the
handler, refused as a step until its letter is issued, approved by the DPO (four-eyes) and
read by the resident; and a complaint from receipt to judgement (DPO review 3 and 4)."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from requests_app import roles, services
from requests_app.models import Letter, SubjectRequest
from tests.conftest import browser_sign_in
from tests.heerlen_privacy.test_browser import AXE, WCAG

from .factories import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/en/beheer/requests_app/subjectrequest/"


@pytest.fixture
def roles_synced():
    # A transactional test's flush removes the groups the migrations made.
    call_command("sync_roles", verbosity=0)


def test_a_refusal_needs_its_letter_and_a_second_persons_approval(page, live_server, roles_synced):
    request, secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl", language="en"
    )
    SubjectRequest.objects.filter(pk=request.pk).update(
        verified_at=timezone.now(), identity_method="digid", status="in_progress"
    )
    handler = browser_sign_in(page, live_server, staff(roles.HANDLER, teams=["debt"]))
    requested = []
    handler.on("request", lambda r: requested.append(r.url))
    handler.goto(f"{live_server.url}{BASE}{request.pk}/change/")

    # Closing as refused before the letter is issued is refused, and says why.
    handler.get_by_label("New status").select_option("refused")
    handler.get_by_label("Legal ground for a refusal").select_option("gdpr_12_5")
    handler.get_by_label("Note, reason or explanation").fill("Vijfde verzoek deze week.")
    handler.get_by_role("button", name="Change the status").click()
    assert "Issue the decision letter" in handler.locator(".messagelist").inner_text()

    handler.get_by_role("button", name="Write: refusal with reasons").click()
    handler.get_by_label("Legal ground").select_option("gdpr_12_5")
    handler.get_by_label("Explanation").fill("This is your fifth request this week.")
    handler.get_by_label("Signed by (name and position)").fill("A. de Vries, DPO")
    handler.get_by_role("button", name="Save", exact=True).click()
    href = handler.get_by_role("link", name="Preview the letter as PDF").get_attribute("href")
    preview = handler.request.get(live_server.url + href)
    assert preview.body().startswith(b"%PDF-")
    result = AXE.run(handler, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
    handler.get_by_role("button", name="Save and send for approval").click()
    handler.get_by_text("Sent for approval").wait_for()
    assert handler.get_by_role("button", name="Approve and issue the letter").count() == 0
    draft_url = handler.url

    dpo = browser_sign_in(page.context.browser.new_page(), live_server, staff(roles.DPO))
    dpo.goto(draft_url)
    dpo.get_by_role("button", name="Approve and issue the letter").click()
    dpo.get_by_text("The letter was issued.").wait_for()
    letter = Letter.objects.get(request=request)
    assert letter.approved_by.groups.filter(name=roles.DPO).exists()

    handler.goto(f"{live_server.url}{BASE}{request.pk}/change/")
    handler.get_by_label("New status").select_option("refused")
    handler.get_by_label("Note, reason or explanation").fill("Zie de brief.")
    handler.get_by_role("button", name="Change the status").click()
    assert "now “refused”" in handler.locator(".messagelist").inner_text()

    resident = page.context.browser.new_page()
    resident.goto(f"{live_server.url}/en/verzoek/status/{secret}/")
    assert resident.get_by_role("link", name="Refusal with reasons").is_visible()
    assert [u for u in requested if not u.startswith(live_server.url)] == []


def test_a_complaint_from_receipt_to_judgement(page, live_server, roles_synced):
    complaint, _secret = services.request_submit(
        kind="complaint", domain="debt", name="Klaas Kok", email="klaas@example.nl", language="en"
    )
    dpo = browser_sign_in(page, live_server, staff(roles.DPO))
    dpo.goto(f"{live_server.url}{BASE}{complaint.pk}/change/")
    dpo.get_by_label("New status").select_option("in_progress")
    dpo.get_by_role("button", name="Change the status").click()
    dpo.get_by_role("button", name="Write: answer").click()
    dpo.get_by_label("What we found").fill("The letter went to a wrong address.")
    dpo.get_by_label("Judgement").select_option("well_founded")
    dpo.get_by_label("Conclusions").fill("We changed how addresses are checked.")
    dpo.get_by_label("Signed by (name and position)").fill("A. de Vries, DPO")
    dpo.get_by_role("button", name="Save and send for approval").click()

    deputy = browser_sign_in(page.context.browser.new_page(), live_server, staff(roles.DPO))
    deputy.goto(dpo.url)
    deputy.get_by_role("button", name="Approve and issue the letter").click()
    deputy.get_by_text("The letter was issued.").wait_for()
    deputy.goto(f"{live_server.url}{BASE}{complaint.pk}/change/")
    deputy.get_by_label("New status").select_option("completed")
    deputy.get_by_role("button", name="Change the status").click()
    deputy.get_by_text("The request is now").wait_for()
    assert "now “completed”" in deputy.locator(".messagelist").inner_text()
    complaint.refresh_from_db()
    assert complaint.status == "completed"
    assert "well-founded" in Letter.objects.get(request=complaint).html
