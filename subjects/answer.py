"""The access answer (GDPR art. 15) assembled from the records found: per record the data
with readable labels, purposes, categories, recipients, source, retention, and the statement
version in force when it came in; and who viewed the records, from the access log (date, role
and purpose; no staff names). Outputs: a PDF for the resident, and a JSON and CSV export of
what the resident provided (art. 20: structured, commonly used, machine-readable).

Lines the handler removed under art. 15(4) are left out of every output; the PDF says that
something was left out and why, not what."""

import csv
import io
import json
import re

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from accesslog.models import AccessLogEntry
from core.pdf import html_to_pdf

from .sources import FoundRecord, Role

LINE_SEPARATOR = "/"


def line_key(record: FoundRecord, line) -> str:
    return f"{record.key}{LINE_SEPARATOR}{line.key}"


def views_of(records) -> list[dict]:
    """Who looked at these records: date, role and purpose, oldest first; never a name."""
    condition = Q()
    for record in records:
        obj = record.obj
        if obj is None:
            continue
        types = [obj._meta.label_lower, *getattr(obj, "access_log_former_types", ())]
        condition |= Q(record_type__in=types, record_id=str(obj.pk))
    if not condition:
        return []
    entries = AccessLogEntry.objects.filter(condition).order_by("at", "pk")
    return [
        {"date": timezone.localdate(at).isoformat(), "role": roles, "purpose": _purpose(purpose)}
        for at, roles, purpose in entries.values_list("at", "roles", "purpose")
    ]


# A lookup for a data-subject request is logged with that request's reference as purpose; in
# someone else's answer (the other parent's) it says what it was, not whose request.
REQUEST_REFERENCE = re.compile(r"\b(?:AVG|KLACHT)-\d{4}-\d+\b")


def _purpose(purpose: str) -> str:
    return REQUEST_REFERENCE.sub(gettext("a data subject request"), purpose)


def answer_build(*, request, records, removed: dict) -> dict:
    """The answer as plain data, every removed record and line left out."""
    kept, left_out = [], 0
    for record in records:
        if record.key in removed:
            left_out += 1
            continue
        lines = [line for line in record.lines if line_key(record, line) not in removed]
        left_out += len(record.lines) - len(lines)
        kept.append((record, lines))
    statements = {}
    for record, _lines in kept:
        statements.setdefault(
            record.statement_version,
            {
                "version": record.statement_version,
                "purposes": list(record.purposes),
                "categories": list(record.categories),
                "recipients": list(record.recipients),
            },
        )
    return {
        "reference": request.reference,
        # What art. 15(1)(a)-(c) asks, once per statement version the records came in under.
        "statements": list(statements.values()),
        "language": request.language,
        "made_on": timezone.localdate().isoformat(),
        "records": [
            {
                "type": record.record_type,
                "title": record.title,
                "as_representative": record.role == Role.REPRESENTATIVE,
                "received_on": record.received_on.isoformat() if record.received_on else "",
                "source": record.reporting_party,
                "purposes": list(record.purposes),
                "categories": list(record.categories),
                "recipients": list(record.recipients),
                "retention_period": record.retention_period,
                "destruction_date": record.destruction_date.isoformat()
                if record.destruction_date
                else "",
                "statement_version": record.statement_version,
                "restricted": record.restricted,
                "lines": [
                    {"label": line.label, "value": line.value, "provided": line.provided}
                    for line in lines
                ],
            }
            for record, lines in kept
        ],
        "left_out": left_out,
        "views": views_of([record for record, _lines in kept]),
    }


def answer_pdf(built: dict) -> bytes:
    with translation.override(built["language"]):
        html = render_to_string("subjects/access_answer.html", {"answer": built})
    return html_to_pdf(html)


def _portable(built: dict) -> list[dict]:
    """Only what the resident, or a party on their behalf, provided (GDPR art. 20)."""
    return [
        {
            "type": record["type"],
            "received_on": record["received_on"],
            "source": record["source"],
            "data": {line["label"]: line["value"] for line in record["lines"] if line["provided"]},
        }
        for record in built["records"]
    ]


def answer_json(built: dict) -> bytes:
    export = {"reference": built["reference"], "records": _portable(built)}
    return json.dumps(export, ensure_ascii=False, indent=2).encode()


def _cell(value):
    """A value a spreadsheet would run as a formula (a reporting party's text that starts with
    = + - @, a tab or a return) is written as text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def answer_csv(built: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["record", "type", "received_on", "source", "field", "value"])
    for number, record in enumerate(_portable(built), start=1):
        for label, value in record["data"].items():
            row = [number, record["type"], record["received_on"], record["source"], label, value]
            writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode()
