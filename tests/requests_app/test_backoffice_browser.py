"""The back office in a real Chromium: axe (WCAG 2.1 AA + 2.2 AA) finds nothing on our pages,
and nothing is loaded from another host."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.conftest import otp_login
from tests.heerlen_privacy.test_browser import AXE, WCAG

from .factories import staff, subject_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/en/beheer/requests_app/subjectrequest/"


@pytest.fixture
def signed_in(page, live_server):
    # A superuser, which roles.py treats as the DPO: a transactional test's flush removes the
    # groups the migration made.
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


@pytest.mark.parametrize("path", ["", "{pk}/change/", "register/"])
def test_back_office_pages_pass_axe_and_stay_on_this_host(signed_in, live_server, path):
    page = signed_in
    obj = subject_request(due=timezone.localdate() - datetime.timedelta(days=2))
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + BASE + path.format(pk=obj.pk))
    assert "/login/" not in page.url
    assert obj.reference in page.content() or path == "register/"
    result = AXE.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
    assert [u for u in requested if not u.startswith(live_server.url)] == []
