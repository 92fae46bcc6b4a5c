"""What the retention engine keeps and removes of requests and complaints. Read by
`retention.registry`; this app does not import the engine.

A closed request or complaint is destroyed after the period the general statement publishes,
counted from its closing (its Europe/Amsterdam date), unless a legal hold keeps it (an
objection, an appeal or a complaint to the Autoriteit Persoonsgegevens about it is pending):
`closed` selects only records free to go, and the run re-checks it under the row lock.

Two copies have a life of their own: requests whose e-mail address was never confirmed
(`verification.UNVERIFIED_KEPT`; the run removes them and logs each in the destruction log)
and answer files past their download period (`answer_files`).

The report's figures outlive the requests (`reports`): the run stores every month that is
ready before it destroys anything (`BEFORE_RUN`), and a request counts as closed here only once
the figures of the month it closed in are stored, so no request leaves the figures before they
are kept, whatever period a statement publishes.

Every fixed period this app enforces with a clock of its own names the general statement's
retention rule that publishes it (`rule`, `period`): the engine refuses to publish a version that
says otherwise and reports any difference (`retention.rules.published_enforced_problems`).
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from . import answer_files, verification
from .answer_files import response_files_purge_expired
from .models import CLOSED_STATUSES, MonthlyFigures, SubjectRequest
from .reports import figures_store_ready


def closed_on(request, clock_start):
    """Every published rule for requests counts from the closing."""
    return timezone.localdate(request.closed_at) if request.closed_at else None


def unverified_expired(*, now):
    return SubjectRequest.objects.unverified_expired(now=now)


# The figures of the month it closed in are stored: months are stored without gaps from the
# first one (`reports.figures_store_ready`), so one ending after the closing is enough.
FIGURES_STORED = Exists(MonthlyFigures.objects.filter(ends_at__gt=OuterRef("closed_at")))


RECORDS = [
    {
        "model": SubjectRequest,
        "record_type": "subject_request",
        "outcomes": ("closed",),
        "start_event": closed_on,
        "closed": Q(
            FIGURES_STORED,
            status__in=CLOSED_STATUSES,
            closed_at__isnull=False,
            legal_hold_reason="",
        ),
        "start_field": "closed_at",
    }
]

EXPIRING = [
    {
        "name": "requests_unverified",
        "records": unverified_expired,
        "record_type": "subject_request",
        "start_field": "received_at",
        "category_field": "kind",
        "rule": "privacy-requests-unconfirmed",
        "period": verification.UNVERIFIED_KEPT_PERIOD,
    },
    {
        "name": "response_files_erased",
        "purge": response_files_purge_expired,
        "rule": "privacy-answer-files",
        "period": answer_files.FILES_KEPT_PERIOD,
    },
]

BEFORE_RUN = [figures_store_ready]

# Periods enforced without destroying anything: after it, the status link opens nothing.
LIMITS = [{"rule": "privacy-status-link", "period": verification.STATUS_LINK_KEPT_PERIOD}]
