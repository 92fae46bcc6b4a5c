import pytest

from requests_app import roles, services
from tests.conftest import otp_login

from .factories import staff

pytestmark = pytest.mark.django_db


def test_the_queue_shows_deadlines_but_no_personal_data(verified_admin_client, client):
    request, _secret = services.request_submit(
        kind="erasure",
        domain="youth",
        name="Jan Jansen",
        email="jan@example.nl",
        details="Mijn dossier bij jeugdhulp",
    )
    listing = verified_admin_client.get("/en/beheer/requests_app/subjectrequest/").content.decode()
    assert request.reference in listing
    assert request.due_date.strftime("%Y") in listing
    # The request's page shows personal data only to a role allowed to see it.
    auditor_client = otp_login(client, staff(roles.AUDITOR))
    detail = auditor_client.get(
        f"/en/beheer/requests_app/subjectrequest/{request.pk}/change/"
    ).content.decode()
    assert request.reference in detail
    for html in (listing, detail):
        for personal in ("Jan Jansen", "jan@example.nl", "Mijn dossier"):
            assert personal not in html
    assert 'name="_save"' not in detail
