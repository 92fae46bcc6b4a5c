"""A paper request without an e-mail address, from registration to the printed letter, in a
real Chromium as a handler (DPO review 1: such a request could not be answered on paper)."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from requests_app import roles
from requests_app.models import Letter, SubjectRequest
from tests.conftest import browser_sign_in
from tests.heerlen_privacy.test_browser import AXE, WCAG

from .factories import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/en/beheer/requests_app/subjectrequest/"


def test_a_paper_request_is_registered_answered_and_printed_for_the_envelope(
    page, live_server, tmp_path
):
    call_command("sync_roles", verbosity=0)  # a transactional test's flush removed the groups
    handler = staff(roles.HANDLER, teams=["debt"])
    browser_sign_in(page, live_server, handler)
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{live_server.url}{BASE}register/")
    page.locator("#id_channel").select_option("letter")
    page.locator("#id_received_on").fill(timezone.localdate().isoformat())
    page.locator("#id_kind").select_option("access")
    page.locator("#id_domain").select_option("debt")
    page.locator("#id_name").fill("Kees Kok")
    page.locator("#id_postal_address").fill("Akerstraat 5\n6411 HB Heerlen")
    page.get_by_label("by post").check()
    page.locator("#id_language").select_option("nl")
    page.get_by_role("button", name="Register").click()
    page.get_by_text("Letters go by post").wait_for()
    request = SubjectRequest.objects.get()
    assert request.delivery == "post"

    page.get_by_role("button", name="Write: acknowledgement of receipt").click()
    page.get_by_role("button", name="Save and issue the letter").click()
    page.get_by_text("The letter was issued.").wait_for()
    assert Letter.objects.filter(request=request, printed_at=None).count() == 1

    page.goto(f"{live_server.url}{BASE}post-tray/")
    assert request.reference in page.content()
    result = AXE.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Print these letters (one PDF)").click()
    saved = Path(tmp_path) / "post.pdf"
    download_info.value.save_as(saved)
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Kees Kok" in text
    assert "6411 HB Heerlen" in text
    assert request.reference in text
    assert Letter.objects.get(request=request).printed_by == handler
    page.goto(f"{live_server.url}{BASE}post-tray/")
    assert request.reference not in page.content()
    assert [u for u in requested if not u.startswith(live_server.url)] == []
