"""Every bad answer from (or pretending to be) the provider: a clear page, nothing stored, one
line in the security log without a BSN."""

import logging

import pytest

from digid.session import SESSION_KEY
from requests_app.models import SubjectRequest
from tests.digid.conftest import OTHER_BSN, OWN_BSN, query_of, start_login

pytestmark = [pytest.mark.django_db, pytest.mark.oidc_provider]


def _assert_refused(client, response, caplog, reason, text):
    assert response.status_code == 400
    page = response.content.decode()
    assert "Inloggen met DigiD is niet gelukt" in page
    assert text in page
    assert "wij hebben niets bewaard" in page
    assert SESSION_KEY not in client.session
    assert client.get("/mijn-verzoeken/").status_code == 302  # not logged in
    assert not SubjectRequest.objects.exists()
    lines = [r.getMessage() for r in caplog.records if r.name == "security.digid"]
    assert lines == [f"DigiD login refused: reason={reason}"] or (
        len(lines) == 1 and lines[0].startswith(f"DigiD login refused: reason={reason} (")
    )
    assert OWN_BSN not in caplog.text
    assert OTHER_BSN not in caplog.text


@pytest.mark.parametrize(
    ("fault", "reason", "text"),
    [
        ("wrong_nonce", "nonce", "hoort bij een andere inlogpoging"),
        ("expired", "expired", "is verlopen"),
        ("wrong_signature", "signature", "niet door DigiD ondertekend"),
        ("wrong_audience", "audience", "bedoeld voor een andere website"),
        ("wrong_issuer", "issuer", "een andere inlogdienst"),
        ("no_bsn", "bsn_missing", "burgerservicenummer (BSN) niet doorgegeven"),
    ],
)
def test_a_bad_id_token_is_refused(client, op_browser, caplog, fault, reason, text):
    caplog.set_level(logging.WARNING)
    answer = op_browser.login_answer(start_login(client), fault=fault)
    _assert_refused(client, client.get(answer), caplog, reason, text)


@pytest.mark.parametrize("field", ["bsn", "represented_bsn"])
def test_a_bsn_failing_the_eleven_test_is_refused(client, op_browser, caplog, field):
    caplog.set_level(logging.WARNING)
    answer = op_browser.login_answer(start_login(client), **{field: "123456789"})
    _assert_refused(client, client.get(answer), caplog, "bsn_invalid", "geen geldig nummer")


def test_a_tampered_state_is_refused(client, op_browser, caplog):
    caplog.set_level(logging.WARNING)
    answer = op_browser.login_answer(start_login(client))
    state = query_of(answer)["state"]
    tampered = answer.replace(f"state={state}", f"state={state[:-2]}xy")
    _assert_refused(client, client.get(tampered), caplog, "state", "onderweg veranderd")


def test_the_same_answer_twice_is_refused_the_second_time(client, op_browser, caplog):
    caplog.set_level(logging.WARNING)
    answer = op_browser.login_answer(start_login(client))
    assert client.get(answer).status_code == 302
    client.post("/digid/uitloggen/")
    _assert_refused(client, client.get(answer), caplog, "state", "al gebruikt")


def test_a_replayed_code_is_refused_by_the_provider(client, op_browser, caplog):
    """An attacker with a code already exchanged, on a login of their own (a valid state):
    the provider refuses the code a second time."""
    caplog.set_level(logging.WARNING)
    first = op_browser.login_answer(start_login(client))
    assert client.get(first).status_code == 302
    client.post("/digid/uitloggen/")
    fresh = query_of(start_login(client))["state"]
    replay = f"/digid/terug/?code={query_of(first)['code']}&state={fresh}"
    _assert_refused(client, client.get(replay), caplog, "code", "al gebruikt of verlopen")


def test_a_code_from_another_browsers_login_fails_pkce(client, op_browser, caplog):
    """A code stolen from someone else's login, sent with our state: our verifier does not
    fit its challenge, so the provider refuses it."""
    from django.test import Client

    caplog.set_level(logging.WARNING)
    victim = Client()
    stolen = query_of(op_browser.login_answer(start_login(victim)))["code"]
    state = query_of(start_login(client))["state"]
    response = client.get(f"/digid/terug/?code={stolen}&state={state}")
    _assert_refused(client, response, caplog, "code", "al gebruikt of verlopen")


def test_a_cancelled_login_is_refused(client, op_browser, caplog):
    caplog.set_level(logging.WARNING)
    state = query_of(start_login(client))["state"]
    response = client.get(f"/digid/terug/?error=access_denied&state={state}")
    _assert_refused(client, response, caplog, "cancelled", "afgebroken of geweigerd")


def test_the_providers_error_cannot_write_its_own_lines_in_the_security_log(
    client, op_browser, caplog
):
    """The `error` of the answer is the browser's to choose: only an OAuth error code
    (letters and underscores) reaches the log, never a forged line or a BSN."""
    caplog.set_level(logging.WARNING)
    state = query_of(start_login(client))["state"]
    forged = f"x\n2026-12-01 WARNING security.digid DigiD login ok bsn={OWN_BSN}"
    response = client.get("/digid/terug/", {"error": forged, "state": state})
    _assert_refused(client, response, caplog, "cancelled", "afgebroken of geweigerd")
    lines = [r.getMessage() for r in caplog.records if r.name == "security.digid"]
    assert "\n" not in lines[0]
    assert "DigiD login ok" not in caplog.text


def test_a_refusal_page_is_in_english_for_an_english_login(client, op_browser, caplog):
    caplog.set_level(logging.WARNING)
    response = client.get("/en/digid/inloggen/", {"next": "/en/verzoek/inzage/"})
    answer = op_browser.login_answer(response["Location"], fault="wrong_nonce")
    page = client.get(answer).content.decode()
    assert "Logging in with DigiD did not succeed" in page
    assert "belongs to another login" in page
