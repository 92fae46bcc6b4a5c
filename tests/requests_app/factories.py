"""Requests and staff for the back-office tests."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from core.crypto import blind_index, normalise_name
from requests_app import roles, services
from requests_app.models import SubjectRequest

_numbers = itertools.count(1)


def staff(role=None, *, teams=(), username=None, email=""):
    """An active staff member in `role` (roles.DPO/HANDLER/AUDITOR) and the given team domains."""
    user = get_user_model().objects.create_user(
        username=username or f"staff{next(_numbers)}",
        email=email,
        password=None,
        is_staff=True,
    )
    names = ([role] if role else []) + [roles.TEAMS[domain] for domain in teams]
    user.groups.set(Group.objects.filter(name__in=names))
    return user


def subject_request(
    *,
    kind="access",
    domain="debt",
    status="received",
    received=datetime.date(2026, 3, 2),
    due=None,
    name="Jan Jansen",
    email="jan@example.nl",
    details="Mijn dossier",
    **extra,
):
    """A request stored directly, as many as a test needs, without e-mails or events."""
    number = next(_numbers)
    received_at = timezone.make_aware(datetime.datetime.combine(received, datetime.time(10)))
    return SubjectRequest.objects.create(
        reference=f"AVG-2026-{number:06d}",
        secret_hash=f"{number:064d}",
        kind=kind,
        domain=domain,
        status=status,
        received_at=received_at,
        due_date=due or services.due_date_for(kind=kind, received_on=received),
        name=name,
        name_index=blind_index(normalise_name(name)),
        email=email,
        email_index=blind_index(email),
        details=details,
        withdrawn_at=received_at if status == "withdrawn" else None,
        refusal_ground="gdpr_12_5" if status == "refused" else "",
        **extra,
    )
