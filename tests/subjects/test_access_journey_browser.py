"""The access journey in a real Chromium: the handler records the BSN checked at the counter,
looks up the person's case records (two early signs of debt and their child's youth case),
leaves out the other parent's data under art. 15(4); the DPO approves the answer letter; the
resident downloads the PDF and the JSON from their status page."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import YouthRepresentative
from requests_app import letter_drafts, roles, services
from requests_app.models import SubjectRequest
from tests.cases.factories import DebtSignalFactory, OrganisationFactory, YouthCaseFactory
from tests.conftest import browser_sign_in, restore_retention_policies, statements_load
from tests.requests_app.factories import staff

from .conftest import CHILD, PARENT
from .test_answer import ANSWER_FIELDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/en/beheer/requests_app/subjectrequest/"


def test_access_from_the_checked_bsn_to_the_residents_download(page, live_server):
    call_command("sync_roles", verbosity=0)
    restore_retention_policies()
    statements_load(call_command)
    DebtSignalFactory(bsn=PARENT, reporting_organisation=OrganisationFactory(name="Woonpunt"))
    DebtSignalFactory(bsn=PARENT, reporting_organisation=OrganisationFactory(name="CZ"))
    youth = YouthCaseFactory(bsn=CHILD, representatives="Jan Jansen; Els Jansen")
    YouthRepresentative.objects.create(youth_case=youth, capacity="parent", bsn=PARENT)
    request, secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl", language="en"
    )
    SubjectRequest.objects.filter(pk=request.pk).update(
        verified_at=timezone.now(), status="in_progress"
    )
    handler_user = staff(roles.HANDLER, teams=["debt", "youth"])
    handler = browser_sign_in(page, live_server, handler_user)

    handler.goto(f"{live_server.url}{BASE}{request.pk}/change/")
    handler.get_by_label("BSN").fill(PARENT)
    handler.get_by_label("Checked by").select_option("counter")
    handler.get_by_role("button", name="Record the checked BSN").click()
    handler.get_by_role("link", name="Look up the case records").click()
    assert handler.get_by_role("heading", name="Early sign of debt of").count() == 2
    youth_heading = handler.get_by_role("heading", name="Youth assistance case of")
    assert "as parent or legal representative" in youth_heading.inner_text()
    row = handler.get_by_role("row").filter(has_text="Els Jansen")
    row.get_by_label("Reason").fill("Data of the other parent")
    row.get_by_role("button", name="Leave out").click()
    assert handler.get_by_text("Left out: Data of the other parent").count() == 1

    request.refresh_from_db()
    draft = letter_drafts.draft_start(request=request, letter_type="answer", actor=handler_user)
    draft = letter_drafts.draft_save(
        draft=draft, fields=ANSWER_FIELDS, actor=handler_user, expected_version=draft.version
    )
    letter_drafts.draft_submit(draft=draft, actor=handler_user, expected_version=draft.version)
    dpo = browser_sign_in(page.context.browser.new_page(), live_server, staff(roles.DPO))
    dpo.goto(f"{live_server.url}{BASE}{request.pk}/letter-draft/{draft.public_id}/")
    dpo.get_by_role("button", name="Approve and issue the letter").click()
    dpo.get_by_text("issued").first.wait_for()

    resident = page.context.browser.new_page()
    resident.goto(f"{live_server.url}/en/verzoek/status/{secret}/")
    with resident.expect_download() as pdf_download:
        resident.get_by_role("link", name="inzage.pdf").click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF-")
    with resident.expect_download() as json_download:
        resident.get_by_role("link", name="gegevens.json").click()
    exported = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert {record["source"] for record in exported["records"]} >= {"Woonpunt", "CZ"}
    assert "Els Jansen" not in json.dumps(exported)
