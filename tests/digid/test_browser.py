"""The resident's whole DigiD journey in Chromium, against the real test provider: log in on
the provider's page, file an access request, find it under Mijn verzoeken, log out (here and
at the provider). Every page of ours passes axe."""

import pytest

from requests_app.models import SubjectRequest, VerificationMethod
from tests.digid.conftest import OWN_BSN
from tests.heerlen_privacy.test_browser import AXE, WCAG

pytestmark = [
    pytest.mark.browser,
    pytest.mark.oidc_provider,
    pytest.mark.django_db(transaction=True),
]


def assert_accessible(page):
    result = AXE.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def test_log_in_file_an_access_request_see_it_under_mijn_verzoeken_and_log_out(
    page, live_server, digid_on
):
    page.goto(f"{live_server.url}/verzoek/inzage/")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen met DigiD").click()

    assert page.url.startswith(f"{digid_on}/authorize?")
    page.get_by_label("BSN", exact=True).fill(OWN_BSN)
    page.get_by_label("Level").select_option("midden")
    page.get_by_role("button", name="Log in").click()

    assert page.url == f"{live_server.url}/verzoek/inzage/"
    assert "U bent ingelogd met DigiD" in page.content()
    assert page.get_by_label("Uw naam").input_value() == "Jan Jansen"
    assert_accessible(page)
    page.get_by_label("Uw e-mailadres").fill("jan@example.nl")
    page.get_by_label("Vroegsignalering schulden").check()
    page.wait_for_timeout(3100)  # a person takes longer than the bot threshold
    page.get_by_role("button", name="Versturen").click()
    assert "Bedankt: wij hebben uw verzoek ontvangen" in page.content()
    assert_accessible(page)
    filed = SubjectRequest.objects.get()
    assert filed.identity_method == VerificationMethod.DIGID
    assert filed.bsn == OWN_BSN

    page.get_by_role("link", name="Mijn verzoeken").click()
    assert page.url == f"{live_server.url}/mijn-verzoeken/"
    assert filed.reference in page.content()
    assert OWN_BSN not in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/digid/uitgelogd/**")
    assert "U bent uitgelogd" in page.content()
    assert_accessible(page)

    # Logged out here and at the provider: Mijn verzoeken sends us to its login page again.
    page.goto(f"{live_server.url}/mijn-verzoeken/")
    assert page.url.startswith(f"{digid_on}/authorize?")
    assert page.get_by_label("BSN", exact=True).is_visible()
