import pytest

from requests_app import services

pytestmark = pytest.mark.django_db


def test_the_queue_shows_deadlines_but_no_personal_data(admin_client):
    request, _secret = services.request_submit(
        kind="erasure",
        domain="youth",
        name="Jan Jansen",
        email="jan@example.nl",
        details="Mijn dossier bij jeugdhulp",
    )
    listing = admin_client.get("/en/beheer/requests_app/subjectrequest/").content.decode()
    detail = admin_client.get(
        f"/en/beheer/requests_app/subjectrequest/{request.pk}/change/"
    ).content.decode()
    for html in (listing, detail):
        assert request.reference in html
        for personal in ("Jan Jansen", "jan@example.nl", "Mijn dossier"):
            assert personal not in html
    assert request.due_date.strftime("%Y") in listing
    assert 'name="_save"' not in detail
