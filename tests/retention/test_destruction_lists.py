"""The DPO's review of a destruction list (issue 14, item 4): items shown without content,
excluded with a reason (a new date or a legal hold), the list approved or rejected, a reminder
after four weeks, the statement downloaded; every step an event. The clock is moved with
time-machine: each date is checked on the day before, the day of and the day after."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import YouthCase
from core import roles
from retention.destruction_lists import (
    REMINDER_AFTER,
    destruction_list_exclude,
    destruction_list_reject,
    destruction_lists_remind,
    list_items,
)
from retention.models import (
    DestructionList,
    DestructionListEvent,
    DestructionListItem,
    RetentionStatus,
)
from retention.purge import destruction_list_approve, records_purge
from tests.cases.factories import YouthCaseFactory
from tests.conftest import otp_login

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = dt.date


def night(day, hour=1, minute=30):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def dpo(django_user_model):
    user = django_user_model.objects.create_user(
        "fg", password="x", is_staff=True, email="fg@heerlen.example"
    )
    user.groups.add(Group.objects.get_or_create(name=roles.DPO)[0])
    user.user_permissions.add(
        Permission.objects.get(codename="approve_destructionlist"),
        Permission.objects.get(codename="view_destructionlist"),
    )
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def listed(published):
    """Three ended youth cases due on 1 July 2026, put on a list by that night's run."""
    cases = [YouthCaseFactory(ended=True, closed_on=D(2006, 6, 30)) for _ in range(3)]
    records_purge(now=night(D(2026, 7, 1)))
    return DestructionList.objects.get(), cases


def actions(destruction_list):
    return list(destruction_list.events.order_by("pk").values_list("action", flat=True))


def test_the_dpo_sees_each_item_without_its_content(listed):
    destruction_list, cases = listed
    rows = list_items(destruction_list)
    assert [row.reference for row in rows] == [str(case.public_id) for case in cases]
    assert {row.closed_on for row in rows} == {D(2006, 6, 30)}
    assert {row.archiefactiedatum for row in rows} == {D(2026, 7, 1)}
    assert {row.policy_code for row in rows} == {"youth-assistance-records"}
    assert actions(destruction_list) == ["created"]


def test_the_review_page_shows_items_and_no_special_category_data(client, listed, dpo):
    destruction_list, cases = listed
    otp_login(client, dpo)
    page = client.get(f"/en/beheer/retention/destructionlist/{destruction_list.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    for case in cases:
        assert str(case.public_id) in text
    assert "2006-06-30" in text
    assert "2026-07-01" in text
    assert "youth-assistance-records" in text
    for secret in ("Sanne de Vries", "123456782", "ADHD", "Zorgen over veiligheid", "45A01"):
        assert secret not in text


def test_an_excluded_item_with_a_new_date_is_kept_and_due_again_on_that_date(listed, dpo):
    destruction_list, (kept, gone, _other) = listed
    item = destruction_list.items.get(record_id=kept.pk)
    destruction_list_exclude(
        destruction_list=destruction_list,
        item=item,
        user=dpo,
        now=night(D(2026, 7, 2), 10),
        exclusion="postpone",
        new_date=D(2027, 1, 15),
        reason="Archival check by the records office",
    )
    kept.refresh_from_db()
    assert kept.retention_status == RetentionStatus.SCHEDULED
    assert kept.archiefactiedatum == D(2027, 1, 15)
    destruction_list_approve(
        destruction_list=destruction_list, user=dpo, now=night(D(2026, 7, 2), 11)
    )
    records_purge(now=night(D(2026, 7, 3)))
    assert not YouthCase.objects.filter(pk=gone.pk).exists()
    assert YouthCase.objects.filter(pk=kept.pk).exists()
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionList.Status.DESTROYED
    assert destruction_list.entries.get().count == 2
    item.refresh_from_db()
    assert (item.status, item.new_date) == ("excluded", D(2027, 1, 15))
    # The day before the new date: not listed; the day of: on a new list; the day after: once.
    records_purge(now=night(D(2027, 1, 14), 23, 59))
    assert DestructionList.objects.count() == 1
    records_purge(now=night(D(2027, 1, 15), 0, 1))
    assert DestructionList.objects.count() == 2
    records_purge(now=night(D(2027, 1, 16)))
    assert DestructionList.objects.count() == 2
    kept.refresh_from_db()
    assert kept.retention_status == RetentionStatus.LISTED
    assert actions(destruction_list) == ["created", "excluded", "approved", "destroyed"]


def test_an_item_excluded_with_a_hold_gets_the_hold_and_is_never_destroyed(listed, dpo):
    destruction_list, (kept, *_rest) = listed
    destruction_list_exclude(
        destruction_list=destruction_list,
        item=destruction_list.items.get(record_id=kept.pk),
        user=dpo,
        now=night(D(2026, 7, 2), 10),
        exclusion="hold",
        hold_reason="archival",
        reason="Archival value",
    )
    kept.refresh_from_db()
    assert (kept.legal_hold_reason, kept.legal_hold_since) == ("archival", D(2026, 7, 2))
    assert kept.retention_status == RetentionStatus.ON_HOLD
    destruction_list_approve(
        destruction_list=destruction_list, user=dpo, now=night(D(2026, 7, 2), 11)
    )
    for year in (2026, 2030, 2060):
        records_purge(now=night(D(year, 7, 3)))
    assert YouthCase.objects.filter(pk=kept.pk).exists()
    assert YouthCase.objects.count() == 1


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"exclusion": "postpone", "new_date": D(2026, 7, 2), "reason": "x"}, "new_date"),
        ({"exclusion": "postpone", "new_date": None, "reason": "x"}, "new_date"),
        ({"exclusion": "hold", "hold_reason": "", "reason": "x"}, "hold_reason"),
        ({"exclusion": "postpone", "new_date": D(2027, 1, 1), "reason": " "}, "reason"),
        ({"exclusion": "", "reason": "x"}, "exclusion"),
    ],
)
def test_an_exclusion_needs_a_reason_and_a_future_date_or_a_hold(listed, dpo, form, field):
    destruction_list, _cases = listed
    with pytest.raises(ValidationError) as refused:
        destruction_list_exclude(
            destruction_list=destruction_list,
            item=destruction_list.items.first(),
            user=dpo,
            now=night(D(2026, 7, 2), 10),
            **form,
        )
    assert field in refused.value.message_dict
    assert not destruction_list.items.exclude(status="listed").exists()


def test_only_the_dpo_excludes_or_rejects(listed, django_user_model):
    destruction_list, _cases = listed
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    with pytest.raises(PermissionDenied):
        destruction_list_exclude(
            destruction_list=destruction_list,
            item=destruction_list.items.first(),
            user=clerk,
            now=night(D(2026, 7, 2)),
            exclusion="hold",
            hold_reason="archival",
            reason="x",
        )
    with pytest.raises(PermissionDenied):
        destruction_list_reject(
            destruction_list=destruction_list,
            user=clerk,
            now=night(D(2026, 7, 2)),
            reason="x",
            new_date=D(2027, 1, 1),
        )


def test_a_rejected_list_returns_its_records_postponed_to_the_new_date(listed, dpo):
    destruction_list, cases = listed
    destruction_list_reject(
        destruction_list=destruction_list,
        user=dpo,
        now=night(D(2026, 7, 2), 10),
        reason="Selection list under revision",
        new_date=D(2026, 10, 1),
    )
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionList.Status.REJECTED
    assert destruction_list.rejection_reason == "Selection list under revision"
    assert set(destruction_list.items.values_list("status", flat=True)) == {"returned"}
    with pytest.raises(ValidationError):
        destruction_list_approve(
            destruction_list=destruction_list, user=dpo, now=night(D(2026, 7, 2), 11)
        )
    records_purge(now=night(D(2026, 9, 30), 23, 59))  # the day before: nothing happens
    assert YouthCase.objects.count() == 3
    assert DestructionList.objects.count() == 1
    records_purge(now=night(D(2026, 10, 1), 0, 1))  # the day of: on a new list, not destroyed
    assert YouthCase.objects.count() == 3
    new_list = DestructionList.objects.exclude(pk=destruction_list.pk).get()
    assert new_list.items.count() == 3
    records_purge(now=night(D(2026, 10, 2)))  # the day after: still waiting for the DPO
    assert YouthCase.objects.count() == 3
    assert actions(destruction_list) == ["created", "rejected"]
    assert {case.pk for case in cases} == set(YouthCase.objects.values_list("pk", flat=True))


def test_a_rejection_needs_a_reason_and_a_future_date(listed, dpo):
    destruction_list, _cases = listed
    with pytest.raises(ValidationError) as refused:
        destruction_list_reject(
            destruction_list=destruction_list,
            user=dpo,
            now=night(D(2026, 7, 2)),
            reason="",
            new_date=D(2026, 7, 2),
        )
    assert set(refused.value.message_dict) == {"rejection_reason", "new_date"}


def test_a_list_waiting_four_weeks_reminds_the_dpo_without_personal_data(listed, dpo):
    destruction_list, cases = listed
    made = destruction_list.created_at
    assert made == night(D(2026, 7, 1))
    day_before = made + REMINDER_AFTER - dt.timedelta(days=1)
    with time_machine.travel(day_before, tick=False):
        assert destruction_lists_remind(now=day_before) == 0
    assert mail.outbox == []
    on_the_day = made + REMINDER_AFTER
    with time_machine.travel(on_the_day, tick=False):
        assert destruction_lists_remind(now=on_the_day) == 1
    day_after = on_the_day + dt.timedelta(days=1)
    assert destruction_lists_remind(now=day_after) == 0  # once per four weeks
    assert destruction_lists_remind(now=on_the_day + REMINDER_AFTER) == 1  # and again
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.to == ["fg@heerlen.example"]
    assert "youth-assistance-records" in message.subject
    assert f"/beheer/retention/destructionlist/{destruction_list.pk}/change/" in message.body
    for case in cases:
        for secret in (str(case.public_id), "Sanne de Vries", "123456782"):
            assert secret not in message.body
            assert secret not in message.subject
    assert actions(destruction_list) == ["created", "reminded", "reminded"]


def test_an_approved_or_rejected_list_is_not_reminded(listed, dpo):
    destruction_list, _cases = listed
    destruction_list_approve(
        destruction_list=destruction_list, user=dpo, now=night(D(2026, 7, 2), 11)
    )
    assert destruction_lists_remind(now=night(D(2026, 9, 1))) == 0


def test_the_reminder_is_a_daily_beat_task():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["retention-destruction-lists-remind"]
    assert entry["task"] == "retention.tasks.destruction_lists_remind"


def test_the_dpo_reviews_excludes_approves_and_downloads_through_the_admin(client, listed, dpo):
    destruction_list, (kept, *_rest) = listed
    otp_login(client, dpo)
    base = f"/en/beheer/retention/destructionlist/{destruction_list.pk}/"
    item = destruction_list.items.get(record_id=kept.pk)
    response = client.post(
        f"{base}exclude/{item.pk}/",
        {"exclusion": "postpone", "new_date": "2099-01-01", "reason": "Archive check"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "excluded"
    assert client.post(f"{base}approve/").status_code == 302
    assert client.get(f"{base}statement/").status_code == 404  # not destroyed yet
    records_purge(now=night(D(2026, 7, 3)))
    response = client.get(f"{base}statement/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert str(kept.public_id).encode() not in body
    assert actions(destruction_list) == [
        "created",
        "excluded",
        "approved",
        "destroyed",
        "downloaded",
    ]
    page = client.get(f"{base}change/").content.decode()
    assert "Download the destruction statement (PDF)" in page


def test_the_run_statement_downloads(client, listed, dpo):
    destruction_list, _cases = listed
    destruction_list_approve(
        destruction_list=destruction_list, user=dpo, now=night(D(2026, 7, 2), 11)
    )
    run = records_purge(now=night(D(2026, 7, 3)))
    assert run.statement
    otp_login(client, dpo)
    dpo.user_permissions.add(Permission.objects.get(codename="view_retentionrun"))
    response = client.get(f"/en/beheer/retention/retentionrun/{run.pk}/statement/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    page = client.get(f"/en/beheer/retention/retentionrun/{run.pk}/change/").content.decode()
    assert f"/beheer/retention/retentionrun/{run.pk}/statement/" in page


def test_an_excluded_item_is_not_counted_by_a_dry_run(listed, dpo):
    destruction_list, (kept, *_rest) = listed
    destruction_list_exclude(
        destruction_list=destruction_list,
        item=destruction_list.items.get(record_id=kept.pk),
        user=dpo,
        now=night(D(2026, 7, 2), 10),
        exclusion="hold",
        hold_reason="archival",
        reason="x",
    )
    destruction_list_approve(
        destruction_list=destruction_list, user=dpo, now=night(D(2026, 7, 2), 11)
    )
    run = records_purge(now=night(D(2026, 7, 3)), dry_run=True)
    assert run.counts["policies"]["youth-assistance-records"]["due"] == 2
    assert DestructionListItem.objects.filter(status="listed").count() == 2
    assert DestructionListEvent.objects.filter(action="excluded").count() == 1
