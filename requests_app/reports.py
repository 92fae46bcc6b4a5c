"""Figures for the DPO: per month, what came in, what was answered on time, what is open.

A month's figures are counted from the requests once, when the month is over and no request of
it can still be confirmed, and stored (`MonthlyFigures`, `figures_store_ready`); the report
reads the stored months and counts only the months not stored yet (this one, the last two
weeks' one) live. So the figures of a year survive the retention run, which destroys requests a
year after closing: the run stores what is ready before it destroys anything, and destroys no
request whose closing month is not stored (`requests_app.retained`).

Stored once, never recomputed: a stored month is a closed period, as in bookkeeping. A request
reopened or corrected later changes later months, not a report already made; and a recount
after the retention run would count fewer requests.

Definitions, the same on the page and in the annual report:
- counted: every request and complaint except a web request whose e-mail address nobody
  confirmed and nobody acted on (`SubjectRequestQuerySet.unverified`): it is removed after two
  weeks unless it is confirmed, so a month is stored only after those two weeks;
- received: filed (or registered by staff) in that month, by type and by domain;
- closed: per type and outcome (completed, refused, withdrawn) in that month;
- answered: closed with a decision (completed or refused) in that month; withdrawn requests are
  not answers. On time: closed on or before the due date, extensions and stopped clocks
  included, since the stored due date already carries them;
- days to answer: calendar days from receipt to closing, the median of those answered;
- extended: extensions told to the resident (GDPR art. 12(3)) in that month;
- open and overdue: at the end of the month (for the current month: today).
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import Domain, Kind, MonthlyFigures, Status, SubjectRequest
from .models.figures import median_of
from .verification import UNVERIFIED_KEPT

ANSWERS = (Status.COMPLETED, Status.REFUSED)
FIRST_MONTH = datetime.date(2026, 1, 1)  # the portal's first month


@dataclass
class YearFigures:
    year: int
    months: list  # of MonthlyFigures, stored or counted live

    def total(self, name):
        return sum(getattr(month, name) for month in self.months)

    @property
    def total_received(self):
        return self.total("received")

    @property
    def total_answered(self):
        return self.total("answered")

    @property
    def by_kind(self):
        return {kind: sum(m.by_kind.get(kind, 0) for m in self.months) for kind in Kind.values}

    @property
    def by_domain(self):
        return {
            domain: sum(m.by_domain.get(domain, 0) for m in self.months) for domain in Domain.values
        }

    @property
    def closed_by_kind(self):
        """{type: {outcome: how many}} over the year's months."""
        table: dict = {}
        for month in self.months:
            for kind, outcomes in month.closed_by_kind.items():
                for outcome, count in outcomes.items():
                    row = table.setdefault(kind, {})
                    row[outcome] = row.get(outcome, 0) + count
        return table

    @property
    def on_time_percent(self):
        answered = self.total("answered")
        return round(100 * self.total("on_time") / answered) if answered else None

    @property
    def median_days(self):
        histogram: dict = {}
        for month in self.months:
            for days, count in month.days_to_answer.items():
                histogram[str(days)] = histogram.get(str(days), 0) + count
        return median_of(histogram)


def year_figures(*, year: int, today: datetime.date) -> YearFigures:
    """The figures of each month of `year` up to `today` (later months have none yet): the
    stored ones as stored, the others counted now."""
    firsts = [
        datetime.date(year, number, 1)
        for number in range(1, 13)
        if datetime.date(year, number, 1) <= today
    ]
    stored = {f.month: f for f in MonthlyFigures.objects.filter(month__in=firsts)}
    live = months_count([first for first in firsts if first not in stored], today=today)
    months = sorted([*stored.values(), *live], key=lambda figures: figures.month)
    return YearFigures(year=year, months=months)


def last_ready_month(today: datetime.date) -> datetime.date:
    """The first day of the latest month whose figures can be stored on `today`: it is over,
    and every request of it has been confirmed or removed (two weeks after its end)."""
    month = today.replace(day=1)
    while not next_month(month) + UNVERIFIED_KEPT < today:
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


@transaction.atomic
def figures_store_ready(*, now: datetime.datetime) -> int:
    """Stores the figures of every month that is ready and not stored yet, from the first
    month with a request (or the portal's first month); returns how many were stored. Run
    nightly (`tasks.figures_store_monthly`) and by the retention run before it destroys
    anything. Idempotent: a stored month is never recounted (see the module's docstring).
    Months are stored without gaps, which the retention guard relies on."""
    today = timezone.localdate(now)
    last = last_ready_month(today)
    earliest = SubjectRequest.objects.order_by("received_at").values_list("received_at", flat=True)
    first = FIRST_MONTH
    if earliest.exists():
        first = min(first, timezone.localdate(earliest.first()).replace(day=1))
    stored = set(MonthlyFigures.objects.filter(month__gte=first).values_list("month", flat=True))
    missing = []
    month = first
    while month <= last:
        if month not in stored:
            missing.append(month)
        month = next_month(month)
    figures = months_count(missing, today=today)
    for month_figures in figures:
        month_figures.stored_at = now
        month_figures.full_clean(validate_unique=False)
    # A concurrent run storing the same month wins; this one's copy is dropped, not merged.
    MonthlyFigures.objects.bulk_create(figures, ignore_conflicts=True)
    return len(figures)


def months_count(firsts: list, *, today: datetime.date) -> list:
    """Unsaved `MonthlyFigures` of the months beginning on `firsts`, counted from the requests
    in one query; open and overdue at each month's end, or `today` if that comes first."""
    months = [
        MonthlyFigures(month=first, ends_at=_local_midnight(next_month(first))) for first in firsts
    ]
    if not months:
        return []
    start = _local_midnight(min(firsts))
    end = _local_midnight(next_month(max(firsts)))
    rows = (
        SubjectRequest.objects.filter(received_at__lt=end)
        .exclude(closed_at__lt=start)
        .exclude(pk__in=SubjectRequest.objects.unverified().values("pk"))
        .values_list(
            "kind", "domain", "status", "received_at", "due_date", "closed_at", "extended_on"
        )
    )
    for kind, domain, status, received_at, due_date, closed_at, extended_on in rows.iterator():
        received = timezone.localdate(received_at)
        closed = timezone.localdate(closed_at) if closed_at else None
        row = (kind, domain, status, received, due_date, closed, extended_on)
        for month in months:
            _count(month, row, today)
    return months


def _count(month, row, today):
    kind, domain, status, received, due_date, closed, extended_on = row
    last_day = min(next_month(month.month) - datetime.timedelta(days=1), today)
    if _same_month(received, month.month):
        month.received += 1
        month.by_kind[kind] = month.by_kind.get(kind, 0) + 1
        month.by_domain[domain] = month.by_domain.get(domain, 0) + 1
    if closed and _same_month(closed, month.month):
        outcomes = month.closed_by_kind.setdefault(kind, {})
        outcomes[status] = outcomes.get(status, 0) + 1
        if status == Status.WITHDRAWN:
            month.withdrawn += 1
        elif status in ANSWERS:
            month.completed += status == Status.COMPLETED
            month.refused += status == Status.REFUSED
            month.on_time += closed <= due_date
            days = str((closed - received).days)
            month.days_to_answer[days] = month.days_to_answer.get(days, 0) + 1
    if extended_on and _same_month(extended_on, month.month):
        month.extended += 1
    if received <= last_day and (closed is None or closed > last_day):
        month.open += 1
        # On hold the clock stands still: its stored due date moves when it restarts.
        month.overdue += due_date < last_day and status != Status.ON_HOLD


def _same_month(day, first):
    return (day.year, day.month) == (first.year, first.month)


def next_month(first: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=calendar.monthrange(first.year, first.month)[1])


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
