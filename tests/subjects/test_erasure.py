"""Erasure and restriction per record: a debt signal destroyed through the retention engine
with a destruction-log line, a youth case refused with its ground, a restricted case kept
unchanged by the intake API except for holds."""

import pytest
from django.contrib.auth.models import Group

from cases.models import ContactAttempt, DebtSignal, ReportingOrganisation
from cases.services import api_client_create
from core.crypto import blind_index
from requests_app import roles
from retention.models import DestructionLogEntry
from retention.purge import record_reference
from subjects import services
from subjects.sources import records_find
from tests.cases.factories import DebtSignalFactory, OrganisationFactory, YouthCaseFactory
from tests.conftest import otp_login
from tests.requests_app.factories import staff, subject_request

from .conftest import CHILD, PARENT

pytestmark = pytest.mark.django_db
BASE = "/api/intake"


def _request(kind, bsn=PARENT):
    return subject_request(
        kind=kind,
        domain="debt",
        status="in_progress",
        bsn=bsn,
        bsn_index=blind_index(bsn),
        identity_method="counter",
    )


def _key(request, record_type, domains=("debt", "youth"), role="subject"):
    (record,) = [
        r
        for r in services.subject_records(request=request, domains=domains)
        if r.record_type == record_type and r.role == role
    ]
    return record.key


def test_an_erased_debt_signal_leaves_a_destruction_log_line_and_tells_its_reporter(client, person):
    signal = person.signals[0]
    ContactAttempt.objects.create(
        debt_signal=signal, attempted_on="2026-01-20", channel="phone", result="reached"
    )
    _client, token = api_client_create(
        organisation=signal.reporting_organisation, name="own", scopes=["signals:write"]
    )
    request = _request("erasure")
    key = next(
        r.key
        for r in services.subject_records(request=request, domains=["debt"])
        if r.record_id == str(signal.public_id)
    )
    otp_login(client, person.handler)

    response = client.post(
        f"/beheer/requests_app/subjectrequest/{request.pk}/records/act/",
        {"key": key, "action": "erase"},
    )

    assert response.status_code == 302
    assert not DebtSignal.objects.filter(pk=signal.pk).exists()
    assert not ContactAttempt.objects.exists()
    entry = DestructionLogEntry.objects.get(category="erasure_request")
    assert entry.policy_code == "gdpr-17-erasure"
    assert entry.count == 1
    assert entry.derived_rows == 1
    assert entry.run.destroyed_total == 1
    assert entry.references == record_reference(
        record_type="debt_signal", public_id=signal.public_id
    )
    status = client.get(
        f"{BASE}/debt-signals/{signal.public_id}/", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert status.status_code == 410
    assert status.json()["status"] == "erased"
    assert DebtSignal.objects.filter(pk=person.signals[1].pk).exists()


def test_a_youth_case_is_refused_with_ground_17_3_b(person):
    YouthCaseFactory(bsn=PARENT)  # the parent's own youth case, long ago
    request = _request("erasure")
    with pytest.raises(services.SubjectRefused):
        services.record_act(
            request=request,
            key=_key(request, "youth_case"),
            action="erase",
            actor=person.youth_handler,
        )
    (record,) = [r for r in records_find(PARENT, domains=["youth"]) if r.role == "subject"]
    assert record.erasure.ground == "gdpr_17_3"


def test_an_access_request_cannot_erase_and_a_parent_cannot_erase_the_childs_case(person):
    access = _request("access")
    signal_key = next(r.key for r in services.subject_records(request=access, domains=["debt"]))
    with pytest.raises(services.SubjectRefused):
        services.record_act(request=access, key=signal_key, action="erase", actor=person.handler)
    assert DebtSignal.objects.count() == 2
    restriction = _request("restriction")
    with pytest.raises(services.SubjectRefused):
        services.record_act(
            request=restriction,
            key=_key(restriction, "youth_case", role="representative"),
            action="restrict",
            actor=person.youth_handler,
        )


def test_a_restricted_signal_refuses_changes_but_takes_a_hold(client, published):
    signal = DebtSignalFactory(bsn=CHILD)
    request = _request("restriction", bsn=CHILD)
    handler = staff(roles.HANDLER, teams=["debt"])
    services.record_act(
        request=request,
        key=_key(request, "debt_signal", ["debt"]),
        action="restrict",
        actor=handler,
    )
    signal.refresh_from_db()
    assert signal.restricted_since is not None
    system = OrganisationFactory(name="case system", kind=ReportingOrganisation.Kind.CASE_SYSTEM)
    _client, token = api_client_create(
        organisation=system, name="sys", scopes=["cases:write"], case_domain="debt_signal"
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def post(path, body):
        return client.post(
            f"{BASE}/debt-signals/{signal.public_id}/{path}",
            data=body,
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=path + str(len(body)),
            **headers,
        )

    refused = post(
        "contact-attempts/", {"attempted_on": "2026-02-01", "channel": "phone", "result": "reached"}
    )
    assert refused.status_code == 409
    assert not ContactAttempt.objects.exists()
    held = post("legal-hold/", {"reason": "litigation", "since": "2026-03-01"})
    assert held.status_code == 200, held.content
    signal.refresh_from_db()
    assert signal.legal_hold_reason == "litigation"


def test_case_workers_see_a_banner_on_a_restricted_case_and_cannot_change_it(client, published):
    signal = DebtSignalFactory(restricted_since="2026-03-01")
    worker = staff()
    worker.groups.add(Group.objects.get(name="Case worker debt"))
    otp_login(client, worker)
    page = client.get(f"/beheer/cases/debtsignal/{signal.pk}/change/")
    assert page.status_code == 200
    banners = [str(m) for m in page.context["messages"]]
    assert any("2026-03-01" in banner for banner in banners)
    assert 'name="offer"' not in page.content.decode()


def test_an_upheld_objection_stops_the_use_of_the_record_like_a_restriction(published):
    signal = DebtSignalFactory(bsn=CHILD)
    request = _request("objection", bsn=CHILD)
    handler = staff(roles.HANDLER, teams=["debt"])
    with pytest.raises(services.SubjectRefused):
        services.record_act(
            request=request,
            key=_key(request, "debt_signal", ["debt"]),
            action="erase",
            actor=handler,
        )
    services.record_act(
        request=request,
        key=_key(request, "debt_signal", ["debt"]),
        action="restrict",
        actor=handler,
    )
    signal.refresh_from_db()
    assert signal.restricted_since is not None
