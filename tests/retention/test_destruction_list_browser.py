"""In a real Chromium: the DPO reviews a destruction list, excludes an item, approves, and
downloads the destruction statement (issue 14, item 4). The page passes axe and loads nothing
from another host."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client

from cases.models import YouthCase
from retention.models import DestructionList
from retention.purge import records_purge
from tests.cases.factories import YouthCaseFactory
from tests.conftest import otp_login
from tests.heerlen_privacy.test_browser import AXE, WCAG
from tests.requests_app.factories import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def dpo_page(page, live_server):
    # A superuser, which the role checks treat as the DPO: a transactional test's flush
    # removes the groups the migrations made.
    user = staff(None, username="fg")
    user.is_superuser = True
    user.save()
    client = otp_login(Client(), user)
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    return page


def test_the_dpo_reviews_excludes_approves_and_downloads_the_statement(
    dpo_page, live_server, published, tmp_path
):
    page = dpo_page
    cases = [YouthCaseFactory(ended=True, closed_on=dt.date(2006, 6, 30)) for _ in range(3)]
    records_purge(now=dt.datetime(2026, 7, 1, 1, 30, tzinfo=AMSTERDAM))
    destruction_list = DestructionList.objects.get()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    url = f"{live_server.url}/en/beheer/retention/destructionlist/{destruction_list.pk}/change/"
    page.goto(url)
    # Every item with its reference and dates; nothing of what the record holds.
    for case in cases:
        assert page.get_by_text(str(case.public_id)).is_visible()
    content = page.content()
    assert "2006-06-30" in content
    assert "Sanne de Vries" not in content
    assert "123456782" not in content
    result = AXE.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()

    # Exclude the first record with a new date.
    row = page.locator("#item-1")
    row.get_by_text("Exclude record 1").click()
    row.get_by_label("postpone to a new destruction date").check()
    row.get_by_label("New destruction date", exact=True).fill("2099-01-01")
    row.get_by_label("Reason", exact=True).fill("Archive check by the records office")
    row.get_by_role("button", name="Exclude from destruction").click()
    page.wait_for_load_state()
    assert "excluded by the DPO" in page.locator("#item-1").inner_text()
    assert "2099-01-01" in page.locator("#item-1").inner_text()

    # Approve what is left; the next run destroys it and makes the statement.
    page.get_by_role("button", name="Approve for destruction").click()
    page.wait_for_load_state()
    assert "approved" in page.locator("#list-status").inner_text()
    records_purge(now=dt.datetime(2026, 7, 3, 1, 30, tzinfo=AMSTERDAM))
    assert list(YouthCase.objects.values_list("pk", flat=True)) == [cases[0].pk]

    page.goto(url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the destruction statement (PDF)").click()
    download = download_info.value
    saved = Path(tmp_path) / "statement.pdf"
    download.save_as(saved)
    body = saved.read_bytes()
    assert body.startswith(b"%PDF-")
    assert len(body) > 1000
    assert b"%%EOF" in body[-1024:]
    page.reload()
    assert "destruction statement downloaded" in page.locator("#content-main").inner_text()
    steps = list(destruction_list.events.order_by("pk").values_list("action", flat=True))
    assert steps == ["created", "excluded", "approved", "destroyed", "downloaded"]
    assert [u for u in requested if not u.startswith(live_server.url)] == []
    result = AXE.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
