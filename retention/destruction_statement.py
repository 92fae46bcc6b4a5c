"""The destruction statement (verklaring van vernietiging): what was destroyed, under which
published rule, when, and how many, as a tagged PDF. It names no resident: the log it is made
from holds none."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Max, Min, Q, Sum
from django.template.loader import render_to_string
from django.utils import translation

from core.pdf import html_to_pdf

from .models import DestructionList, DestructionLogEntry, RetentionRun


def statement_entries(*, target):
    """The log entries a statement covers: a list's own; a run's own, and those of earlier
    runs that ended without a statement of their own (killed or failed: `reported_in`)."""
    if isinstance(target, RetentionRun):
        return DestructionLogEntry.objects.filter(Q(run=target) | Q(run__reported_in=target))
    return target.entries.all()


def statement_rows(*, target):
    entries = statement_entries(target=target)
    rows = (
        entries.values("record_type", "policy_code", "action", "retention_period")
        .annotate(
            records=Sum("count"),
            derived=Sum("derived_rows"),
            first=Min("archiefactiedatum"),
            last=Max("archiefactiedatum"),
        )
        .order_by("record_type", "policy_code", "retention_period")
    )
    return list(rows)


def statement_context(*, target):
    run = target if isinstance(target, RetentionRun) else None
    destruction_list = target if isinstance(target, DestructionList) else None
    return {
        "run": run,
        "destruction_list": destruction_list,
        "rows": statement_rows(target=target),
        "earlier_runs": list(target.reports_for.order_by("started_at")) if run else [],
        "public_id": target.public_id,
    }


def statement_render(*, target, language=None) -> bytes:
    """In the municipality's language (Dutch) unless another is asked for."""
    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string("retention/statement.html", statement_context(target=target))
    return html_to_pdf(html)


def statement_attach(*, target) -> None:
    """Renders the destruction statement of a run or an approved list as a tagged PDF and
    stores it with it."""
    pdf = statement_render(target=target)
    kind = "run" if isinstance(target, RetentionRun) else "list"
    name = f"verklaring-van-vernietiging-{kind}-{target.public_id}.pdf"
    target.statement.save(name, ContentFile(pdf), save=False)
    type(target).objects.filter(pk=target.pk).update(statement=target.statement.name)
