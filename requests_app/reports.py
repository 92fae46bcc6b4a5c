"""Figures for the DPO: per month, what came in, what was answered on time, what is open.

Counted from the requests themselves (no separate counters to drift): one query for the year,
then months in Python, which for a municipality's few thousand requests a year is instant.

Definitions, the same on the page and in the annual report:
- received: filed (or registered by staff) in that month, by type and by domain;
- answered: closed with a decision (completed or refused) in that month; withdrawn requests are
  not answers. On time: closed on or before the due date, extensions and stopped clocks
  included, since the stored due date already carries them;
- days to answer: calendar days from receipt to closing, the median of those answered;
- open and overdue: at the end of the month (for the current month: today). The due date is
  today's, so a later extension counts in earlier months too.
"""

import calendar
import datetime
import statistics
from dataclasses import dataclass, field

from django.utils import timezone

from .models import Domain, Kind, Status, SubjectRequest

ANSWERS = (Status.COMPLETED, Status.REFUSED)


@dataclass
class MonthFigures:
    month: datetime.date  # the first day
    received: int = 0
    by_kind: dict = field(default_factory=lambda: dict.fromkeys(Kind.values, 0))
    by_domain: dict = field(default_factory=lambda: dict.fromkeys(Domain.values, 0))
    answered: int = 0
    on_time: int = 0
    days_to_answer: list = field(default_factory=list, repr=False)
    open: int = 0
    overdue: int = 0

    @property
    def on_time_percent(self):
        return round(100 * self.on_time / self.answered) if self.answered else None

    @property
    def median_days(self):
        return statistics.median(self.days_to_answer) if self.days_to_answer else None


@dataclass
class YearFigures:
    year: int
    months: list

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
        return {kind: sum(m.by_kind[kind] for m in self.months) for kind in Kind.values}

    @property
    def by_domain(self):
        return {domain: sum(m.by_domain[domain] for m in self.months) for domain in Domain.values}

    @property
    def on_time_percent(self):
        answered = self.total("answered")
        return round(100 * self.total("on_time") / answered) if answered else None

    @property
    def median_days(self):
        days = [d for month in self.months for d in month.days_to_answer]
        return statistics.median(days) if days else None


def year_figures(*, year: int, today: datetime.date) -> YearFigures:
    """The figures of each month of `year` up to `today` (later months have none yet)."""
    months = [
        MonthFigures(month=datetime.date(year, number, 1))
        for number in range(1, 13)
        if datetime.date(year, number, 1) <= today
    ]
    if not months:
        return YearFigures(year=year, months=[])
    start = _local_midnight(months[0].month)
    end = _local_midnight(_next_month(months[-1].month))
    rows = (
        SubjectRequest.objects.filter(received_at__lt=end)
        .exclude(closed_at__lt=start)
        .values_list("kind", "domain", "status", "received_at", "due_date", "closed_at")
    )
    for kind, domain, status, received_at, due_date, closed_at in rows.iterator():
        received = timezone.localdate(received_at)
        closed = timezone.localdate(closed_at) if closed_at else None
        for month in months:
            _count(month, kind, domain, status, received, due_date, closed, today)
    return YearFigures(year=year, months=months)


def _count(month, kind, domain, status, received, due_date, closed, today):
    last_day = min(_next_month(month.month) - datetime.timedelta(days=1), today)
    if _same_month(received, month.month):
        month.received += 1
        month.by_kind[kind] += 1
        month.by_domain[domain] += 1
    if closed and status in ANSWERS and _same_month(closed, month.month):
        month.answered += 1
        month.on_time += closed <= due_date
        month.days_to_answer.append((closed - received).days)
    if received <= last_day and (closed is None or closed > last_day):
        month.open += 1
        # On hold the clock stands still: its stored due date moves when it restarts.
        month.overdue += due_date < last_day and status != Status.ON_HOLD


def _same_month(day, first):
    return (day.year, day.month) == (first.year, first.month)


def _next_month(first):
    return first + datetime.timedelta(days=calendar.monthrange(first.year, first.month)[1])


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
