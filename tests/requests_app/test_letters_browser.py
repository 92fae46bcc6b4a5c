"""The status page with letters and answer files, and the pages for a wrong or expired
download, in a real Chromium: each passes axe (WCAG 2.1 AA)."""

import datetime

import pytest
from django.utils import timezone

from requests_app import letters, services
from requests_app.answer_files import response_file_attach
from requests_app.models import ResponseFile, SubjectRequest

from .test_browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_letters_files_and_download_pages_are_accessible(page, live_server, prefix):
    request, secret = services.request_submit(
        kind="portability", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )
    # The resident confirmed the address with the code: the answer is shown (test_journeys.py
    # walks through that in the browser).
    SubjectRequest.objects.filter(pk=request.pk).update(verified_at=timezone.now())
    kept = response_file_attach(request=request, name="dossier.csv", content=b"a;b\r\n")
    gone = response_file_attach(request=request, name="oud.pdf", content=b"%PDF-1.7\n")
    ResponseFile.objects.filter(pk=gone.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=70),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    letters.letter_issue(
        request=request,
        letter_type="answer",
        fields={"data_summary": "Uw verzoek.", "signatory": "FG"},
    )
    status = f"{live_server.url}{prefix}/verzoek/status/{secret}/"
    page.goto(status)
    assert page.locator(f"a[href*='bestanden/{kept.public_id}']").count() == 1
    assert page.locator(f"a[href*='bestanden/{gone.public_id}']").count() == 0
    assert page.locator("a[href*='/brieven/']").count() == 1
    assert page.locator("a[href$='gegevens.json']").count() == 1
    assert_accessible(page)

    page.goto(f"{status}bestanden/{gone.public_id}/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.goto(f"{status}brieven/onbekend/")
    assert_accessible(page)
    page.locator("main a").first.click()
    assert page.url == status
