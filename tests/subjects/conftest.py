"""A verified access request about a parent with two debt signals and a child's youth case."""

import datetime
from dataclasses import dataclass

import pytest

from cases.models import YouthRepresentative
from core.crypto import blind_index
from requests_app import roles
from requests_app.models import SubjectRequest
from tests.cases.factories import DebtSignalFactory, OrganisationFactory, YouthCaseFactory
from tests.requests_app.factories import staff, subject_request

PARENT, CHILD = "111222333", "123456782"


@dataclass
class Person:
    request: SubjectRequest
    signals: list
    youth: object
    handler: object
    youth_handler: object
    dpo: object
    auditor: object


@pytest.fixture
def person(published):
    landlord = OrganisationFactory(name="Woonpunt")
    signals = [
        DebtSignalFactory(bsn=PARENT, reporting_organisation=landlord),
        DebtSignalFactory(
            bsn=PARENT,
            signal_received_on=datetime.date(2026, 2, 1),
            reporting_organisation=OrganisationFactory(name="CZ", kind="health_insurer"),
        ),
    ]
    youth = YouthCaseFactory(bsn=CHILD, representatives="Jan Jansen; Els Jansen (other parent)")
    YouthRepresentative.objects.create(youth_case=youth, capacity="parent", bsn=PARENT)
    request = subject_request(
        kind="access",
        domain="debt",
        status="in_progress",
        bsn=PARENT,
        bsn_index=blind_index(PARENT),
        identity_method="counter",
        identity_verified_at=datetime.datetime(2026, 3, 2, 11, tzinfo=datetime.UTC),
        verified_at=datetime.datetime(2026, 3, 2, 10, 5, tzinfo=datetime.UTC),
    )
    return Person(
        request=request,
        signals=signals,
        youth=youth,
        handler=staff(roles.HANDLER, teams=["debt"]),
        youth_handler=staff(roles.HANDLER, teams=["debt", "youth"]),
        dpo=staff(roles.DPO),
        auditor=staff(roles.AUDITOR),
    )
