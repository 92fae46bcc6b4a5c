"""The authorization matrix of the DigiD pages with DigiD on: anonymous visitors, the resident
whose request it is, another resident, and a staff member (who is no resident)."""

import pytest
from django.test import Client

from core.crypto import blind_index
from requests_app import letters, services
from requests_app.answer_files import response_file_attach
from requests_app.models import SubjectRequest
from tests.conftest import otp_login
from tests.digid.conftest import OTHER_BSN, OWN_BSN, log_in
from tests.requests_app.factories import staff

pytestmark = [pytest.mark.django_db, pytest.mark.oidc_provider]

ANON, OWNER, OTHER, STAFF = "anonymous", "resident", "other resident", "DPO"


@pytest.fixture
def world(op_browser, policies):
    filed, _ = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )
    SubjectRequest.objects.filter(pk=filed.pk).update(bsn=OWN_BSN, bsn_index=blind_index(OWN_BSN))
    letter = letters.letter_issue(request=filed, letter_type="acknowledgement", fields={})
    answer = response_file_attach(request=filed, name="antwoord.txt", content=b"inzage")
    clients = {actor: Client() for actor in (ANON, OWNER, OTHER, STAFF)}
    log_in(clients[OWNER], op_browser, bsn=OWN_BSN)
    other_browser = type(op_browser)(op_browser.issuer)
    log_in(clients[OTHER], other_browser, bsn=OTHER_BSN)
    from requests_app import roles

    otp_login(clients[STAFF], staff(roles.DPO))
    paths = {"request": filed.public_id, "letter": letter.public_id, "file": answer.public_id}
    return clients, paths


ROWS = [
    ("get", "/mijn-verzoeken/", {ANON: 302, OWNER: 200, OTHER: 200, STAFF: 302}),
    (
        "get",
        "/mijn-verzoeken/{request}/brieven/{letter}/",
        {ANON: 404, OWNER: 200, OTHER: 404, STAFF: 404},
    ),
    (
        "get",
        "/mijn-verzoeken/{request}/bestanden/{file}/",
        {ANON: 404, OWNER: 200, OTHER: 404, STAFF: 404},
    ),
    ("get", "/digid/inloggen/", {ANON: 302, OWNER: 302, OTHER: 302, STAFF: 302}),
    ("get", "/digid/uitgelogd/", {ANON: 200, OWNER: 200, OTHER: 200, STAFF: 200}),
    (
        "get",
        "/digid/terug/?state=forged&code=forged",
        {ANON: 400, OWNER: 400, OTHER: 400, STAFF: 400},
    ),
    ("get", "/digid/uitloggen/", {ANON: 405, OWNER: 405, OTHER: 405, STAFF: 405}),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]} {r[1]}" for r in ROWS])
def test_row(world, row):
    clients, paths = world
    method, template, expected = row
    path = template.format(**paths)
    answers = {actor: getattr(clients[actor], method)(path).status_code for actor in expected}
    assert answers == expected


def test_the_other_resident_does_not_see_the_request(world):
    clients, _paths = world
    filed = SubjectRequest.objects.get()
    assert filed.reference in clients[OWNER].get("/mijn-verzoeken/").content.decode()
    assert filed.reference not in clients[OTHER].get("/mijn-verzoeken/").content.decode()
