"""The DPO's report pages in the admin: figures per month with charts, and the annual report
as a PDF. Figures only, no personal data, read from the stored monthly figures (months not
stored yet are counted live): see `requests_app/reports.py` for what each figure means. The
two views are wired in `heerlen_privacy/urls.py`, under `/beheer/rapportage/`."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.admin import bar_chart
from core.pdf import html_to_pdf

from ..models import Domain, Kind, Status
from ..reports import FIRST_MONTH, year_figures

FIRST_YEAR = FIRST_MONTH.year
OUTCOMES = (Status.COMPLETED, Status.REFUSED, Status.WITHDRAWN)


def _allowed(request):
    if not request.user.has_perm("requests_app.view_subjectrequest"):
        raise PermissionDenied


def _context(*, year, today):
    figures = year_figures(year=year, today=today)
    months = figures.months
    labels = [month.month for month in months]
    return {
        "figures": figures,
        "year": year,
        "years": range(FIRST_YEAR, today.year + 1),
        "kinds": [(label, figures.by_kind[value]) for value, label in Kind.choices],
        "domains": [(label, figures.by_domain[value]) for value, label in Domain.choices],
        "outcomes": [
            (_("Completed"), figures.total("completed")),
            (_("Refused"), figures.total("refused")),
            (_("Withdrawn"), figures.total("withdrawn")),
            (_("Answered late"), figures.total("late")),
            (_("Extended"), figures.total("extended")),
        ],
        "closed_by_kind": [
            (label, [figures.closed_by_kind.get(value, {}).get(status, 0) for status in OUTCOMES])
            for value, label in Kind.choices
        ],
        "provisional": [m.month for m in months if not m.stored],
        "received_chart": bar_chart([m.received for m in months], labels=labels),
        "on_time_chart": bar_chart([m.on_time_percent for m in months], labels=labels),
        "open_chart": bar_chart([m.open for m in months], labels=labels),
    }


def _year(value, today):
    """The year asked for, or this year for anything else: a report page never errors."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return today.year
    return year if FIRST_YEAR <= year <= today.year else today.year


def reports_view(request):
    _allowed(request)
    today = timezone.localdate()
    year = _year(request.GET.get("jaar"), today)
    context = {
        **admin.site.each_context(request),
        **_context(year=year, today=today),
        "title": _("Reports on requests and complaints"),
    }
    return render(request, "admin/requests_app/reports.html", context)


def annual_report_pdf(request, year):
    _allowed(request)
    today = timezone.localdate()
    year = _year(year, today)
    html = render_to_string(
        "requests_app/annual_report.html",
        {**_context(year=year, today=today), "made_on": today},
        request=request,
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="privacy-jaarverslag-{year}.pdf"'
    return response
