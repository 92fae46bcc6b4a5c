"""The data-source interface and the case records as its first source."""

import datetime

import pytest
from django.test import override_settings
from django.utils import translation

from cases.models import YouthRepresentative
from statements.models import StatementVersion
from subjects import sources
from subjects.internal import CaseRecordsSource
from subjects.sources import DataSource, Role, records_find, source_register
from tests.cases.factories import DebtSignalFactory, OrganisationFactory, YouthCaseFactory

PARENT = "111222333"
CHILD = "123456782"
OTHER = "999999990"

pytestmark = pytest.mark.django_db


def test_case_records_are_a_registered_source():
    registered = sources.sources()
    assert any(isinstance(source, CaseRecordsSource) for source in registered)
    assert all(isinstance(source, DataSource) for source in registered)


def test_a_source_without_the_operations_is_refused():
    class Incomplete:
        key = "x"
        label = "x"

        def find_by_bsn(self, bsn, *, domains):
            return []

    with pytest.raises(TypeError):
        source_register(Incomplete())


def test_finds_the_person_as_subject_and_as_parent_within_the_domains(published):
    DebtSignalFactory(bsn=PARENT)
    DebtSignalFactory(bsn=PARENT, signal_received_on=datetime.date(2026, 2, 1))
    DebtSignalFactory(bsn=OTHER)
    case = YouthCaseFactory(bsn=CHILD)
    YouthRepresentative.objects.create(youth_case=case, capacity="parent", bsn=PARENT)
    YouthCaseFactory(bsn=OTHER)

    found = records_find(PARENT, domains=["debt", "youth"])

    assert [(r.record_type, r.role) for r in found] == [
        ("youth_case", Role.REPRESENTATIVE),
        ("debt_signal", Role.SUBJECT),
        ("debt_signal", Role.SUBJECT),
    ]
    assert [r.record_type for r in records_find(PARENT, domains=["debt"])] == ["debt_signal"] * 2
    assert records_find(PARENT, domains=[]) == []
    assert [r.role for r in records_find(CHILD, domains=["youth"])] == [Role.SUBJECT]


def test_a_record_says_what_article_15_asks(published):
    organisation = OrganisationFactory(name="Woonpunt")
    DebtSignalFactory(bsn=PARENT, reporting_organisation=organisation)

    with translation.override("en"):
        (record,) = records_find(PARENT, domains=["debt"])

    lines = {line.key: line for line in record.lines}
    assert lines["name"].value == "Jan Jansen"
    assert lines["name"].label == "Name"
    assert lines["name"].provided
    assert lines["arrears_type"].value == "rent"
    assert not lines["signal_received_on"].provided
    assert record.reporting_party == "Woonpunt"
    assert record.purposes
    assert record.categories
    assert record.recipients
    in_force = (
        StatementVersion.objects.in_force(today=datetime.date(2026, 1, 15))
        .filter(statement__slug="vroegsignalering-schulden")
        .first()
    )
    assert f"version {in_force.number} (in force from 2026-01-01)" in record.statement_version
    assert record.erasure.allowed


def test_youth_records_cannot_be_erased_under_the_youth_act(published):
    YouthCaseFactory(bsn=CHILD)
    (record,) = records_find(CHILD, domains=["youth"])
    assert not record.erasure.allowed
    assert record.erasure.ground == "gdpr_17_3"
    assert {line.key for line in record.lines} >= {"youth_name", "health_data"}


def test_found_under_the_previous_blind_index_key_during_a_key_change(settings):
    DebtSignalFactory(bsn=PARENT)
    with override_settings(
        BLIND_INDEX_KEY="a-new-key-" * 5, BLIND_INDEX_PREVIOUS_KEY=settings.BLIND_INDEX_KEY
    ):
        assert len(records_find(PARENT, domains=["debt"])) == 1


def test_restrict_marks_the_record_once():
    signal = DebtSignalFactory(bsn=PARENT)
    source = CaseRecordsSource()
    now = datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)
    source.restrict(str(signal.public_id), reason="art. 18", now=now)
    signal.refresh_from_db()
    assert signal.restricted_since == datetime.date(2026, 4, 1)
    with pytest.raises(sources.SourceRefused):
        source.restrict(str(signal.public_id), reason="art. 18", now=now)
