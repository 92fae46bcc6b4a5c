"""A journey through every service that stores what residents, staff and case systems type,
each value carrying its own marker, for the dump and log tests (tests/test_data_at_rest.py).

The markers are in tests/personal_data.py, so the whole run's log watch (conftest.py) looks
for them too. Whatever a marker went into, it must be encrypted or hashed at rest and
redacted or absent in the logs."""

import datetime as dt
import json
import uuid

from django.utils import timezone

from cases.models import ReportingOrganisation
from cases.services import api_client_create
from core import roles
from requests_app import letter_drafts, letters, services, staff_records
from requests_app.answer_files import response_file_attach
from tests import personal_data
from tests.cases.factories import OrganisationFactory
from tests.conftest import otp_login
from tests.requests_app.factories import staff

BSNS, DATES = personal_data.JOURNEY_BSNS, personal_data.JOURNEY_DATES


def markers() -> dict[str, str]:
    """Every value the journey stores, by where it went in."""
    return dict(personal_data.JOURNEY)


def _post(client, path, body, token):
    return client.post(
        f"/api/intake{path}",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )


def _token(name, kind, scopes, domain=""):
    organisation = OrganisationFactory(name=name, kind=kind)
    api_client, token = api_client_create(
        organisation=organisation, name="system", scopes=scopes, case_domain=domain
    )
    return api_client, token


def requests_journey(client, m):
    """A web request, a paper one; on hold with a note, an authority check, a staff note, a
    legal hold, letters, an answer file, a person search and a queue search by staff."""
    handler = staff(roles.DPO)
    request, _secret = services.request_submit(
        kind="access",
        domain="youth",
        name=m["RequestName"],
        email=m["Email"],
        details=f"Over {m['RequestDetails']}",
        capacity="parent",
        subject_name=m["SubjectName"],
    )
    paper, _secret = services.request_register(
        actor=handler,
        channel="letter",
        received_on=timezone.localdate(),
        kind="erasure",
        domain="debt",
        name=m["PaperName"],
        postal_address=f"{m['PostalAddress']} 1\n6411 AA Heerlen",
    )
    request = services.request_transition(
        request=request, to_status="on_hold", actor=handler, note=m["ClockStopNote"]
    ).request
    letters.letter_issue(
        request=request,
        letter_type="clock_stopped",
        fields={"awaited": m["LetterAwaited"], "reason": m["LetterReason"]},
        issued_by=handler,
    )
    draft = letter_drafts.draft_start(request=request, letter_type="clock_stopped", actor=handler)
    letter_drafts.draft_save(
        draft=draft,
        fields={"awaited": m["DraftAwaited"], "reason": m["DraftReason"]},
        actor=handler,
        expected_version=None,
    )
    staff_records.authority_record(
        request=request, evidence="birth_certificate", note=m["AuthorityNote"], actor=handler
    )
    staff_records.request_note_add(request=request, actor=handler, text=m["StaffNote"])
    staff_records.request_legal_hold_place(
        request=paper, actor=handler, reason="objection", since=timezone.localdate()
    )
    response_file_attach(
        request=request,
        name=f"{m['FileName']}.csv",
        content=f"naam;{m['FileContent']}\r\n".encode(),
        uploaded_by=handler,
    )
    otp_login(client, handler)
    base = "/beheer/requests_app/subjectrequest/"
    assert client.post(f"{base}person-search/", {"person": m["RequestName"]}).status_code == 200
    assert client.get(base, {"q": m["SearchTerm"]}).status_code == 200
    assert client.get(f"{base}{request.pk}/change/").status_code == 200
    return request


def cases_journey(client, m):
    """Signals from a landlord (one joining an open case, a batch), a debt case and a youth
    case worked by the case systems through the intake API, and a BSN search by staff."""
    landlord, landlord_token = _token(
        "Qx landlord", ReportingOrganisation.Kind.LANDLORD, ["signals:write"]
    )
    landlord.callback_url = "http://127.0.0.1:9/callback"
    landlord.save(update_fields=["callback_url"])
    _insurer, insurer_token = _token(
        "Qx insurer", ReportingOrganisation.Kind.HEALTH_INSURER, ["signals:write"]
    )
    _debt, debt_token = _token(
        "Qx debt", ReportingOrganisation.Kind.CASE_SYSTEM, ["cases:write"], "debt_signal"
    )
    _youth, youth_token = _token(
        "Qx youth", ReportingOrganisation.Kind.CASE_SYSTEM, ["cases:write"], "youth_case"
    )
    today = timezone.localdate()
    signal = {
        "name": m["DebtName"],
        "address": m["DebtAddress"],
        "phone": m["DebtPhone"],
        "administration_number": m["DebtCustomer"],
        "date_of_birth": DATES["debt_birth"],
        "gender": "female",
        "bsn": BSNS["debt"],
        "arrears_amount": "850.00",
        "arrears_since": str(today - dt.timedelta(days=40)),
    }
    created = _post(client, "/debt-signals/", signal, landlord_token)
    assert created.status_code == 201, created.content
    debt_id = created.json()["public_id"]
    joined = {
        **signal,
        "administration_number": m["JoinedCustomer"],
        "arrears_type": "health_insurance",
    }
    assert _post(client, "/debt-signals/", joined, insurer_token).status_code in (200, 201)
    batch = [{"name": m["BatchName"], "bsn": BSNS["batch"], **_arrears(today)}]
    assert _post(client, "/signal-batches/", batch, landlord_token).status_code == 202
    contact = {"attempted_on": str(today), "channel": "phone", "result": "reached"}
    steps = [
        ("contact-attempts/", {**contact, "note": m["ContactNote"]}),
        ("offer/", {"offer": "accepted", "debt_relief_programme": m["ReliefProgramme"]}),
    ]
    for path, body in steps:
        answer = _post(client, f"/debt-signals/{debt_id}/{path}", body, debt_token)
        assert answer.status_code in (200, 201), answer.content
    youth = {
        "external_reference": m["YouthReference"],
        "request_received_on": str(today - dt.timedelta(days=10)),
        "youth_name": m["YouthName"],
        "youth_date_of_birth": DATES["youth_birth"],
        "bsn": BSNS["youth"],
        "referrer": "gp",
        "product_code": "45A01",
        "representatives": m["Representatives"],
        "contact_details": m["Contact"],
        "social_network": m["Network"],
        "living_situation": m["Living"],
        "family_composition": m["Family"],
        "safety_risks": m["Safety"],
        "development_notes": m["Development"],
        "counselling_history": m["Counselling"],
        "involved_professionals": m["Professionals"],
        "health_data": m["Health"],
        "assistance_requested": m["Assistance"],
    }
    created = _post(client, "/youth-cases/", youth, youth_token)
    assert created.status_code == 201, created.content
    youth_id = created.json()["public_id"]
    objection = {"received_on": str(today), "text": m["Objection"]}
    closure = {"outcome": "aborted", "closed_on": str(today), "end_reason": m["EndReason"]}
    for path, body in (("objection/", objection), ("closure/", closure)):
        answer = _post(client, f"/youth-cases/{youth_id}/{path}", body, youth_token)
        assert answer.status_code in (200, 201), answer.content
    otp_login(client, staff(roles.CASE_WORKER_DEBT))
    found = client.post("/beheer/cases/debtsignal/bsn-search/", {"bsn": BSNS["debt"]})
    assert found.status_code == 200
    return debt_id, youth_id


def _arrears(today):
    return {"arrears_amount": "120.00", "arrears_since": str(today - dt.timedelta(days=30))}


def journey(client, m):
    request = requests_journey(client, m)
    debt_id, youth_id = cases_journey(client, m)
    return [str(request.public_id), debt_id, youth_id]
