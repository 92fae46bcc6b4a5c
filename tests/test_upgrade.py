"""A database made by the release before the layout change (access log in requests_app, case
records in retention) upgrades with `migrate` and keeps every row, its permissions included.

The schema is migrated back to that release's last migrations, filled through its historical
models, and migrated forward again; the rows are then read through today's models."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accesslog.models import AccessLogEntry
from cases.models import ContactAttempt, DebtSignal, ReportingOrganisation, YouthCase
from core.sync import roles_sync
from requests_app.models import SubjectRequest
from retention.models import DestructionList

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [
    ("requests_app", "0006_event_types_of_letters_and_back_office"),
    ("retention", "0006_dpo_and_auditor_retention_permissions"),
    ("statements", "0002_page_statistics"),
    ("accesslog", None),
    ("cases", None),
]
NOW = timezone.now()


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    applied = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(applied).apps


def _fill(apps):
    """What the release before wrote: a request, a debt signal with a contact attempt, a
    youth case, access-log rows and a destruction list, and the groups' permissions."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    request = apps.get_model("requests_app", "SubjectRequest").objects.create(
        reference="AVG-2026-000001",
        secret_hash="0" * 64,
        kind="access",
        domain="debt",
        received_at=NOW,
        due_date=dt.date(2027, 1, 1),
        name="Marker Resident",
        email="marker@example.org",
    )
    organisation = apps.get_model("retention", "ReportingOrganisation").objects.create(
        name="Woningcorporatie Weller", kind="landlord"
    )
    signal = apps.get_model("retention", "DebtSignal").objects.create(
        reporting_organisation=organisation,
        signal_received_on=dt.date(2026, 1, 15),
        name="Jan Jansen",
        arrears_type="rent",
        arrears_amount="850.00",
        arrears_since=dt.date(2025, 12, 1),
    )
    apps.get_model("retention", "ContactAttempt").objects.create(
        debt_signal=signal, attempted_on=dt.date(2026, 1, 20), channel="phone", result="reached"
    )
    youth = apps.get_model("retention", "YouthCase").objects.create(
        request_received_on=dt.date(2026, 2, 1), youth_name="Piet Jansen"
    )
    log = apps.get_model("requests_app", "AccessLogEntry")
    for obj, label in ((request, "requests_app.subjectrequest"), (signal, "retention.debtsignal")):
        log.objects.create(
            at=NOW, username="fg", action="view", record_type=label, record_id=str(obj.pk)
        )
    destruction_list = apps.get_model("retention", "DestructionList").objects.create(
        policy_code="youth-case-assistance", record_type="youth_case", created_at=NOW
    )
    destruction_list.items.create(record_id=youth.pk, archiefactiedatum=dt.date(2046, 1, 1))
    # The permissions the release's migrations granted, on the content types of then.
    for app_label, model in (("requests_app", "accesslogentry"), ("retention", "debtsignal")):
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=f"view_{model}", defaults={"name": model}
        )
        Group.objects.get_or_create(name=f"then {model}")[0].permissions.add(permission)
    return {"request": request.pk, "signal": signal.pk, "youth": youth.pk}


def test_a_database_of_the_release_before_upgrades_and_keeps_every_row():
    try:
        ids = _fill(_migrate(BEFORE))
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    finally:  # whatever happened, leave the schema as the other tests expect it
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    roles_sync()

    request = SubjectRequest.objects.get(pk=ids["request"])
    assert (request.name, request.email) == ("Marker Resident", "marker@example.org")
    signal = DebtSignal.objects.get(pk=ids["signal"])
    assert signal.name == "Jan Jansen"
    assert signal.reporting_organisation == ReportingOrganisation.objects.get()
    assert ContactAttempt.objects.get().debt_signal == signal
    assert YouthCase.objects.get(pk=ids["youth"]).youth_name == "Piet Jansen"
    assert set(AccessLogEntry.objects.values_list("record_type", flat=True)) == {
        "requests_app.subjectrequest",
        "retention.debtsignal",
    }
    # An entry written under the former app is still found for the record.
    assert AccessLogEntry.objects.for_record(signal).count() == 1
    destruction_list = DestructionList.objects.get()
    assert list(destruction_list.items.values_list("record_id", flat=True)) == [ids["youth"]]
    # Permissions followed their models: the content types were renamed, not made anew.
    from django.contrib.auth.models import Group

    then_log = Group.objects.get(name="then accesslogentry").permissions.get()
    then_signal = Group.objects.get(name="then debtsignal").permissions.get()
    assert then_log.content_type.app_label == "accesslog"
    assert then_signal.content_type.app_label == "cases"


def test_the_access_log_stays_append_only_after_the_move():
    entry = AccessLogEntry.objects.create(
        at=NOW, username="fg", action="view", record_type="x.y", record_id="1"
    )
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE requests_app_accesslogentry SET purpose = 'x' WHERE id = %s", [entry.pk]
        )
