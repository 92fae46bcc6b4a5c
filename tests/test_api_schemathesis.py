"""schemathesis against the project's own OpenAPI schema (`/api/schema/`), on a live server.

For every operation it generates requests that fit the schema and requests that do not, sends
them over HTTP, and checks every answer with all of schemathesis' checks: no 5xx, status code,
content type, headers and body as documented, invalid data rejected, valid data accepted. On top
of that, every rejection must be a 4xx that says what was wrong (a non-empty JSON message).

The intake endpoints get a valid Bearer token of a test organisation with the scope the
operation needs (a reporting party for new signals, a case system of the domain otherwise), and
half of the time the id of a case that exists, so that more than the 404 path is exercised.
The number of examples is bounded so the whole module runs in well under two minutes.
"""

import collections
import itertools
import uuid

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis import Case, GenerationMode

from cases.models import ReportingOrganisation, SignalBatch
from cases.services import api_client_create

from .cases.factories import DebtSignalFactory, OrganisationFactory, YouthCaseFactory

MAX_EXAMPLES = 25

# Two of schemathesis' checks are adjusted, each for a reason the schema cannot carry:
# - positive_data_acceptance (a schema-valid request must be accepted) is off. The intake API
#   refuses, with a 400 naming the field, data that fits the schema but not the law or the
#   case: dates before 1900 or in the future (OpenAPI 3.0 has no bounds for a date), a closing
#   date before the case was received, arrears a landlord does not signal, an Idempotency-Key
#   reused with another body (422). Every such answer is still checked: a documented 4xx
#   with a message, never a 5xx.
# - negative_data_rejection also counts 413 as a rejection: a body over 64 KiB is refused as
#   too large before its fields are looked at (RFC 9110 section 15.5.14).
CONFIG = {
    "checks": {
        "positive_data_acceptance": {"enabled": False},
        "negative_data_rejection": {
            "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]
        },
    }
}
INTAKE = "/api/intake/"

pytestmark = pytest.mark.django_db(transaction=True)


def rejection_has_a_message(ctx, response, case):
    """A 4xx answers in JSON with at least one non-empty message."""
    if not 400 <= response.status_code < 500:
        return None
    try:
        body = response.json()
    except ValueError:
        raise AssertionError(f"{response.status_code} without a JSON message") from None

    def messages(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from messages(item)
        elif isinstance(value, list):
            for item in value:
                yield from messages(item)

    if not any(message.strip() for message in messages(body)):
        raise AssertionError(f"{response.status_code} without a message saying what was wrong")
    return None


@pytest.fixture
def api_schema(live_server):
    return schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")


@pytest.fixture
def intake(settings):
    """Clients with every scope between them, and one case of each kind they may see."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"intake": "100000/hour"},
    }
    landlord = OrganisationFactory(name="Weller", kind=ReportingOrganisation.Kind.LANDLORD)
    case_system = ReportingOrganisation.Kind.CASE_SYSTEM
    signals_client, signals_token = api_client_create(
        organisation=landlord, name="system", scopes=["signals:write"]
    )
    _client, debt_token = api_client_create(
        organisation=OrganisationFactory(name="Schuldhulp", kind=case_system),
        name="system",
        scopes=["cases:write"],
        case_domain="debt_signal",
    )
    _client, youth_token = api_client_create(
        organisation=OrganisationFactory(name="Jeugd", kind=case_system),
        name="system",
        scopes=["cases:write"],
        case_domain="youth_case",
    )
    return {
        "signals": signals_token,
        "debt": debt_token,
        "youth": youth_token,
        "debt_id": str(DebtSignalFactory(reporting_organisation=landlord).public_id),
        "youth_id": str(YouthCaseFactory().public_id),
        "batch_id": str(
            SignalBatch.objects.create(
                client=signals_client, total=0, created_at=timezone.now()
            ).public_id
        ),
        "turn": itertools.cycle([True, False]),
    }


def _prepare(case: Case, intake) -> dict:
    """The Bearer token the operation needs, and (every other time) a case that exists."""
    path = case.path
    if not path.startswith(INTAKE):
        return {}
    youth = path.startswith(f"{INTAKE}youth-cases/")
    batch = path.startswith(f"{INTAKE}signal-batches/")
    if (path == f"{INTAKE}debt-signals/" and case.method == "POST") or batch:
        token = intake["signals"]  # a reporting party: new signals, batches
    else:
        token = intake["youth" if youth else "debt"]
    if case.path_parameters and "public_id" in case.path_parameters and next(intake["turn"]):
        existing = "batch_id" if batch else "youth_id" if youth else "debt_id"
        case.path_parameters["public_id"] = intake[existing]
    return {"Authorization": f"Bearer {token}"}


def _check_operation(operation, mode, intake, base_url, examples):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case):
        examples[operation.label] += 1
        headers = _prepare(case, intake)
        if mode == GenerationMode.POSITIVE and case.method == "POST" and headers:
            # a fresh key, so that a valid request is not answered as a replay of another
            headers["Idempotency-Key"] = str(uuid.uuid4())
        case.call_and_validate(
            base_url=base_url,
            headers=headers,
            additional_checks=[rejection_has_a_message],
            timeout=30,
        )

    check()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_answers_every_request_as_documented(live_server, intake, mode):
    """The schema is the one the server serves; each of its operations gets up to
    MAX_EXAMPLES requests of this mode. Failures are collected over all operations."""
    schema = schemathesis.openapi.from_url(
        f"{live_server.url}/api/schema/", config=schemathesis.Config.from_dict(CONFIG)
    )
    examples = collections.Counter()
    failures = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        try:
            _check_operation(operation, mode, intake, live_server.url, examples)
        except (Exception, BaseExceptionGroup) as exc:  # reported below, with the operation
            failures.append(f"{operation.label}: {exc}")
    print(f"schemathesis {mode}: {operations} operations, {examples.total()} requests", examples)
    # the statements API (4) and the intake API (14, and the batch's POST and GET)
    assert operations >= 20
    assert examples.total() >= operations
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(
    "path",
    ["/api/statements/%C2%9E/", "/api/statements/x/versions/abc/", "/api/nothing-here/"],
)
def test_an_unmatched_api_url_is_a_json_404_with_a_message(client, path):
    """Found by schemathesis: a path parameter of the wrong form got the HTML 404 page."""
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
