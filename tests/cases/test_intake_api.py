"""The intake API: credentials and scopes, another organisation's cases, idempotency, strict
validation, throttling per client and the OpenAPI schema."""

import datetime as dt
import json
import threading
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from cases.api.parsers import MAX_BODY_BYTES
from cases.models import (
    ApiClient,
    CaseHistory,
    ContactAttempt,
    DebtSignal,
    IdempotencyRecord,
    ReportingOrganisation,
    SignalReport,
    YouthCase,
)
from cases.services import api_client_create, api_client_revoke
from core.crypto import token_hash
from retention.models import RetentionStatus

from .factories import DebtSignalFactory, OrganisationFactory, YouthCaseFactory

D = dt.date
pytestmark = pytest.mark.django_db
BASE = "/api/intake"


def _client_for(name, kind, scopes, domain=""):
    organisation = OrganisationFactory(name=name, kind=kind)
    return api_client_create(
        organisation=organisation, name="system", scopes=scopes, case_domain=domain
    )


@pytest.fixture
def landlord():
    return _client_for("Weller", ReportingOrganisation.Kind.LANDLORD, ["signals:write"])


@pytest.fixture
def other_landlord():
    return _client_for("Wonen Limburg", ReportingOrganisation.Kind.LANDLORD, ["signals:write"])


@pytest.fixture
def debt_system():
    return _client_for(
        "Schuldhulp", ReportingOrganisation.Kind.CASE_SYSTEM, ["cases:write"], "debt_signal"
    )


@pytest.fixture
def youth_system():
    return _client_for(
        "Jeugd", ReportingOrganisation.Kind.CASE_SYSTEM, ["cases:write"], "youth_case"
    )


def _post(client, path, body, token, key=None, raw=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if key is not False:
        headers["HTTP_IDEMPOTENCY_KEY"] = key or str(uuid.uuid4())
    data = raw if raw is not None else json.dumps(body)
    return client.post(
        f"{BASE}{path}", data=data, content_type="application/json", **headers, **extra
    )


def _get(client, path, token):
    return client.get(f"{BASE}{path}", HTTP_AUTHORIZATION=f"Bearer {token}")


def _signal_body(**changes):
    body = {
        "name": "Jan Jansen",
        "address": "Akerstraat 1, 6411 HA Heerlen",
        "date_of_birth": "1980-05-01",
        "bsn": "111222333",
        "phone": "045-1234567",
        "administration_number": "K-2231",
        "arrears_amount": "850.00",
        "arrears_since": "2025-11-01",
        "signal_date": "2026-01-15",
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


def _youth_body(**changes):
    body = {
        "external_reference": "JZ-2026-0042",
        "request_received_on": "2026-01-10",
        "youth_name": "Sanne de Vries",
        "bsn": "123456782",
        "referrer": "gp",
        "health_data": "ADHD-diagnose.",
    }
    body.update(changes)
    return body


# --- credentials ---------------------------------------------------------------------------


def test_a_token_is_stored_only_as_its_hash(landlord):
    api_client, token = landlord
    stored = ApiClient.objects.get(pk=api_client.pk)
    assert token not in stored.token_hash
    assert stored.token_hash == token_hash(token)
    assert stored.matches(token)
    assert not stored.matches(token + "x")


def test_the_command_prints_the_token_once_and_it_works(client):
    out = StringIO()
    call_command(
        "create_api_client",
        "Enexis",
        "arrears batch",
        "--scope",
        "signals:write",
        "--kind",
        "energy_company",
        stdout=out,
    )
    token = out.getvalue().strip().splitlines()[-1]
    assert token.startswith("hpi_")
    response = _post(client, "/debt-signals/", _signal_body(arrears_type="energy"), token)
    assert response.status_code == 201, response.content
    assert ApiClient.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    ("kind", "scopes", "domain", "field"),
    [
        ("case_system", ["signals:write"], "", "scopes"),
        ("landlord", ["cases:write"], "debt_signal", "scopes"),
        ("case_system", ["cases:write"], "", "case_domain"),
        ("landlord", ["admin:all"], "", "scopes"),
    ],
)
def test_a_scope_must_fit_the_organisation(kind, scopes, domain, field):
    from django.core.exceptions import ValidationError

    organisation = OrganisationFactory(name="X", kind=kind)
    with pytest.raises(ValidationError) as excinfo:
        api_client_create(organisation=organisation, name="s", scopes=scopes, case_domain=domain)
    assert field in excinfo.value.message_dict


def test_no_unknown_wrong_or_revoked_token_gets_in(client, landlord):
    api_client, token = landlord
    for bad in (None, "hpi_nothing_here", token[:-2] + "xx", "Basic abc"):
        response = _post(client, "/debt-signals/", _signal_body(), bad)
        assert response.status_code == 401, bad
        assert response["WWW-Authenticate"].startswith("Bearer")
    api_client_revoke(client=api_client, now=timezone.now())
    assert _post(client, "/debt-signals/", _signal_body(), token).status_code == 401
    assert not DebtSignal.objects.exists()


# --- scopes x endpoints --------------------------------------------------------------------


def test_scopes_decide_which_endpoints_a_client_may_use(
    client, landlord, debt_system, youth_system
):
    _l, landlord_token = landlord
    _d, debt_token = debt_system
    _y, youth_token = youth_system
    signal = DebtSignalFactory(reporting_organisation=landlord[0].organisation)
    youth = YouthCaseFactory()
    attempt = {"attempted_on": "2026-02-01", "channel": "phone", "result": "reached"}
    decision = {"decision": "granted", "decision_on": "2026-02-01"}
    expected = [
        # (token, path, body, status)
        (landlord_token, "/debt-signals/", _signal_body(), 201),
        (debt_token, "/debt-signals/", _signal_body(), 403),
        (youth_token, "/debt-signals/", _signal_body(), 403),
        (landlord_token, "/youth-cases/", _youth_body(), 403),
        (debt_token, "/youth-cases/", _youth_body(), 403),
        (youth_token, "/youth-cases/", _youth_body(), 201),
        (landlord_token, f"/debt-signals/{signal.public_id}/contact-attempts/", attempt, 403),
        (youth_token, f"/debt-signals/{signal.public_id}/contact-attempts/", attempt, 404),
        (debt_token, f"/debt-signals/{signal.public_id}/contact-attempts/", attempt, 201),
        (debt_token, f"/youth-cases/{youth.public_id}/decision/", decision, 404),
        (landlord_token, f"/youth-cases/{youth.public_id}/decision/", decision, 403),
        (youth_token, f"/youth-cases/{youth.public_id}/decision/", decision, 200),
    ]
    for token, path, body, status in expected:
        response = _post(client, path, body, token)
        assert response.status_code == status, (path, status, response.content)
    assert ContactAttempt.objects.filter(debt_signal=signal).count() == 1
    youth.refresh_from_db()
    assert youth.decision == "granted"


def test_another_organisation_gets_404_for_a_signal_it_did_not_submit(
    client, landlord, other_landlord
):
    signal = DebtSignalFactory(reporting_organisation=landlord[0].organisation)
    assert _get(client, f"/debt-signals/{signal.public_id}/", landlord[1]).status_code == 200
    assert _get(client, f"/debt-signals/{signal.public_id}/", other_landlord[1]).status_code == 404
    assert _get(client, f"/debt-signals/{uuid.uuid4()}/", landlord[1]).status_code == 404
    assert _get(client, "/debt-signals/111222333/", landlord[1]).status_code == 404


def test_a_signal_answers_with_its_public_id_and_status_only(client, landlord):
    response = _post(client, "/debt-signals/", _signal_body(), landlord[1])
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {
        "public_id",
        "status",
        "retention_status",
        "destruction_date",
        "legal_hold",
        "help_accepted",  # issue 18: whether the resident accepted help, nothing more
    }
    assert body["status"] == "open"
    text = response.content.decode()
    for personal in ("Jansen", "111222333", "Akerstraat", "045-1234567", "K-2231"):
        assert personal not in text
    signal = DebtSignal.objects.get(public_id=body["public_id"])
    assert signal.reporting_organisation == landlord[0].organisation
    assert signal.arrears_type == DebtSignal.ArrearsType.RENT
    assert signal.name == "Jan Jansen"
    assert signal.signal_received_on == D(2026, 1, 15)
    assert CaseHistory.objects.get(debt_signal=signal).actor.startswith("api:Weller")


# --- case events go through the model: retention dates follow ---------------------------


def test_closing_through_the_api_sets_the_destruction_date(client, published, debt_system):
    signal = DebtSignalFactory(signal_received_on=D(2026, 1, 31))
    response = _post(
        client,
        f"/debt-signals/{signal.public_id}/closure/",
        {"outcome": "offer_declined", "closed_on": "2026-03-01"},
        debt_system[1],
    )
    assert response.status_code == 200, response.content
    assert response.json()["destruction_date"] == "2026-08-01"
    signal.refresh_from_db()
    assert signal.retention_policy_code == "debt-signal-no-help"
    assert signal.retention_status == RetentionStatus.SCHEDULED


def test_a_closed_case_cannot_be_closed_again(client, published, debt_system):
    signal = DebtSignalFactory(closed=True)
    response = _post(
        client,
        f"/debt-signals/{signal.public_id}/closure/",
        {"outcome": "offer_declined", "closed_on": "2026-03-02"},
        debt_system[1],
    )
    assert response.status_code == 400
    assert "outcome" in response.json()
    signal.refresh_from_db()
    assert signal.outcome == DebtSignal.Outcome.NO_RESPONSE


def test_a_legal_hold_through_the_api_keeps_the_case_and_lifting_reschedules(
    client, published, youth_system
):
    case = YouthCaseFactory(aborted=True)
    assert case.retention_status == RetentionStatus.SCHEDULED
    path = f"/youth-cases/{case.public_id}/legal-hold/"
    response = _post(client, path, {"reason": "litigation", "since": "2026-03-01"}, youth_system[1])
    assert response.json()["retention_status"] == RetentionStatus.ON_HOLD
    assert response.json()["legal_hold"] is True
    assert not YouthCase.objects.due(today=D(2040, 1, 1)).exists()
    response = _post(client, f"{path}lift/", {}, youth_system[1])
    assert response.status_code == 200, response.content
    assert response.json()["retention_status"] == RetentionStatus.SCHEDULED


def test_an_objection_records_the_grounds_and_places_a_legal_hold(client, published, youth_system):
    case = YouthCaseFactory(aborted=True)
    response = _post(
        client,
        f"/youth-cases/{case.public_id}/objection/",
        {"received_on": "2026-02-20", "text": "Niet eens met de beslissing."},
        youth_system[1],
    )
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.objection == "Niet eens met de beslissing."
    assert (case.legal_hold_reason, case.legal_hold_since) == ("objection", D(2026, 2, 20))
    assert case.retention_status == RetentionStatus.ON_HOLD


def test_the_offer_of_help_is_recorded(client, debt_system):
    signal = DebtSignalFactory()
    response = _post(
        client,
        f"/debt-signals/{signal.public_id}/offer/",
        {"offer": "accepted", "debt_relief_programme": "Minnelijk traject"},
        debt_system[1],
    )
    assert response.status_code == 200, response.content
    signal.refresh_from_db()
    assert (signal.offer, signal.debt_relief_programme) == ("accepted", "Minnelijk traject")


# --- idempotency ---------------------------------------------------------------------------


def test_a_retry_with_the_same_key_returns_the_first_answer_and_makes_nothing_new(client, landlord):
    first = _post(client, "/debt-signals/", _signal_body(), landlord[1], key="batch-1-row-7")
    # The same JSON with another key order and whitespace is the same request.
    raw = json.dumps(dict(reversed(list(_signal_body().items()))), indent=2)
    second = _post(client, "/debt-signals/", None, landlord[1], key="batch-1-row-7", raw=raw)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert DebtSignal.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(client, landlord):
    _post(client, "/debt-signals/", _signal_body(), landlord[1], key="k1")
    response = _post(
        client, "/debt-signals/", _signal_body(arrears_amount="900.00"), landlord[1], key="k1"
    )
    assert response.status_code == 422
    assert "idempotency_key" in response.json()
    assert DebtSignal.objects.count() == 1


def test_keys_are_per_client(client, landlord, other_landlord):
    assert _post(client, "/debt-signals/", _signal_body(), landlord[1], key="k").status_code == 201
    response = _post(client, "/debt-signals/", _signal_body(), other_landlord[1], key="k")
    assert response.status_code == 201
    # Two signals; the second, for the same resident, joined the open case (issue 18).
    assert DebtSignal.objects.count() + SignalReport.objects.count() == 2


def test_a_post_without_an_idempotency_key_is_refused(client, landlord):
    for key in (False, "with space", "x" * 256):
        response = _post(client, "/debt-signals/", _signal_body(), landlord[1], key=key)
        assert response.status_code == 400, key
        assert "idempotency_key" in response.json()
    assert not DebtSignal.objects.exists()


def test_a_refused_request_does_not_use_up_its_key(client, landlord):
    bad = _post(client, "/debt-signals/", _signal_body(bsn="111222334"), landlord[1], key="k")
    assert bad.status_code == 400
    good = _post(client, "/debt-signals/", _signal_body(), landlord[1], key="k")
    assert good.status_code == 201


def test_an_expired_key_may_be_used_again(client, landlord):
    _post(client, "/debt-signals/", _signal_body(), landlord[1], key="k")
    IdempotencyRecord.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    response = _post(client, "/debt-signals/", _signal_body(), landlord[1], key="k")
    assert "Idempotent-Replayed" not in response
    assert DebtSignal.objects.count() + SignalReport.objects.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_with_one_key_make_exactly_one_signal(landlord):
    from django.test import Client

    token = landlord[1]
    barrier = threading.Barrier(6)
    results = []

    def post():
        try:
            barrier.wait()
            response = _post(Client(), "/debt-signals/", _signal_body(), token, key="same")
            results.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert DebtSignal.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1
    assert {status for status, _body in results} == {201}
    assert len({body["public_id"] for _status, body in results}) == 1


# --- validation ----------------------------------------------------------------------------

TOMORROW = (timezone.localdate() + dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("changes", "field", "code_or_text"),
    [
        ({"bsn": "111222334"}, "bsn", "eleven-test"),
        ({"bsn": "12345"}, "bsn", "eleven-test"),
        ({"arrears_since": TOMORROW}, "arrears_since", "future"),
        ({"signal_date": TOMORROW}, "signal_date", "future"),
        ({"date_of_birth": TOMORROW}, "date_of_birth", "future"),
        ({"arrears_amount": "100000.01"}, "arrears_amount", "less than or equal"),
        ({"arrears_amount": "0"}, "arrears_amount", "greater than or equal"),
        ({"arrears_amount": "-5"}, "arrears_amount", "greater than or equal"),
        ({"arrears_amount": "1e9"}, "arrears_amount", ""),
        ({"arrears_type": "water"}, "arrears_type", "does not signal"),
        ({"arrears_type": "gambling"}, "arrears_type", "not a valid choice"),
        ({"reporting_party_kind": "bank"}, "reporting_party_kind", "credential"),
        ({"kind": "landlord"}, "kind", "credential"),
        ({"favourite_colour": "blue"}, "favourite_colour", "Unknown field"),
        ({"name": None}, "name", "required"),
        ({"arrears_since": "2026-02-01", "signal_date": "2026-01-15"}, "arrears_since", "after"),
    ],
)
def test_invalid_signals_are_refused_with_a_message_per_field(
    client, landlord, changes, field, code_or_text
):
    with override_settings(LANGUAGE_CODE="en"):
        response = _post(client, "/debt-signals/", _signal_body(**changes), landlord[1])
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors, errors
    assert code_or_text in " ".join(errors[field])
    assert not DebtSignal.objects.exists()
    # An invalid BSN is never repeated in the answer.
    assert "111222334" not in response.content.decode()


def test_a_case_system_cannot_submit_signals_whatever_the_body_says(client, debt_system):
    body = _signal_body(reporting_party_kind="landlord")
    assert _post(client, "/debt-signals/", body, debt_system[1]).status_code == 403


def test_a_youth_case_with_a_future_date_or_invalid_bsn_is_refused(client, youth_system):
    response = _post(
        client,
        "/youth-cases/",
        _youth_body(request_received_on=TOMORROW, bsn="123456789"),
        youth_system[1],
    )
    assert response.status_code == 400
    assert {"request_received_on", "bsn"} <= set(response.json())


@pytest.mark.parametrize(
    "reference",
    [
        "123456782",  # passes the eleven-test
        "123456789",  # fails it: still BSN-shaped
        "1234.56.782",
        "123 456 782",
        "JZ-123-45-6782",
        "ZAAK 1234567820",  # a longer run holds nine digits too
    ],
)
def test_a_bsn_shaped_external_reference_is_refused_naming_the_field(
    client, youth_system, reference
):
    response = _post(
        client, "/youth-cases/", _youth_body(external_reference=reference), youth_system[1]
    )
    assert response.status_code == 400
    assert list(response.json()) == ["external_reference"]
    assert reference not in response.content.decode()
    assert not YouthCase.objects.exists()


def test_a_reference_with_at_most_eight_digits_in_a_row_is_stored_encrypted(client, youth_system):
    body = _youth_body(external_reference="JZ-2026-0042", youth_date_of_birth="2012-03-04")
    response = _post(client, "/youth-cases/", body, youth_system[1])
    assert response.status_code == 201, response.content
    case = YouthCase.objects.get()
    assert (case.external_reference, case.youth_date_of_birth) == ("JZ-2026-0042", D(2012, 3, 4))
    with connection.cursor() as cursor:
        cursor.execute("SELECT external_reference, youth_date_of_birth FROM retention_youthcase")
        stored = cursor.fetchone()
    assert "2026" not in stored[0]
    assert "2012" not in stored[1]


def test_an_oversized_body_is_413_not_500(client, landlord):
    body = _signal_body(address="x" * (MAX_BODY_BYTES + 10))
    response = _post(client, "/debt-signals/", body, landlord[1])
    assert response.status_code == 413
    assert "te groot" in response.json()["detail"]  # Dutch first, as the portal


@pytest.mark.parametrize(
    "raw",
    [
        b'{"name": "Jan \xff Jansen"}',
        b'{"name": "Jan \\u0000 Jansen", "arrears_amount": "1"}',
        b'{"name\x00": "Jan"}',
        ("[" * 20_000 + "]" * 20_000).encode(),
        b'{"name": {"a": {"b": {"c": {"d": 1}}}}}',
        b'{"arrears_amount": NaN}',
        b"{not json",
    ],
    ids=["invalid-utf8", "escaped-nul", "raw-nul", "deep-array", "nested-object", "nan", "broken"],
)
def test_malformed_json_is_400(client, landlord, raw):
    response = _post(client, "/debt-signals/", None, landlord[1], raw=raw)
    assert response.status_code == 400, response.content
    assert "detail" in response.json()
    assert not DebtSignal.objects.exists()


def test_a_body_that_is_not_an_object_is_400(client, landlord):
    response = _post(client, "/debt-signals/", ["a", "b"], landlord[1])
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


# --- throttling ----------------------------------------------------------------------------


def test_requests_are_throttled_per_client(client, landlord, other_landlord):
    rates = {"DEFAULT_THROTTLE_RATES": {"intake": "3/minute"}}
    from django.conf import settings

    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, **rates}):
        statuses = [
            _get(client, f"/debt-signals/{uuid.uuid4()}/", landlord[1]).status_code
            for _ in range(4)
        ]
        assert statuses == [404, 404, 404, 429]
        # Another client has its own count.
        assert _get(client, f"/debt-signals/{uuid.uuid4()}/", other_landlord[1]).status_code == 404


# --- OpenAPI -------------------------------------------------------------------------------


def test_the_schema_documents_the_intake_endpoints_with_bearer_auth_and_validates(client):
    from drf_spectacular.validation import validate_schema

    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    paths = schema["paths"]
    for path in (
        "/api/intake/debt-signals/",
        "/api/intake/debt-signals/{public_id}/",
        "/api/intake/debt-signals/{public_id}/contact-attempts/",
        "/api/intake/debt-signals/{public_id}/closure/",
        "/api/intake/youth-cases/",
        "/api/intake/youth-cases/{public_id}/decision/",
        "/api/intake/youth-cases/{public_id}/objection/",
        "/api/intake/youth-cases/{public_id}/legal-hold/",
    ):
        assert path in paths, path
    assert schema["components"]["securitySchemes"]["intakeToken"]["scheme"] == "bearer"
    create = paths["/api/intake/debt-signals/"]["post"]
    assert {"intakeToken": []} in create["security"]
    assert any(
        p["name"] == "Idempotency-Key" and p["in"] == "header" and p["required"]
        for p in create["parameters"]
    )
    fields = schema["components"]["schemas"]["DebtSignalCreate"]["properties"]
    assert "description" in fields["bsn"]
    assert "reporting_organisation" not in fields


def test_an_aborted_youth_request_closed_through_the_api_goes_six_weeks_later(
    client, published, youth_system
):
    """No decision on assistance was taken: the decision to stop is its closing."""
    response = _post(client, "/youth-cases/", _youth_body(), youth_system[1])
    assert response.status_code == 201, response.content
    public_id = response.json()["public_id"]
    closed = _post(
        client,
        f"/youth-cases/{public_id}/closure/",
        {"outcome": "aborted", "closed_on": "2026-02-12"},
        youth_system[1],
    )
    assert closed.status_code == 200, closed.content
    assert closed.json()["retention_status"] == RetentionStatus.SCHEDULED
    # 12 February + six weeks = 26 March, the last day kept; destroyed the day after.
    assert closed.json()["destruction_date"] == "2026-03-27"
