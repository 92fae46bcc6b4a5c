"""What staff add to a request's record besides its status: notes, the check of a
representative's authority, and legal holds. Each write leaves a timeline entry; the caller
logs the access.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import AuthorityCheck, Event, LegalHold, SubjectRequest
from .services import request_lock


def authority_record(
    *, request: SubjectRequest, evidence: str, note: str, actor, now=None
) -> AuthorityCheck:
    """Records how a representative's authority was checked (never a copy of a document), with
    a timeline entry; `workflow.authority_established` then lets the request be answered."""
    now = now or timezone.now()
    with transaction.atomic():
        check = AuthorityCheck(
            request=request, evidence=evidence, note=note.strip(), checked_by=actor, checked_at=now
        )
        check.full_clean()
        check.save()
        Event.objects.create(
            request=request,
            type=Event.Type.AUTHORITY_CHECKED,
            at=now,
            actor=actor,
            note=evidence,
        )
    return check


@transaction.atomic
def request_legal_hold_place(
    *, request: SubjectRequest, actor, reason: str, since: datetime.date, now=None
) -> SubjectRequest:
    """Keeps a request or complaint past its retention period while a procedure about it is
    pending (`LegalHold`: objection, appeal, complaint to the AP), from `since`. On the
    timeline; the caller logs the access."""
    if reason not in LegalHold.values:
        raise ValueError("Unknown legal hold reason.")
    now = now or timezone.now()
    if since > timezone.localdate(now):
        raise ValueError("A legal hold cannot start in the future.")
    locked = request_lock(request, expected_version=None)
    locked.legal_hold_reason, locked.legal_hold_since = reason, since
    locked.version += 1
    locked.save(update_fields=["legal_hold_reason", "legal_hold_since", "version"])
    Event.objects.create(
        request=locked, type=Event.Type.HOLD_PLACED, at=now, actor=actor, note=reason
    )
    return locked


@transaction.atomic
def request_legal_hold_lift(*, request: SubjectRequest, actor, now=None) -> SubjectRequest:
    """Ends the legal hold: the request is destroyed by the next run if its period is over."""
    now = now or timezone.now()
    locked = request_lock(request, expected_version=None)
    if not locked.legal_hold_reason:
        raise ValueError("The request is not on legal hold.")
    reason = locked.legal_hold_reason
    locked.legal_hold_reason, locked.legal_hold_since = "", None
    locked.version += 1
    locked.save(update_fields=["legal_hold_reason", "legal_hold_since", "version"])
    Event.objects.create(
        request=locked, type=Event.Type.HOLD_LIFTED, at=now, actor=actor, note=reason
    )
    return locked


def request_note_add(*, request: SubjectRequest, actor, text: str, now=None) -> Event:
    """A staff note on the timeline, encrypted like the request."""
    text = text.strip()
    if not text:
        raise ValueError("An empty note.")
    return Event.objects.create(
        request=request, type=Event.Type.NOTE, at=now or timezone.now(), actor=actor, text=text
    )
