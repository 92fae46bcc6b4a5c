"""DigiD login against the real test provider: the code flow, what a login files, and what
"Mijn verzoeken" shows."""

import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import translation

from digid.session import SESSION_KEY, Resident
from requests_app import services
from requests_app.assurance import Level
from requests_app.models import SubjectRequest, VerificationMethod
from requests_app.selectors import request_personal_data
from tests.digid.conftest import (
    CLIENT_ID,
    OTHER_BSN,
    OWN_BSN,
    form_data,
    log_in,
    query_of,
    start_login,
)

pytestmark = [pytest.mark.django_db, pytest.mark.oidc_provider]


def test_without_settings_digid_is_off_and_the_form_has_no_button(client):
    assert client.get("/digid/inloggen/").status_code == 404
    assert client.get("/mijn-verzoeken/").status_code == 404
    assert "Inloggen met DigiD" not in client.get("/verzoek/inzage/").content.decode()


def test_the_authorization_request_has_state_nonce_and_a_pkce_challenge(client, digid_on):
    page = client.get("/verzoek/inzage/").content.decode()
    assert "Inloggen met DigiD" in page
    location = start_login(client, "/verzoek/inzage/")
    query = query_of(location)
    assert location.startswith(f"{digid_on}/authorize?")
    assert query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == "http://testserver/digid/terug/"
    assert len(query["state"]) >= 32
    assert len(query["nonce"]) >= 32
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43  # base64url of a SHA-256
    waiting = client.session["oidc_states"][query["state"]]
    assert waiting["nonce"] == query["nonce"]
    assert len(waiting["code_verifier"]) >= 43


def test_a_login_goes_back_to_the_form_with_the_name_prefilled(client, op_browser):
    response = log_in(client, op_browser, "/verzoek/inzage/", email="jan@example.nl")
    assert response.status_code == 302
    assert response["Location"] == "/verzoek/inzage/"
    page = client.get("/verzoek/inzage/").content.decode()
    assert 'value="Jan Jansen"' in page
    assert 'value="jan@example.nl"' in page
    assert "U bent ingelogd met DigiD" in page
    assert OWN_BSN not in page


def test_a_request_filed_with_digid_keeps_the_bsn_encrypted_and_counts_as_verified(
    client, op_browser
):
    users_before = get_user_model().objects.count()
    log_in(client, op_browser, "/verzoek/inzage/")
    response = client.post("/verzoek/inzage/", form_data())
    assert response.status_code == 200
    assert "Mijn verzoeken" in response.content.decode()
    filed = SubjectRequest.objects.get()
    assert filed.bsn == OWN_BSN
    assert filed.representative_bsn == ""
    assert filed.identity_method == VerificationMethod.DIGID
    assert filed.identity_verified_at is not None
    assert filed.digid_level == Level.MIDDEN
    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn, bsn_index FROM requests_app_subjectrequest")
        stored_bsn, stored_index = cursor.fetchone()
    assert OWN_BSN not in stored_bsn
    assert OWN_BSN not in stored_index
    # A resident is never a Django user: the back office knows nothing of them.
    assert get_user_model().objects.count() == users_before
    assert client.get("/beheer/")["Location"].startswith("/beheer/login/")


def test_mijn_verzoeken_lists_the_residents_requests_only_with_their_letters(client, op_browser):
    own, _secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )
    SubjectRequest.objects.filter(pk=own.pk).update(bsn=OWN_BSN, bsn_index=_index(OWN_BSN))
    other, _ = services.request_submit(
        kind="erasure", domain="debt", name="Piet", email="piet@example.nl"
    )
    SubjectRequest.objects.filter(pk=other.pk).update(bsn=OTHER_BSN, bsn_index=_index(OTHER_BSN))
    unsigned, _ = services.request_submit(
        kind="objection", domain="debt", name="Jan", email="jan@example.nl", details="x"
    )
    from requests_app import letters

    letter = letters.letter_issue(request=own, letter_type="acknowledgement", fields={})
    log_in(client, op_browser)
    page = client.get("/mijn-verzoeken/").content.decode()
    assert own.reference in page
    assert other.reference not in page
    assert unsigned.reference not in page
    assert "Uiterlijk" in page or "uiterlijk" in page
    download = client.get(f"/mijn-verzoeken/{own.public_id}/brieven/{letter.public_id}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert (
        client.get(f"/mijn-verzoeken/{other.public_id}/brieven/{letter.public_id}/").status_code
        == 404
    )
    assert OWN_BSN not in page


def _index(bsn):
    from core.crypto import blind_index

    return blind_index(bsn)


def test_answer_released_to_a_digid_session_with_the_same_bsn_at_the_level_needed():
    filed, _ = services.request_submit(
        kind="access", domain="youth", name="Jan Jansen", email="jan@example.nl"
    )
    SubjectRequest.objects.filter(pk=filed.pk).update(bsn=OWN_BSN, bsn_index=_index(OWN_BSN))
    filed.refresh_from_db()
    assert not filed.answer_released()
    assert filed.answer_released(Resident(bsn=OWN_BSN, level=Level.SUBSTANTIEEL))
    assert filed.answer_released(Resident(bsn=OWN_BSN, level=Level.HOOG))
    # Youth data needs Substantieel; another BSN never.
    assert not filed.answer_released(Resident(bsn=OWN_BSN, level=Level.MIDDEN))
    assert not filed.answer_released(Resident(bsn=OTHER_BSN, level=Level.HOOG))
    # A representative acting for this person: released; acting for nobody: their own BSN only.
    acting = Resident(bsn=OTHER_BSN, represented_bsn=OWN_BSN, level=Level.SUBSTANTIEEL)
    assert filed.answer_released(acting)


def test_a_request_filed_with_digid_is_not_released_by_the_e_mail_code():
    """The attack review: the code went to the typed address, whatever the DigiD level."""
    from django.utils import timezone

    filed, _ = services.request_submit(
        kind="access", domain="youth", name="Jan Jansen", email="jan@example.nl"
    )
    SubjectRequest.objects.filter(pk=filed.pk).update(
        bsn=OWN_BSN, bsn_index=_index(OWN_BSN), verified_at=timezone.now()
    )
    filed.refresh_from_db()
    assert filed.email_confirmed
    assert not filed.answer_released()
    assert not filed.answer_released(Resident(bsn=OWN_BSN, level=Level.MIDDEN))
    assert filed.answer_released(Resident(bsn=OWN_BSN, level=Level.SUBSTANTIEEL))


def test_the_status_link_shows_the_answer_to_the_digid_session_of_the_same_bsn(client, op_browser):
    filed, secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )
    SubjectRequest.objects.filter(pk=filed.pk).update(bsn=OWN_BSN, bsn_index=_index(OWN_BSN))
    from requests_app import letters

    letter = letters.letter_issue(request=filed, letter_type="acknowledgement", fields={})
    letter_url = f"/verzoek/status/{secret}/brieven/{letter.public_id}/"
    assert client.get(letter_url).status_code == 404
    status_page = client.get(f"/verzoek/status/{secret}/").content.decode()
    assert "Inloggen met DigiD" in status_page
    log_in(client, op_browser, f"/verzoek/status/{secret}/", bsn=OWN_BSN)
    assert client.get(letter_url).status_code == 200


def test_a_youth_request_at_midden_gets_the_page_to_log_in_again_at_substantieel(
    client, op_browser
):
    log_in(client, op_browser, "/verzoek/inzage/", level="midden")
    response = client.post("/verzoek/inzage/", form_data(domain="youth"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "DigiD Substantieel" in page
    assert "niveau=25" in page
    assert not SubjectRequest.objects.exists()
    again = start_login(client, "/verzoek/inzage/", niveau="25")
    assert query_of(again)["prompt"] == "login"
    assert query_of(again)["acr_values"].endswith(":Smartcard")
    answer = op_browser.login_answer(again, level="substantieel")
    assert client.get(answer)["Location"] == "/verzoek/inzage/"
    assert client.post("/verzoek/inzage/", form_data(domain="youth")).status_code == 200
    assert SubjectRequest.objects.get().digid_level == Level.SUBSTANTIEEL


def test_what_was_typed_comes_back_after_logging_in_again_at_the_level_needed(client, op_browser):
    """The page "a higher DigiD level is needed" loses nothing: after logging in again, the
    form holds what was typed (once; encrypted in the session meanwhile)."""
    log_in(client, op_browser, "/verzoek/inzage/", level="midden")
    typed = form_data(domain="youth", details="Mijn dossier bij het wijkteam, 2024", name="Els")
    assert client.post("/verzoek/inzage/", typed).status_code == 403
    assert "wijkteam" not in str(dict(client.session))
    answer = op_browser.login_answer(
        start_login(client, "/verzoek/inzage/", niveau="25"), level="substantieel"
    )
    assert client.get(answer)["Location"] == "/verzoek/inzage/"
    page = client.get("/verzoek/inzage/").content.decode()
    assert "Mijn dossier bij het wijkteam, 2024" in page
    assert re.search(r'value="youth" id="id_domain_1"[^>]* checked', page)
    assert 'value="Els"' in page
    assert "wijkteam" not in client.get("/verzoek/inzage/").content.decode()  # once only
    assert "wijkteam" not in client.get("/verzoek/klacht/").content.decode()


def test_a_login_below_the_level_asked_for_says_so_again(client, op_browser):
    answer = op_browser.login_answer(start_login(client, niveau="25"), level="basis")
    response = client.get(answer)
    assert response.status_code == 403
    assert "DigiD Basis" in response.content.decode()


def test_the_minimum_level_is_a_setting_per_type_and_domain(settings):
    from requests_app.assurance import minimum_level

    assert minimum_level(kind="access", domain="youth") == Level.SUBSTANTIEEL
    assert minimum_level(kind="access", domain="debt") == Level.MIDDEN
    settings.DIGID_MINIMUM_LEVELS = {"erasure:debt": "hoog", "youth": "hoog", "*": "basis"}
    assert minimum_level(kind="erasure", domain="debt") == Level.HOOG
    assert minimum_level(kind="access", domain="debt") == Level.BASIS
    assert minimum_level(kind="access", domain="youth") == Level.HOOG


def test_a_representative_files_for_the_represented_person_and_staff_see_both(client, op_browser):
    log_in(client, op_browser, "/verzoek/inzage/", bsn=OTHER_BSN, represented_bsn=OWN_BSN)
    refused = client.post("/verzoek/inzage/", form_data())
    assert refused.status_code == 400  # the capacity must be said
    response = client.post(
        "/verzoek/inzage/", form_data(capacity="parent", subject_name="Sanne de Vries")
    )
    assert response.status_code == 200
    filed = SubjectRequest.objects.get()
    assert filed.bsn == OWN_BSN
    assert filed.representative_bsn == OTHER_BSN
    with translation.override("en"):
        shown = dict(request_personal_data(filed))
    assert shown["BSN of the person it concerns (DigiD)"] == OWN_BSN
    assert shown["BSN of the representative who filed it (DigiD)"] == OTHER_BSN
    # The representative, acting for that person, finds it under Mijn verzoeken.
    assert filed.reference in client.get("/mijn-verzoeken/").content.decode()


def test_own_login_filing_for_someone_else_proves_only_the_filer_not_the_person_concerned(
    client, op_browser
):
    """Logged in with one's own DigiD (no DigiD Machtigen), saying "I file this for someone
    else": DigiD proved who files, not whom it concerns nor the right to act for them. The
    filer's BSN is not the BSN of the person concerned, the identity is not verified, and the
    answer is not released to the filer's DigiD session: staff check identity and authority
    as for any request filed for another person."""
    log_in(client, op_browser, "/verzoek/inzage/", bsn=OWN_BSN)
    response = client.post(
        "/verzoek/inzage/",
        form_data(capacity="legal_representative", subject_name="Iemand Anders"),
    )
    assert response.status_code == 200
    assert "we know who you are" not in response.content.decode()
    assert "we weten wie u bent" not in response.content.decode()
    filed = SubjectRequest.objects.get()
    assert filed.bsn == ""
    assert filed.bsn_index == ""
    assert filed.representative_bsn == OWN_BSN
    assert filed.identity_verified_at is None
    assert filed.identity_method != VerificationMethod.DIGID
    assert filed.reference not in client.get("/mijn-verzoeken/").content.decode()


def test_the_session_ends_after_15_idle_minutes(client, op_browser):
    log_in(client, op_browser)
    assert client.get("/mijn-verzoeken/").status_code == 200
    session = client.session
    session[SESSION_KEY]["seen"] -= 15 * 60 + 1
    session.save()
    response = client.get("/mijn-verzoeken/")
    assert response.status_code == 302
    assert response["Location"].startswith("/digid/inloggen/")
    assert SESSION_KEY not in client.session


def test_activity_keeps_the_session_alive(client, op_browser):
    log_in(client, op_browser)
    session = client.session
    session[SESSION_KEY]["seen"] -= 14 * 60
    session.save()
    assert client.get("/mijn-verzoeken/").status_code == 200
    assert client.get("/mijn-verzoeken/").status_code == 200


def test_logout_ends_the_session_here_and_at_the_provider(client, op_browser):
    before = op_browser.state()
    log_in(client, op_browser)
    assert op_browser.state()["sessions"] == before["sessions"] + 1
    response = client.post("/digid/uitloggen/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{op_browser.issuer}/logout?")
    query = query_of(response["Location"])
    assert query["client_id"] == CLIENT_ID
    assert query["post_logout_redirect_uri"] == "http://testserver/digid/uitgelogd/"
    assert "id_token_hint" not in query  # an ID token holds the BSN: never in an address
    back = op_browser.http.get(response["Location"], allow_redirects=False)
    assert back.status_code == 302
    assert back.headers["Location"].startswith("http://testserver/digid/uitgelogd/")
    assert op_browser.state()["sessions"] == before["sessions"]
    assert op_browser.state()["logouts"] == before["logouts"] + 1
    assert client.get("/digid/uitgelogd/").status_code == 200
    assert client.get("/mijn-verzoeken/").status_code == 302
    # The provider asks again: its own session ended too.
    page = op_browser.http.get(start_login(client), allow_redirects=False)
    assert page.status_code == 200
    assert 'name="interaction"' in page.text


def test_no_bsn_in_any_address_or_log_line_of_a_login(client, op_browser, caplog):
    caplog.set_level(logging.DEBUG)
    location = start_login(client)
    answer = op_browser.login_answer(location, bsn=OWN_BSN, represented_bsn=OTHER_BSN)
    response = client.get(answer)
    for address in (location, answer, response["Location"]):
        assert OWN_BSN not in address
        assert OTHER_BSN not in address
    assert OWN_BSN not in caplog.text
    assert OTHER_BSN not in caplog.text
    stored = client.session[SESSION_KEY]
    assert OWN_BSN not in str(stored)
    assert OTHER_BSN not in str(stored)


def test_a_login_starts_a_new_session_key(client, op_browser):
    client.get("/verzoek/inzage/")
    location = start_login(client)
    before = client.session.session_key
    client.get(op_browser.login_answer(location))
    assert client.session.session_key != before
    assert SESSION_KEY in client.session


def test_next_never_leads_to_another_site(client, op_browser):
    location = start_login(client, "https://evil.example/steal")
    response = client.get(op_browser.login_answer(location))
    assert response["Location"] == "/mijn-verzoeken/"


def test_a_request_filed_with_digid_is_not_removed_as_unconfirmed(client, op_browser):
    import datetime

    from django.utils import timezone

    log_in(client, op_browser, "/verzoek/inzage/")
    client.post("/verzoek/inzage/", form_data())
    plain, _ = services.request_submit(
        kind="access", domain="debt", name="Piet", email="piet@example.nl"
    )
    later = timezone.now() + datetime.timedelta(days=30)
    # What the retention run removes as unconfirmed: the plain one only.
    assert list(SubjectRequest.objects.unverified_expired(now=later)) == [plain]
    assert SubjectRequest.objects.filter(identity_method="digid").exists()
