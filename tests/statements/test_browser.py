"""Statement pages in a real Chromium: axe (WCAG 2.1 AA + 2.2 AA) finds nothing, nothing is
loaded from another host, no cookie is set, and the reader can go from page to page."""

import datetime

import pytest
from django.core.management import call_command

from statements.models import Statement
from statements.services import version_new_draft, version_publish
from tests.conftest import statements_load
from tests.heerlen_privacy.test_browser import AXE, WCAG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/algemeen/",
    "/website/",
    "/vroegsignalering-schulden/",
    "/toegang-jeugdhulp/",
    "/vroegsignalering-schulden/versies/",
    "/vroegsignalering-schulden/versies/1/",
    "/vroegsignalering-schulden/versies/2/wijzigingen/",
    "/bestaat-niet/",
    "/en/",
    "/en/toegang-jeugdhulp/",
    "/en/vroegsignalering-schulden/versies/2/wijzigingen/",
]


@pytest.fixture
def statements():
    statements_load(call_command)
    first = Statement.objects.get(slug="vroegsignalering-schulden").current_version()
    draft = version_new_draft(source=first)
    draft.effective_date = datetime.date(2026, 2, 1)
    draft.change_summary_nl, draft.change_summary_en = "Kortere termijn", "Shorter period"
    draft.save()
    draft.retention_rules.filter(code="debt-arrears-resolved").update(period="P3M")
    version_publish(
        version=draft, user=None, now=datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC)
    )


@pytest.mark.parametrize("path", PAGES)
def test_public_page_passes_axe_and_stays_on_this_host(page, live_server, statements, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    result = AXE.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
    assert [u for u in requested if not u.startswith(live_server.url)] == []
    assert page.context.cookies() == []


def test_reader_goes_from_index_to_statement_to_archive_and_changes(page, live_server, statements):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Privacyverklaring Vroegsignalering schulden").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Privacyverklaring")
    page.get_by_role("link", name="Eerdere versies").click()
    # The seed is at version 2 of the debt statement; the fixture published version 3.
    page.get_by_role("link", name="Wijzigingen in versie 3").click()
    assert "3 maanden" in page.content()
    page.get_by_role("link", name="English").click()
    assert page.url == live_server.url + "/en/vroegsignalering-schulden/versies/3/wijzigingen/"
    assert "3 months" in page.content()


def test_statement_is_readable_at_320_pixels(page, live_server, statements):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/toegang-jeugdhulp/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_real_visit_is_counted_anonymously(page, live_server, statements):
    from statements.models import PageStatistic

    page.goto(live_server.url + "/website/")
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/")  # leaving the page sends its duration
    page.wait_for_load_state("networkidle")
    row = PageStatistic.objects.get(path="/website/")
    assert row.views == 1
    assert row.timed_views == 1
    assert page.context.cookies() == []


def test_api_docs_render_under_our_csp_from_this_host_only(page, live_server):
    """The developer docs (Swagger UI) work without relaxing the CSP. axe still reports
    contrast, nested-interactive and target-size findings inside Swagger UI itself; they are
    upstream's and the docs are for developers, not residents (noted in the issue)."""
    console, requested = [], []
    page.on("console", lambda message: console.append(message.text))
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info")
    assert "Heerlen privacy portal API" in page.inner_text(".swagger-ui .info")
    assert [m for m in console if "Content Security Policy" in m] == []
    assert [u for u in requested if not u.startswith(live_server.url)] == []
