"""In a real Chromium: the pages load nothing from another host and pass axe (WCAG 2.1 AA)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE = Axe()
WCAG = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}
PAGES = ["/", "/en/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_another_host(page, live_server, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    stylesheets = [url for url in requested if url.endswith(".css")]
    assert len(stylesheets) >= 4, "the page's own CSS did not load"
    assert any(url.endswith(".woff2") for url in requested), "the self-hosted font did not load"
    foreign = [url for url in requested if not url.startswith(live_server.url)]
    assert foreign == []


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(page, live_server, path):
    page.goto(live_server.url + path)
    result = AXE.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def test_page_is_usable_at_320_pixels(page, live_server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_skip_link_moves_focus_to_the_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
