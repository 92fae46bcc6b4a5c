"""The date arithmetic of retention: pure functions, local (Europe/Amsterdam) calendar dates.

A period runs from the day of the event that starts the clock and ends at the end of the day
with the same date that many months or years later; where that date does not exist (31 August
+ 6 months), at the end of the last day of that month (EU Regulation 1182/71 art. 3(2)(c),
the rule the Algemene termijnenwet follows). The record may be destroyed from the next day:
`archiefactiedatum = brondatum + period + 1 day`. Kept a day less would be a day early;
destroyed a day later, a day late. Periods are parsed by `statements.periods`, the one parser.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from statements.periods import parse_period


def retention_end(*, brondatum: date, period: str) -> date:
    """The last day the record is kept."""
    return brondatum + parse_period(period).relativedelta()


def destruction_date(*, brondatum: date, period: str) -> date:
    """The first day the record may, and must, be destroyed."""
    return retention_end(brondatum=brondatum, period=period) + timedelta(days=1)


def local_today(now: datetime) -> date:
    """The calendar date in Europe/Amsterdam (TIME_ZONE) at the instant `now`."""
    return timezone.localdate(now)
