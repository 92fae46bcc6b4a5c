"""What the retention engine keeps and removes of requests and complaints. Read by
`retention.registry`; this app does not import the engine.

A closed request or complaint is destroyed after the period the general statement publishes,
counted from its closing (its Europe/Amsterdam date), unless a legal hold keeps it (an
objection, an appeal or a complaint to the Autoriteit Persoonsgegevens about it is pending):
`closed` selects only records free to go, and the run re-checks it under the row lock.

Two copies have a life of their own: requests whose e-mail address was never confirmed
(`verification.UNVERIFIED_KEPT`) and answer files past their download period (`answer_files`).
"""

from django.db.models import Q
from django.utils import timezone

from .answer_files import response_files_purge_expired
from .models import CLOSED_STATUSES, SubjectRequest
from .services import requests_remove_unverified


def closed_on(request, clock_start):
    """Every published rule for requests counts from the closing."""
    return timezone.localdate(request.closed_at) if request.closed_at else None


def unverified_count(*, now) -> int:
    return SubjectRequest.objects.unverified_expired(now=now).count()


RECORDS = [
    {
        "model": SubjectRequest,
        "record_type": "subject_request",
        "outcomes": ("closed",),
        "start_event": closed_on,
        "closed": Q(status__in=CLOSED_STATUSES, closed_at__isnull=False, legal_hold_reason=""),
        "start_field": "closed_at",
    }
]

EXPIRING = [
    {"name": "requests_unverified", "purge": requests_remove_unverified, "count": unverified_count},
    {"name": "response_files_erased", "purge": response_files_purge_expired},
]
