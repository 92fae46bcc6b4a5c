import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from requests_app import roles, tasks
from requests_app.reminders import reminders_send

from .factories import staff, subject_request

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 4, 15)


def _due(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture
def world():
    dpo = staff(roles.DPO, email="fg@heerlen.nl")
    debt = staff(roles.HANDLER, teams=["debt"], email="debt@heerlen.nl")
    youth = staff(roles.HANDLER, teams=["youth"], email="youth@heerlen.nl")
    rows = {
        "overdue_debt": subject_request(domain="debt", due=_due(-2), name="Jan Jansen"),
        "soon_debt": subject_request(domain="debt", due=_due(7)),
        "later_debt": subject_request(domain="debt", due=_due(8)),
        "closed_debt": subject_request(domain="debt", due=_due(-5), status="completed"),
        "hold_debt": subject_request(domain="debt", due=_due(-5), status="on_hold"),
        "youth_for_debt": subject_request(domain="youth", due=_due(1), assigned_to=debt),
        "debt_for_youth": subject_request(domain="debt", due=_due(3), assigned_to=youth),
        "complaint": subject_request(kind="complaint", domain="debt", due=_due(2)),
    }
    return {"dpo": dpo, "debt": debt, "youth": youth}, rows


def _mail_to(address):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message.subject + "\n" + message.body


def _listed(text, rows):
    return {name for name, r in rows.items() if r.reference in text}


def test_each_handler_and_the_dpo_get_what_is_due_within_7_days_and_overdue(world):
    _users, rows = world
    assert reminders_send(today=TODAY) == 3
    assert _listed(_mail_to("fg@heerlen.nl"), rows) == {
        "overdue_debt",
        "soon_debt",
        "youth_for_debt",
        "debt_for_youth",
        "complaint",
    }
    # A handler: their own, and the unassigned ones of their team; no complaints.
    assert _listed(_mail_to("debt@heerlen.nl"), rows) == {
        "overdue_debt",
        "soon_debt",
        "youth_for_debt",
    }
    assert _listed(_mail_to("youth@heerlen.nl"), rows) == {"debt_for_youth"}


def test_the_digest_holds_no_personal_data(world):
    reminders_send(today=TODAY)
    for message in mail.outbox:
        text = message.subject + message.body
        assert "Jan Jansen" not in text
        assert "jan@example.nl" not in text
        assert "Mijn dossier" not in text


@pytest.mark.usefixtures("world")
def test_nothing_due_means_no_e_mail():
    assert reminders_send(today=TODAY - datetime.timedelta(days=60)) == 0
    assert mail.outbox == []


def test_the_daily_task_uses_todays_date(world, monkeypatch):
    frozen = timezone.make_aware(datetime.datetime(2026, 4, 15, 7))
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    tasks.requests_send_reminders.delay()
    assert len(mail.outbox) == 3


def test_the_job_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["requests-send-reminders"]
    assert entry["task"] == "requests_app.tasks.requests_send_reminders"
    assert tasks.requests_send_reminders.name == entry["task"]
