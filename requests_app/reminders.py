"""The daily digest: each handler, and the DPO, hear what is due within REMINDER_DAYS and
what is overdue. The e-mail carries references, types and due dates only: no name, no
e-mail address, nothing the resident wrote (an inbox is not the place for personal data)."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from . import roles

logger = logging.getLogger(__name__)

REMINDER_DAYS = 7


def _digest_for(user, *, today):
    """(overdue, due soon) among the requests this user answers for: the DPO all of them; a
    handler those assigned to them and the unassigned ones of their team."""
    base = roles.requests_visible_to(user).only(
        "reference", "kind", "domain", "status", "due_date", "assigned_to"
    )
    if not roles.is_dpo(user):
        base = base.filter(assigned_to=user) | base.filter(
            assigned_to__isnull=True, domain__in=roles.team_domains(user)
        )
    overdue = list(base.overdue(today=today).order_by("due_date", "reference"))
    soon = list(base.due_within(today=today, days=REMINDER_DAYS).order_by("due_date", "reference"))
    return overdue, soon


def reminders_send(*, today: datetime.date) -> int:
    """Sends one digest to each active handler and DPO with something due; returns how many.

    Written in the project's language (settings.LANGUAGE_CODE). Staff without an e-mail
    address are skipped, and counted in the log without their name."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name__in=[roles.HANDLER, roles.DPO])
        .distinct()
        .order_by("pk")
    )
    sent = skipped = 0
    for user in users:
        overdue, soon = _digest_for(user, today=today)
        if not (overdue or soon):
            continue
        if not user.email:
            skipped += 1
            continue
        with translation.override(settings.LANGUAGE_CODE):
            context = {"overdue": overdue, "soon": soon, "today": today, "days": REMINDER_DAYS}
            subject = render_to_string("requests_app/email/reminder_subject.txt", context)
            body = render_to_string("requests_app/email/reminder.txt", context)
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    if skipped:
        logger.warning("%s staff member(s) with work due have no e-mail address", skipped)
    return sent
