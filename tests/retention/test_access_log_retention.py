"""The access log's retention (issue 14, item 5): the references of destroyed records become
their destruction-log hash, entries go once the published period has passed, and the
append-only trigger admits exactly these two changes and nothing else."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError, connection, transaction

from accesslog.models import AccessLogEntry
from accesslog.retention import access_log_purge_expired, access_log_redact
from retention.models import DestructionLogEntry, RetentionPolicy
from retention.purge import record_reference, records_purge
from statements.models import RetentionRule, Statement
from tests.cases.factories import YouthCaseFactory
from tests.requests_app.factories import subject_request

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = dt.date
HASH = "a" * 64


def night(day, hour=1, minute=30):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def entry(obj=None, *, at=None, record_type=None, record_id=None, reference=None):
    return AccessLogEntry.objects.create(
        at=at or night(D(2026, 1, 5), 10),
        username="fg",
        roles="DPO",
        action="view",
        record_type=record_type or obj._meta.label_lower,
        record_id=str(record_id or obj.pk),
        record_reference=reference if reference is not None else str(obj.reference),
        purpose="case work",
        ip_address="10.0.0.1",
        path="/beheer/",
    )


def test_a_destroyed_case_s_references_become_its_destruction_log_hash(published):
    gone = YouthCaseFactory(aborted=True)
    kept = YouthCaseFactory()  # open: not due
    seen_gone = [entry(gone), entry(gone), entry(gone, record_type="retention.youthcase")]
    seen_kept = entry(kept)
    public_id = str(gone.public_id)
    records_purge(now=night(D(2026, 12, 1)))
    expected = record_reference(record_type="youth_case", public_id=gone.public_id)
    assert DestructionLogEntry.objects.get().references == expected
    for row in seen_gone:
        after = AccessLogEntry.objects.get(pk=row.pk)
        assert after.record_reference == expected
        assert (after.at, after.username, after.purpose, after.record_id, after.ip_address) == (
            row.at,
            row.username,
            row.purpose,
            row.record_id,
            row.ip_address,
        )
    assert AccessLogEntry.objects.get(pk=seen_kept.pk).record_reference == str(kept.public_id)
    assert not AccessLogEntry.objects.filter(record_reference=public_id).exists()


def test_a_destroyed_request_s_reference_leaves_the_access_log(published):
    request = subject_request(
        status="completed", closed_at=dt.datetime(2025, 8, 31, 12, tzinfo=AMSTERDAM)
    )
    row = entry(request)
    assert row.record_reference.startswith("AVG-")
    records_purge(now=night(D(2026, 9, 1)))
    expected = record_reference(record_type="subject_request", public_id=request.public_id)
    assert AccessLogEntry.objects.get(pk=row.pk).record_reference == expected


def run_sql(sql, params, *, redact=False, purge_before=None):
    """One statement in its own transaction, with the permission the trigger looks for."""
    with transaction.atomic(), connection.cursor() as cursor:
        if redact:
            cursor.execute("SET LOCAL heerlen.access_log_redact = 'on'")
        if purge_before:
            cursor.execute(
                "SELECT set_config('heerlen.access_log_purge_before', %s, true)", [purge_before]
            )
        cursor.execute(sql, params)


UPDATE_REFERENCE = "UPDATE requests_app_accesslogentry SET record_reference = %s WHERE id = %s"
UPDATE_BOTH = (
    "UPDATE requests_app_accesslogentry SET record_reference = %s, purpose = 'x' WHERE id = %s"
)
UPDATE_PURPOSE = "UPDATE requests_app_accesslogentry SET purpose = 'x' WHERE id = %s"
DELETE_ONE = "DELETE FROM requests_app_accesslogentry WHERE id = %s"
DELETE_TWO = "DELETE FROM requests_app_accesslogentry WHERE id IN (%s, %s)"
CUT_OFF = "2024-01-01T00:00:00+01:00"


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("redact", "sql", "value"),
    [
        (False, UPDATE_REFERENCE, HASH),  # no permission asked for
        (True, UPDATE_BOTH, HASH),  # asked for, but another column changes too
        (True, UPDATE_REFERENCE, "Jan"),  # asked for, but the new value is not a hash
        (True, DELETE_ONE, None),  # a redaction permits no deletion
    ],
)
def test_the_trigger_refuses_all_but_the_redaction_of_the_reference(redact, sql, value):
    row = entry(record_type="cases.youthcase", record_id=7, reference="ref-7")
    params = [row.pk] if value is None else [value, row.pk]
    with pytest.raises(DatabaseError, match="append-only"):
        run_sql(sql, params, redact=redact)
    assert AccessLogEntry.objects.get(pk=row.pk).record_reference == "ref-7"


@pytest.mark.postgres
def test_the_trigger_admits_the_redaction_and_nothing_after_it():
    row = entry(record_type="cases.youthcase", record_id=7, reference="ref-7")
    with transaction.atomic():
        assert access_log_redact(record_types=["cases.youthcase"], pairs=[(7, HASH)]) == 1
    assert AccessLogEntry.objects.get(pk=row.pk).record_reference == HASH
    with pytest.raises(DatabaseError, match="append-only"):
        run_sql(UPDATE_PURPOSE, [row.pk])


@pytest.mark.postgres
def test_the_trigger_admits_a_deletion_only_before_the_cut_off():
    old = entry(record_type="x.y", record_id=1, reference="r", at=night(D(2020, 1, 1)))
    new = entry(record_type="x.y", record_id=2, reference="r", at=night(D(2025, 1, 1)))
    with pytest.raises(DatabaseError, match="append-only"):
        run_sql(DELETE_TWO, [old.pk, new.pk], purge_before=CUT_OFF)
    run_sql(DELETE_ONE, [old.pk], purge_before=CUT_OFF)
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [new.pk]
    with pytest.raises(DatabaseError, match="append-only"):  # it lasts only its transaction
        run_sql(DELETE_ONE, [new.pk])


def _publish_access_log_period(period="P5Y"):
    """What the lead's statement change does: a rule `access-log` in the general statement's
    version in force, and the policy switched on."""
    version = Statement.objects.get(slug="algemeen").versions.order_by("number").first()
    RetentionRule.objects.bulk_create(
        [
            RetentionRule(
                version=version,
                code="access-log",
                condition_nl="Toegangslog",
                period=period,
                clock_start="case_closed",
                order=99,
            )
        ]
    )
    RetentionPolicy.objects.filter(code="access-log").update(active=True)


def test_without_an_active_policy_no_entry_expires(published):
    """The general statement (version 2) publishes 5 years and its policy is on; switched off,
    nothing expires (and the drift check names it)."""
    entry(record_type="x.y", record_id=1, reference="r", at=night(D(2000, 1, 1)))
    assert RetentionPolicy.objects.get(code="access-log").active
    RetentionPolicy.objects.filter(code="access-log").update(active=False)
    run = records_purge(now=night(D(2026, 12, 1)))
    assert AccessLogEntry.objects.count() == 1
    assert run.counts["access_log_entries_removed"] == 0


@pytest.mark.parametrize(
    ("made", "kept_through"),
    [
        (night(D(2021, 6, 15), 10), D(2026, 6, 15)),
        (night(D(2024, 2, 29), 23, 30), D(2029, 2, 28)),  # leap day: 5 years end on 28 Feb
        (night(D(2021, 10, 31), 2, 30), D(2026, 10, 31)),  # the day the clocks go back
        (night(D(2021, 3, 28), 23, 59), D(2026, 3, 28)),  # the day the clocks go forward
    ],
)
def test_entries_go_the_day_after_the_published_period(published, made, kept_through):
    _publish_access_log_period("P5Y")
    from retention.rules import published_enforced_problems

    assert published_enforced_problems(today=kept_through) == []
    row = entry(record_type="x.y", record_id=1, reference="r", at=made)
    records_purge(now=night(kept_through, 23, 59))  # the last day: kept
    assert AccessLogEntry.objects.filter(pk=row.pk).exists()
    day_after = kept_through + dt.timedelta(days=1)
    run = records_purge(now=night(day_after, 0, 1))  # the day after: gone
    assert not AccessLogEntry.objects.filter(pk=row.pk).exists()
    assert run.counts["access_log_entries_removed"] == 1
    assert access_log_purge_expired(now=night(day_after + dt.timedelta(days=1))) == 0


@pytest.mark.postgres
def test_a_cut_off_in_the_future_does_not_delete_recent_entries():
    """Attack review: the cut-off is a setting the transaction makes itself, so SQL run with the
    application's role could name a future cut-off and delete the latest entries. The trigger
    keeps every entry younger than a year, by the database's own clock."""
    from django.utils import timezone

    recent = entry(record_type="x.y", record_id=1, reference="r", at=timezone.now())
    with pytest.raises(DatabaseError, match="append-only"):
        run_sql(DELETE_ONE, [recent.pk], purge_before="2999-01-01T00:00:00+00:00")
    assert AccessLogEntry.objects.filter(pk=recent.pk).exists()
