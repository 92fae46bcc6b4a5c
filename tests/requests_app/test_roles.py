"""Each role against each screen and action of the back office, 2FA, lockout and idle sessions."""

import pytest
from django.conf import settings

from accesslog.models import AccessLogEntry
from requests_app import roles
from requests_app.models import SubjectRequest
from tests.conftest import otp_login

from .factories import staff, subject_request

pytestmark = pytest.mark.django_db

BASE = "/en/beheer/requests_app/subjectrequest/"


@pytest.fixture
def cases():
    return {
        "debt": subject_request(domain="debt", name="Debt Resident"),
        "youth": subject_request(domain="youth", name="Youth Resident"),
        "complaint": subject_request(kind="complaint", domain="debt", name="Complainer"),
    }


def _user(role):
    return {
        "dpo": lambda: staff(roles.DPO),
        "handler": lambda: staff(roles.HANDLER, teams=["debt"]),
        "auditor": lambda: staff(roles.AUDITOR),
        "none": lambda: staff(None),
    }[role]()


# role, case -> what opening the request's page gives: 200 with data, 200 without, or 403
PAGE_MATRIX = [
    ("dpo", "debt", "data"),
    ("dpo", "youth", "data"),
    ("dpo", "complaint", "data"),
    ("handler", "debt", "data"),
    ("handler", "youth", 403),
    ("handler", "complaint", 403),
    ("auditor", "debt", "no data"),
    ("auditor", "youth", "no data"),
    ("auditor", "complaint", 403),
    ("none", "debt", 403),
]


@pytest.mark.parametrize(("role", "case", "outcome"), PAGE_MATRIX)
def test_the_request_page_per_role(client, cases, role, case, outcome):
    obj = cases[case]
    otp_login(client, _user(role))
    response = client.get(f"{BASE}{obj.pk}/change/")
    entries = AccessLogEntry.objects.filter(record_id=str(obj.pk))
    if outcome == 403:
        assert response.status_code == 403
        assert entries.get().action == "denied"
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert (obj.name in html) is (outcome == "data")
    assert entries.get().action == "view"


QUEUE_MATRIX = [
    ("dpo", {"debt", "youth", "complaint"}),
    ("handler", {"debt"}),
    ("auditor", {"debt", "youth"}),
    ("none", None),
]


@pytest.mark.parametrize(("role", "visible"), QUEUE_MATRIX)
def test_the_queue_per_role(client, cases, role, visible):
    otp_login(client, _user(role))
    response = client.get(BASE)
    if visible is None:
        assert response.status_code == 403
        return
    html = response.content.decode()
    shown = {case for case, obj in cases.items() if obj.reference in html}
    assert shown == visible


def test_a_handler_also_sees_what_is_assigned_to_them_outside_their_team(client, cases):
    handler = staff(roles.HANDLER, teams=["debt"])
    cases["youth"].assigned_to = handler
    cases["youth"].save()
    assert set(roles.requests_visible_to(handler)) == {cases["debt"], cases["youth"]}
    otp_login(client, handler)
    assert client.get(f"{BASE}{cases['youth'].pk}/change/").status_code == 200


# action -> which roles may do it
ACTIONS = {
    "transition": {"dpo", "handler"},
    "note": {"dpo", "handler"},
    "register": {"dpo", "handler"},
    "assign": {"dpo"},
    "export_csv": {"dpo", "handler"},
}


@pytest.mark.parametrize("role", ["dpo", "handler", "auditor"])
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_action_per_role(client, cases, role, action):
    user = _user(role)
    obj = cases["debt"]
    otp_login(client, user)
    allowed = role in ACTIONS[action]
    if action == "transition":
        data = {"to_status": "verifying", "version": obj.version, "note": "x"}
        client.post(f"{BASE}{obj.pk}/transition/", data)
        obj.refresh_from_db()
        assert (obj.status == "verifying") is allowed
    elif action == "note":
        response = client.post(f"{BASE}{obj.pk}/note/", {"text": "called back"})
        assert (obj.events.filter(type="note").exists()) is allowed
        assert allowed or response.status_code == 403
    elif action == "register":
        response = client.get(f"{BASE}register/")
        assert (response.status_code == 200) is allowed
    elif action == "assign":
        handler = staff(roles.HANDLER, teams=["debt"])
        data = {"action": "assign", "_selected_action": [obj.pk], "handler": handler.pk}
        client.post(BASE, data)
        obj.refresh_from_db()
        assert (obj.assigned_to == handler) is allowed
    elif action == "export_csv":
        data = {"action": "export_csv", "_selected_action": [obj.pk]}
        response = client.post(BASE, data)
        assert (response.get("Content-Type", "").startswith("text/csv")) is allowed


def test_the_admin_requires_a_verified_second_factor(client, admin_user):
    client.force_login(admin_user)  # password only
    response = client.get(BASE)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    otp_login(client, admin_user)
    assert client.get(BASE).status_code == 200


def test_the_login_page_asks_for_the_one_time_code(client):
    html = client.get("/en/beheer/login/").content.decode()
    assert 'name="otp_token"' in html


def test_signing_in_takes_the_password_and_the_current_code(client, admin_user):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin_user.set_password("a long enough password")
    admin_user.save()
    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    data = {"username": admin_user.username, "password": "a long enough password"}
    wrong = (totp(device.bin_key) + 1) % 1_000_000
    client.post("/en/beheer/login/", {**data, "otp_token": f"{wrong:06d}"})
    assert client.get(BASE).status_code == 302  # a wrong code: not signed in
    code = f"{totp(device.bin_key):06d}"
    response = client.post("/en/beheer/login/", {**data, "otp_token": code, "next": BASE})
    assert response.status_code == 302
    assert response["Location"] == BASE
    assert client.get(BASE).status_code == 200


def _message(response) -> str:
    import re

    return re.findall(r'<p class="errornote" role="alert">(.*?)</p>', response.content.decode())


def test_a_wrong_password_and_a_wrong_code_get_the_same_answer(client, admin_user):
    """Review L8: the form showed the device choice once the password was right."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin_user.set_password("a long enough password")
    admin_user.save()
    TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    base = {"username": admin_user.username, "otp_token": "000000"}
    wrong_password = client.post("/en/beheer/login/", {**base, "password": "not it"})
    wrong_code = client.post("/en/beheer/login/", {**base, "password": "a long enough password"})
    no_code = client.post(
        "/en/beheer/login/", {"username": admin_user.username, "password": "a long enough password"}
    )
    assert (
        _message(wrong_password)
        == _message(wrong_code)
        == ["The user name, password or code is not right. Check all three and try again."]
    )
    assert _message(no_code) == _message(wrong_code)
    for response in (wrong_password, wrong_code, no_code):
        html = response.content.decode()
        assert "phone" not in html
        assert "otp_device" not in html


def test_wrong_codes_lock_out_the_guessers_address_not_the_user(admin_user):
    """Review L8: anyone with the password kept the user's TOTP throttled. A wrong code now
    counts for django-axes, per user name and address; the user elsewhere signs in."""
    from django.test import Client
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin_user.set_password("a long enough password")
    admin_user.save()
    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    data = {"username": admin_user.username, "password": "a long enough password"}
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    wrong = f"{(totp(device.bin_key) + 1) % 1_000_000:06d}"
    answers = [
        guesser.post("/en/beheer/login/", {**data, "otp_token": wrong}).status_code
        for _attempt in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert answers[-1] == 429  # the guesser's address is locked out
    user = Client(REMOTE_ADDR="198.51.100.7")
    code = f"{totp(device.bin_key):06d}"
    response = user.post("/en/beheer/login/", {**data, "otp_token": code, "next": BASE})
    assert response.status_code == 302
    assert user.get(BASE).status_code == 200


def test_repeated_failed_logins_lock_the_account_out(client, admin_user):
    admin_user.set_password("the right password!")
    admin_user.save()
    wrong = {"username": admin_user.username, "password": "wrong", "otp_token": "123456"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/en/beheer/login/", wrong).status_code == 200
    assert client.post("/en/beheer/login/", wrong).status_code == 429  # the last one allowed
    right = {**wrong, "password": "the right password!"}
    assert client.post("/en/beheer/login/", right).status_code == 429
    assert "_auth_user_id" not in client.session


def test_idle_sessions_expire_after_thirty_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_nobody_deletes_or_adds_requests_through_the_admin(verified_admin_client, cases):
    obj = cases["debt"]
    assert verified_admin_client.get(f"{BASE}{obj.pk}/delete/").status_code == 403
    assert verified_admin_client.get(f"{BASE}add/").status_code == 403
    assert SubjectRequest.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("step", ["transition/", "note/"])
def test_a_handler_cannot_act_on_another_teams_request_and_the_attempt_is_logged(
    client, cases, step
):
    obj = cases["youth"]
    otp_login(client, staff(roles.HANDLER, teams=["debt"]))
    data = {"to_status": "verifying", "version": obj.version, "text": "x"}
    assert client.post(f"{BASE}{obj.pk}/{step}", data).status_code == 403
    obj.refresh_from_db()
    assert obj.status == "received"
    assert not obj.events.filter(type="note").exists()
    assert AccessLogEntry.objects.get(record_id=str(obj.pk)).action == "denied"
