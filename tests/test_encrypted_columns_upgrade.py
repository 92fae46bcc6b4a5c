"""Columns that moved under encryption keep their values: rows stored in plain text by the
release before are encrypted in place by the migration, and read back the same."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cases.models import DebtSignal, YouthCase
from requests_app.models import ClockStopPeriod
from retention.models import DestructionList, DestructionListItem

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [
    ("requests_app", "0017_delivery_by_post"),
    ("cases", "0004_signal_batches"),
    ("retention", "0013_destruction_log_category_and_start"),
]
NOW = timezone.now()
PLAIN = {
    "reference": "ZAAK Henk Vermeulen",
    "programme": "Wsnp via bewindvoerder Vermeulen",
    "reason": "Wacht op medische verklaring Henk Vermeulen",
    "kept": "Bezwaar van Henk Vermeulen loopt",
    "rejected": "Vermeulen nog in procedure",
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _fill(apps):
    organisation = apps.get_model("cases", "ReportingOrganisation").objects.create(
        name="Woningcorporatie Weller", kind="landlord"
    )
    signal = apps.get_model("cases", "DebtSignal").objects.create(
        reporting_organisation=organisation,
        signal_received_on=dt.date(2026, 1, 15),
        name="Jan Jansen",
        external_reference=PLAIN["reference"],
        date_of_birth=dt.date(1980, 5, 5),
        gender="female",
        debt_relief_programme=PLAIN["programme"],
        arrears_type="rent",
        arrears_amount="850.00",
        arrears_since=dt.date(2025, 12, 1),
    )
    youth = apps.get_model("cases", "YouthCase").objects.create(
        request_received_on=dt.date(2026, 2, 1),
        youth_name="Piet Jansen",
        youth_date_of_birth=dt.date(2012, 3, 4),
    )
    request = apps.get_model("requests_app", "SubjectRequest").objects.create(
        reference="AVG-2026-000001",
        secret_hash="0" * 64,
        kind="access",
        domain="debt",
        received_at=NOW,
        due_date=dt.date(2027, 1, 1),
    )
    apps.get_model("requests_app", "ClockStopPeriod").objects.create(
        request=request, start=dt.date(2026, 2, 2), reason=PLAIN["reason"]
    )
    destruction_list = apps.get_model("retention", "DestructionList").objects.create(
        policy_code="youth-assistance-records",
        record_type="youth_case",
        created_at=NOW,
        rejection_reason=PLAIN["rejected"],
    )
    destruction_list.items.create(
        record_id=youth.pk, archiefactiedatum=dt.date(2046, 1, 1), reason=PLAIN["kept"]
    )
    return signal.pk, youth.pk


def _raw(table, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 (the test's own names)
        return [value for (value,) in cursor.fetchall()]


def test_plain_values_of_the_release_before_are_encrypted_and_read_back():
    try:
        signal_id, youth_id = _fill(_migrate(BEFORE))
    finally:  # whatever happened, leave the schema as the other tests expect it
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    signal = DebtSignal.objects.get(pk=signal_id)
    assert signal.external_reference == PLAIN["reference"]
    assert signal.debt_relief_programme == PLAIN["programme"]
    assert (signal.date_of_birth, signal.gender) == (dt.date(1980, 5, 5), "female")
    assert YouthCase.objects.get(pk=youth_id).youth_date_of_birth == dt.date(2012, 3, 4)
    assert ClockStopPeriod.objects.get().reason == PLAIN["reason"]
    assert DestructionListItem.objects.get().reason == PLAIN["kept"]
    assert DestructionList.objects.get().rejection_reason == PLAIN["rejected"]
    stored = (
        _raw("retention_debtsignal", "external_reference")
        + _raw("retention_debtsignal", "debt_relief_programme")
        + _raw("retention_debtsignal", "date_of_birth")
        + _raw("retention_debtsignal", "gender")
        + _raw("retention_youthcase", "youth_date_of_birth")
        + _raw("requests_app_clockstopperiod", "reason")
        + _raw("retention_destructionlistitem", "reason")
        + _raw("retention_destructionlist", "rejection_reason")
    )
    assert len(stored) == 8
    for value in stored:
        assert value.startswith("gAAAA"), "a Fernet token, not the plain value"
    for plain in [*PLAIN.values(), "1980-05-05", "2012-03-04", "female"]:
        assert plain not in stored


def test_reversing_the_migrations_gives_the_plain_values_back():
    try:
        signal_id, _youth_id = _fill(_migrate(BEFORE))
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        _migrate(BEFORE)
        assert _raw("requests_app_clockstopperiod", "reason") == [PLAIN["reason"]]
        assert _raw("retention_debtsignal", "external_reference") == [PLAIN["reference"]]
        assert _raw("retention_debtsignal", "date_of_birth") == [dt.date(1980, 5, 5)]
        assert _raw("retention_destructionlistitem", "reason") == [PLAIN["kept"]]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert DebtSignal.objects.get(pk=signal_id).external_reference == PLAIN["reference"]
