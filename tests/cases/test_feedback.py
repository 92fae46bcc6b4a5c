"""Feedback to the reporting party: its own signal's status says whether the resident accepted
help, and a signed callback tells it when that changes, retried, never twice, logged without
personal data. The callbacks go to a real HTTP server on this machine that checks them as a
reporting party would (README, "Callbacks to reporting parties")."""

import datetime as dt
import hashlib
import hmac
import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases import callbacks
from cases.models import ApiClient, CallbackDelivery, DebtSignal, ReportingOrganisation
from cases.models.callbacks import BACKOFF_FIRST, backoff
from cases.services import api_client_create, api_client_set_callback
from cases.tasks import callbacks_dispatch_pending
from statements.seed import schulden

from .factories import VALID_BSNS, OrganisationFactory
from .helpers import post

pytestmark = pytest.mark.django_db
BASE = "/api/intake"


class Receiver:
    """A reporting party's callback endpoint: answers from `answers` in turn (then 200),
    and records each request with whether its signature was valid."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.received: list[dict] = []
        self.secret = ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                timestamp = self.headers["X-Timestamp"]
                expected = (
                    "sha256="
                    + hmac.new(
                        receiver.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
                    ).hexdigest()
                )
                receiver.received.append(
                    {
                        "body": json.loads(body),
                        "valid": hmac.compare_digest(expected, self.headers["X-Signature"]),
                        "fresh": abs(time.time() - int(timestamp)) < 300,
                        "delivery": self.headers["X-Delivery-Id"],
                    }
                )
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver(answers=[500])
    yield server
    server.close()


def _party(name, kind, url=""):
    organisation = OrganisationFactory(name=name, kind=kind)
    client, token = api_client_create(
        organisation=organisation, name="system", scopes=["signals:write"]
    )
    secret = api_client_set_callback(client=client, url=url) if url else ""
    return client, token, secret


@pytest.fixture(autouse=True)
def _retries_in_process():
    """Tasks run in-process (tests/conftest.py); without propagating, Celery's eager mode runs
    a task's `retry()` at once (the countdown is the worker's), so the retry path is real."""
    from heerlen_privacy.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.fixture
def landlord(receiver):
    client, token, secret = _party("Weller", ReportingOrganisation.Kind.LANDLORD, receiver.url)
    receiver.secret = secret
    return client, token


@pytest.fixture
def debt_system():
    organisation = OrganisationFactory(
        name="Schuldhulp", kind=ReportingOrganisation.Kind.CASE_SYSTEM
    )
    return api_client_create(
        organisation=organisation, name="system", scopes=["cases:write"], case_domain="debt_signal"
    )[1]


SIGNAL = {
    "name": "Jan Jansen",
    "bsn": VALID_BSNS[0],
    "arrears_amount": "850.00",
    "arrears_since": "2026-01-01",
}


def _status(client, public_id, token):
    return client.get(f"{BASE}/debt-signals/{public_id}/", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_status_says_whether_help_was_accepted_and_nothing_about_the_resident(
    client, landlord, debt_system, django_capture_on_commit_callbacks
):
    _client, token = landlord
    created = post(client, "/debt-signals/", SIGNAL, token)
    assert created.status_code == 201
    assert created.json()["help_accepted"] == "undecided"
    public_id = created.json()["public_id"]
    body = _status(client, public_id, token).json()
    assert set(body) == {
        "public_id",
        "status",
        "retention_status",
        "destruction_date",
        "legal_hold",
        "help_accepted",
    }
    with django_capture_on_commit_callbacks(execute=True):
        post(client, f"/debt-signals/{public_id}/offer/", {"offer": "declined"}, debt_system)
    assert _status(client, public_id, token).json()["help_accepted"] == "no"


@pytest.mark.parametrize(
    ("offer", "outcome", "expected"),
    [
        ("not_made", "", "undecided"),
        ("accepted", "", "yes"),
        ("declined", "", "no"),
        ("not_made", "debt_relief", "yes"),
        ("not_made", "no_response", "no"),
        ("not_made", "arrears_resolved", "no"),
        ("declined", "offer_declined", "no"),
    ],
)
def test_help_accepted_follows_from_the_offer_and_the_outcome(offer, outcome, expected):
    signal = DebtSignal(
        offer=offer, outcome=outcome, closed_on=dt.date(2026, 2, 1) if outcome else None
    )
    assert signal.help_accepted == expected


def test_another_partys_signal_is_not_found(client, landlord):
    _client, token = landlord
    public_id = post(client, "/debt-signals/", SIGNAL, token).json()["public_id"]
    _other, other_token, _secret = _party("Wonen Limburg", ReportingOrganisation.Kind.LANDLORD)
    assert _status(client, public_id, other_token).status_code == 404


def test_a_changed_answer_is_called_back_signed_retried_and_never_twice(
    client, landlord, debt_system, receiver, django_capture_on_commit_callbacks, caplog
):
    """The receiver answers 500 first, then 200: the outbox retries through the Celery task,
    the signature checks out each time, and the same change never goes out twice."""
    _client, token = landlord
    public_id = post(client, "/debt-signals/", SIGNAL, token).json()["public_id"]
    assert receiver.received == []  # a new signal is not a change of the answer
    caplog.set_level(logging.INFO, logger="cases.callbacks")
    with django_capture_on_commit_callbacks(execute=True):
        answer = post(
            client, f"/debt-signals/{public_id}/offer/", {"offer": "accepted"}, debt_system
        )
    assert answer.status_code == 200
    expected = {"signal_id": public_id, "help_accepted": "yes"}
    assert [item["body"] for item in receiver.received] == [expected, expected]
    assert all(item["valid"] and item["fresh"] for item in receiver.received)
    assert len({item["delivery"] for item in receiver.received}) == 1
    delivery = CallbackDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status) == (2, 200)
    assert delivery.delivered_at is not None

    # The same answer again (a case system's retry with a new key, a closing that keeps it):
    # no change, no callback; and even a forced second announcement is refused by the key.
    with django_capture_on_commit_callbacks(execute=True):
        post(client, f"/debt-signals/{public_id}/offer/", {"offer": "accepted"}, debt_system)
        signal = DebtSignal.objects.get(public_id=public_id)
        assert (
            callbacks.help_accepted_changed(case=signal, before="undecided", now=timezone.now())
            == 0
        )
    callbacks_dispatch_pending()
    assert len(receiver.received) == 2
    assert CallbackDelivery.objects.count() == 1

    # Logged: the delivery, the client and the status; nothing about the resident.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "HTTP 500" in logged
    assert "HTTP 200" in logged
    for personal in ("Jan", "Jansen", VALID_BSNS[0], public_id):
        assert personal not in logged


def test_a_failed_callback_waits_with_exponential_back_off_and_is_picked_up_again(
    landlord, receiver
):
    """The durable part: a row whose task was lost is queued again by the periodic task once
    its back-off has passed, and delivered."""
    client, _token = landlord
    now = timezone.now()
    delivery = CallbackDelivery.objects.create(
        client=client,
        dedup_key="x:yes",
        payload={"signal_id": "x", "help_accepted": "yes"},
        created_at=now,
        next_attempt_at=now,
    )
    with pytest.raises(callbacks.CallbackFailed) as failed:
        callbacks.callback_deliver(delivery_id=delivery.pk, now=now)
    assert failed.value.retry_in == BACKOFF_FIRST.total_seconds()
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(20).total_seconds() == 3600
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == now + BACKOFF_FIRST
    assert not CallbackDelivery.objects.pending(now=now).exists()  # its task retries first
    CallbackDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=now - dt.timedelta(hours=1)
    )
    callbacks_dispatch_pending()
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None
    assert [item["valid"] for item in receiver.received] == [True, True]


def test_every_party_of_a_joined_case_hears_of_its_own_signal_only(
    client, landlord, debt_system, receiver, django_capture_on_commit_callbacks
):
    _client, token = landlord
    first = post(client, "/debt-signals/", SIGNAL, token).json()["public_id"]
    insurer_receiver = Receiver()
    try:
        _insurer, insurer_token, secret = _party(
            "CZ", ReportingOrganisation.Kind.HEALTH_INSURER, insurer_receiver.url
        )
        insurer_receiver.secret = secret
        joined = post(
            client, "/debt-signals/", {**SIGNAL, "arrears_type": "health_insurance"}, insurer_token
        )
        assert joined.status_code == 201
        second = joined.json()["public_id"]
        with django_capture_on_commit_callbacks(execute=True):
            post(client, f"/debt-signals/{first}/offer/", {"offer": "declined"}, debt_system)
        assert insurer_receiver.received[0]["body"] == {"signal_id": second, "help_accepted": "no"}
        assert insurer_receiver.received[0]["valid"]
        assert receiver.received[-1]["body"] == {"signal_id": first, "help_accepted": "no"}
    finally:
        insurer_receiver.close()


def test_a_callback_url_is_registered_by_the_command_with_a_secret_shown_once():
    out = StringIO()
    call_command(
        "create_api_client",
        "Enexis",
        "batch",
        "--scope",
        "signals:write",
        "--kind",
        "energy_company",
        "--callback-url",
        "https://enexis.example/hooks/heerlen",
        stdout=out,
    )
    client = ApiClient.objects.get(organisation__name="Enexis")
    secret = out.getvalue().strip().splitlines()[-1]
    assert client.callback_url == "https://enexis.example/hooks/heerlen"
    assert client.callback_secret == secret
    assert secret.startswith("whsec_")


def test_a_callback_url_must_use_tls_except_to_this_machine(landlord):
    client, _token = landlord
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        api_client_set_callback(client=client, url="http://party.example/hook")
    assert api_client_set_callback(client=client, url="http://localhost:8080/hook")


def test_the_debt_statement_promises_what_the_api_now_does(client, landlord):
    """The statement's sentence is true: a reporting party learns whether the resident is okay
    with us helping, from its signal's status (and the callback above)."""
    sentence = "Wij laten hen weten of u het goed vindt dat wij u helpen."
    recipients = [
        text for text in _texts(schulden.STATEMENT) if "goed vindt dat wij u helpen" in text
    ]
    assert any(sentence in text for text in recipients)
    _client, token = landlord
    public_id = post(client, "/debt-signals/", SIGNAL, token).json()["public_id"]
    assert _status(client, public_id, token).json()["help_accepted"] in {"yes", "no", "undecided"}


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)


def test_the_readme_snippet_verifies_a_callback_and_refuses_a_tampered_one():
    """The README's verification code, run as a reporting party would copy it."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    snippet = readme.split("To verify it, in Python:\n\n```python\n", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(snippet, namespace)  # noqa: S102 - our own README's code, under test
    verify = namespace["verify"]
    body = callbacks.payload_body({"signal_id": "abc", "help_accepted": "yes"})
    timestamp = str(int(time.time()))
    headers = {
        "X-Timestamp": timestamp,
        "X-Signature": callbacks.sign(secret="whsec_x", timestamp=timestamp, body=body),
    }
    assert verify("whsec_x", headers, body)
    assert not verify("whsec_x", headers, body.replace(b"yes", b"no "))
    assert not verify("whsec_other", headers, body)
    old = str(int(time.time()) - 3600)
    stale = {
        "X-Timestamp": old,
        "X-Signature": callbacks.sign(secret="whsec_x", timestamp=old, body=body),
    }
    assert not verify("whsec_x", stale, body)


def test_the_schema_documents_the_field_and_the_signed_callback(client):
    schema = client.get("/api/schema/?format=json").json()
    status = schema["components"]["schemas"]["DebtSignalStatus"]
    field = status["properties"]["help_accepted"]
    enum = schema["components"]["schemas"][field["allOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert enum["enum"] == ["yes", "no", "undecided"]
    operation = schema["paths"]["/api/intake/debt-signals/"]["post"]
    callback = operation["callbacks"]["helpAccepted"]
    (path_item,) = callback.values()
    posted = path_item["post"]
    headers = {p["name"]: p for p in posted["parameters"] if p["in"] == "header"}
    assert {"X-Signature", "X-Timestamp", "X-Delivery-Id"} <= set(headers)
    assert "HMAC-SHA256" in headers["X-Signature"]["description"]
    body = posted["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/HelpAcceptedCallback"}
    fields = schema["components"]["schemas"]["HelpAcceptedCallback"]["properties"]
    assert set(fields) == {"signal_id", "help_accepted"}


def test_a_callback_is_not_sent_to_this_machine_where_loopback_is_not_allowed(
    landlord, debt_system, receiver, client, settings, django_capture_on_commit_callbacks
):
    """Attack review: a party's callback host that resolves to this machine (or, below, to the
    metadata service or the internal network) got the POST: blind SSRF. Now the address is
    checked at each delivery; the row waits with its back-off, nothing is sent."""
    settings.CALLBACKS_ALLOW_LOOPBACK = False
    api_client = landlord[0]
    ApiClient.objects.filter(pk=api_client.pk).update(
        callback_url=receiver.url.replace("127.0.0.1", "localhost")
    )
    public_id = post(client, "/debt-signals/", SIGNAL, landlord[1]).json()["public_id"]
    with django_capture_on_commit_callbacks(execute=True):
        post(client, f"/debt-signals/{public_id}/offer/", {"offer": "accepted"}, debt_system)
    assert receiver.received == []
    delivery = CallbackDelivery.objects.get()
    assert delivery.delivered_at is None
    assert delivery.last_status is None


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("169.254.169.254", False),  # cloud metadata
        ("10.1.2.3", False),
        ("192.168.0.10", False),
        ("127.0.0.1", False),
        ("::ffff:127.0.0.1", False),
        ("fd00::1", False),
        ("0.0.0.0", False),  # noqa: S104 # an address to refuse, not one to bind
        ("93.184.216.34", True),
    ],
)
def test_a_callback_host_must_resolve_to_public_addresses_only(
    monkeypatch, settings, address, allowed
):
    settings.CALLBACKS_ALLOW_LOOPBACK = False
    family = callbacks.socket.AF_INET6 if ":" in address else callbacks.socket.AF_INET

    def resolve(host, port, *args, **kwargs):
        assert host == "hooks.party.example"
        return [(family, callbacks.socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(callbacks.socket, "getaddrinfo", resolve)
    assert callbacks.destination_allowed("https://hooks.party.example/heerlen") is allowed


def test_a_callback_host_that_does_not_resolve_is_not_allowed():
    assert not callbacks.destination_allowed("https://does-not-exist.invalid/hook")


def test_an_answer_that_changes_back_is_called_back_again(
    client, landlord, debt_system, receiver, django_capture_on_commit_callbacks
):
    """Attack review: the outbox's key was signal and value, so yes, no, yes again sent the
    second "yes" never: the party kept "no" (and went on with the eviction) while the resident
    had accepted help. Each change is a change of its own; a retry of one is not."""
    receiver.answers = []
    _client, token = landlord
    public_id = post(client, "/debt-signals/", SIGNAL, token).json()["public_id"]
    for offer in ("accepted", "declined", "accepted"):
        with django_capture_on_commit_callbacks(execute=True):
            answer = post(
                client, f"/debt-signals/{public_id}/offer/", {"offer": offer}, debt_system
            )
        assert answer.status_code == 200, answer.content
    assert [item["body"]["help_accepted"] for item in receiver.received] == ["yes", "no", "yes"]
    assert len({item["delivery"] for item in receiver.received}) == 3
