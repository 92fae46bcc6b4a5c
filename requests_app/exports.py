"""The queue as CSV, for staff to work on in a spreadsheet: metadata only, no personal data."""

import csv
import datetime
import io
from collections.abc import Iterable

from django.utils import timezone

from .models import SubjectRequest

QUEUE_COLUMNS = (
    "reference",
    "type",
    "domain",
    "status",
    "received",
    "due_date",
    "days_left",
    "handler",
    "identity_verified",
)


def queue_csv(rows: Iterable[SubjectRequest], *, today: datetime.date) -> str:
    """One line per request, with the days left counted from `today`. Every value is a code,
    a date, a number or a staff username: nothing the resident wrote."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(QUEUE_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.reference,
                row.kind,
                row.domain,
                row.status,
                timezone.localdate(row.received_at).isoformat(),
                row.due_date.isoformat(),
                row.days_left(today=today),
                row.assigned_to.get_username() if row.assigned_to else "",
                "yes" if row.identity_verified else "no",
            ]
        )
    return out.getvalue()
