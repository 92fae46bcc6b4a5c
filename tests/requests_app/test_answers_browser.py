"""The handler's journey in a real Chromium: on the request's page they choose an answer file,
add it, and find it listed with its download link; the page still passes axe."""

import pytest
from django.conf import settings
from django.test import Client

from core.sync import roles_sync
from requests_app import roles
from requests_app.models import ResponseFile
from tests.conftest import otp_login
from tests.heerlen_privacy.test_browser import AXE, WCAG

from .factories import staff, subject_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_handler_adds_an_answer_file_on_the_request_page(page, live_server):
    roles_sync()  # a transactional test's flush removed the groups the migrations made
    handler = staff(roles.HANDLER, teams=["debt"])
    obj = subject_request(domain="debt", status="in_progress")
    session = otp_login(Client(), handler).cookies[settings.SESSION_COOKIE_NAME].value
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "domain": host, "path": "/"}]
    )
    page.goto(f"{live_server.url}/beheer/requests_app/subjectrequest/{obj.pk}/change/")
    page.get_by_label("Bestand bij het antwoord").set_input_files(
        {"name": "inzage.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}
    )
    page.get_by_role("button", name="Bestand toevoegen aan het antwoord").click()

    page.get_by_text("Het bestand is toegevoegd aan het antwoord.").wait_for()
    stored = ResponseFile.objects.get(request=obj)
    files = page.locator(".rq-answer-files")
    assert files.get_by_role("cell", name="inzage.pdf").count() == 1
    assert files.locator(f"a[href$='answer-files/{stored.public_id}/']").count() == 1
    result = AXE.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
