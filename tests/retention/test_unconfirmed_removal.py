"""Issue 13 item 4: a web request whose e-mail address nobody confirmed, and nobody acted on, is
removed by the nightly run two weeks after its day of receipt, and each removal leaves a line
in the destruction log (and the run's destruction statement) without personal data."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from accesslog.models import AccessLogEntry
from core import roles
from requests_app import verification
from requests_app.models import SubjectRequest
from retention.models import DestructionLogEntry, RetentionRun
from retention.purge import record_reference, records_purge
from tests.requests_app.factories import staff, subject_request

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = dt.date
RECEIVED = D(2026, 3, 2)


def night(day, hour=1, minute=30):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def unconfirmed(**extra):
    return subject_request(channel="web", received=RECEIVED, **extra)


def test_each_removal_leaves_a_line_in_the_destruction_log(published):
    erasure, access = unconfirmed(kind="erasure"), unconfirmed(kind="access")
    assigned = unconfirmed(assigned_to=staff(roles.HANDLER, teams=["debt"]))
    seen = AccessLogEntry.objects.create(
        at=night(RECEIVED, 11),
        username="fg",
        roles="DPO",
        action="view",
        record_type="requests_app.subjectrequest",
        record_id=str(erasure.pk),
        record_reference=erasure.reference,
        purpose="queue",
        ip_address="10.0.0.1",
        path="/beheer/",
    )
    removed_on = verification.unverified_removed_on(erasure.received_at)
    assert removed_on == D(2026, 3, 17)  # 2 March and two full weeks kept

    records_purge(now=night(removed_on - dt.timedelta(days=1)))
    assert SubjectRequest.objects.count() == 3
    assert not DestructionLogEntry.objects.exists()

    run = records_purge(now=night(removed_on))
    assert list(SubjectRequest.objects.all()) == [assigned]  # staff acted on it: kept
    assert run.counts["requests_unverified"] == 2
    lines = DestructionLogEntry.objects.filter(run=run).order_by("category")
    assert [
        (
            line.record_type,
            line.policy_code,
            line.retention_period,
            line.category,
            line.started_on,
            line.archiefactiedatum,
            line.destroyed_on,
            line.count,
        )
        for line in lines
    ] == [
        (
            "subject_request",
            "privacy-requests-unconfirmed",
            "P2W",
            kind,
            RECEIVED,
            removed_on,
            removed_on,
            1,
        )
        for kind in ("access", "erasure")
    ]
    assert {line.references for line in lines} == {
        record_reference(record_type="subject_request", public_id=r.public_id)
        for r in (access, erasure)
    }
    # Nothing in the log leads back to the request or the person.
    text = repr(list(DestructionLogEntry.objects.values()))
    for request in (erasure, access):
        assert request.reference not in text
        assert str(request.public_id) not in text
    assert "jan@example.nl" not in text
    assert "Jansen" not in text
    # The access log keeps who looked, with the destruction log's reference instead.
    assert AccessLogEntry.objects.get(pk=seen.pk).record_reference == record_reference(
        record_type="subject_request", public_id=erasure.public_id
    )
    # The destruction statement of the run covers them.
    assert RetentionRun.objects.get(pk=run.pk).statement


def test_a_dry_run_counts_the_unconfirmed_and_removes_none(published):
    request = unconfirmed()
    run = records_purge(now=night(D(2026, 4, 1)), dry_run=True)
    assert run.counts["requests_unverified"] == 1
    assert SubjectRequest.objects.filter(pk=request.pk).exists()
    assert not DestructionLogEntry.objects.exists()
