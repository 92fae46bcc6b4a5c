"""Legal deadlines for data-subject requests and privacy complaints: the one place these rules live.

Pure functions over dates; nothing here reads the clock or the database.

Requests under GDPR art. 15-22
    Answer within one month of receipt (GDPR art. 12(3)), counted per EU Regulation 1182/71:
    the day of receipt does not count (art. 3(1)); the period ends on the same date in the
    following month, or on the last day of that month when it has no such date (art. 3(2)(c));
    a period ending on a Saturday, Sunday or public holiday ends on the next working day
    (art. 3(4)). The controller may extend by two further months when it tells the resident,
    with reasons, within the first month (art. 12(3)).

Complaints to the municipality
    Decide within six weeks of receipt (Awb art. 9:11(1)); the municipality may postpone once,
    by at most four weeks, telling the complainant in writing (art. 9:11(2)). The Algemene
    termijnenwet moves an end on a Saturday, Sunday or public holiday to the next working day
    (ATW art. 1).

Public holidays
    Those of the Algemene termijnenwet, art. 3: New Year's Day, Easter Monday, Ascension Day,
    Whit Monday, Christmas Day and Boxing Day, King's Day, and 5 May - every year. Not Good
    Friday, and 5 May also in the years it is no day off for most workers: generic holiday
    libraries get both wrong for this purpose (tests/requests_app/test_deadlines.py shows how).

Choices where the law leaves the arithmetic open (stated here so they can be reviewed):
    * An extended period is three months from receipt, counted like the first month: the
      Autoriteit Persoonsgegevens explains the extension as "three months in all", and counting
      from the receipt date never loses days at a short February (31 Jan -> 30 Apr, not 28 Apr).
    * While the clock is stopped (waiting for proof of identity or a clarification, GDPR
      art. 12(6)) the days stopped are added to the unrolled deadline, which is then moved to a
      working day again. A stop counts from the day it began up to the day before it ended.
    * Complaints have no stopped clock (the Awb has none for chapter 9), only the postponement.
"""

import calendar
import datetime
from dataclasses import dataclass
from functools import cache

from dateutil.easter import easter

GDPR_MONTHS = 1  # GDPR art. 12(3)
GDPR_EXTENSION_MONTHS = 2  # GDPR art. 12(3)
COMPLAINT_WEEKS = 6  # Awb art. 9:11(1)
COMPLAINT_MAX_POSTPONEMENT_WEEKS = 4  # Awb art. 9:11(2)

_DAY = datetime.timedelta(days=1)


@cache
def public_holidays(year: int) -> frozenset[datetime.date]:
    """Public holidays of the Algemene termijnenwet (art. 3) in `year`."""
    easter_sunday = easter(year)
    return frozenset(
        {
            datetime.date(year, 1, 1),  # Nieuwjaarsdag
            easter_sunday + _DAY,  # Tweede Paasdag
            easter_sunday + 39 * _DAY,  # Hemelvaartsdag
            easter_sunday + 50 * _DAY,  # Tweede Pinksterdag
            _kings_day(year),  # Koningsdag
            datetime.date(year, 5, 5),  # Bevrijdingsdag, every year for the ATW
            datetime.date(year, 12, 25),  # Eerste Kerstdag
            datetime.date(year, 12, 26),  # Tweede Kerstdag
        }
    )


def _kings_day(year: int) -> datetime.date:
    """27 April (from 2014), 30 April before; a day earlier when it falls on a Sunday."""
    day = datetime.date(year, 4, 27) if year >= 2014 else datetime.date(year, 4, 30)
    return day - _DAY if day.weekday() == 6 else day


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += _DAY
    return day


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same date `months` later; the last day of that month when it has no such date."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ClockStop:
    """The clock stood still from `start` (inclusive) until `end` (exclusive): the days the
    municipality waited for the resident. `end` is None while it still stands still."""

    start: datetime.date
    end: datetime.date | None = None
    reason: str = ""

    def days(self, *, today: datetime.date) -> int:
        return max(0, ((self.end or today) - self.start).days)


def _stopped_days(stops, today):
    return sum(stop.days(today=today) for stop in stops)


def request_deadline(
    *,
    received: datetime.date,
    extended: bool = False,
    stops: tuple[ClockStop, ...] = (),
    today: datetime.date | None = None,
) -> datetime.date:
    """The last day to answer a GDPR art. 15-22 request received on `received`."""
    months = GDPR_MONTHS + (GDPR_EXTENSION_MONTHS if extended else 0)
    end = add_months(received, months)
    end += _stopped_days(stops, today or received) * _DAY
    return next_working_day(end)


def extension_allowed(
    *,
    received: datetime.date,
    announced: datetime.date,
    stops: tuple[ClockStop, ...] = (),
) -> bool:
    """An extension counts only when the resident is told within the first month (art. 12(3))."""
    return (
        received <= announced <= request_deadline(received=received, stops=stops, today=announced)
    )


def complaint_deadline(*, received: datetime.date, postponed_weeks: int = 0) -> datetime.date:
    """The last day to decide on a complaint received on `received` (Awb 9:11).

    The Awb has no stopped clock for complaints; only the one postponement."""
    if not 0 <= postponed_weeks <= COMPLAINT_MAX_POSTPONEMENT_WEEKS:
        raise ValueError(
            f"A complaint may be postponed by at most {COMPLAINT_MAX_POSTPONEMENT_WEEKS} weeks."
        )
    end = received + datetime.timedelta(weeks=COMPLAINT_WEEKS + postponed_weeks)
    return next_working_day(end)


def postponement_allowed(*, received: datetime.date, announced: datetime.date) -> bool:
    """A postponement must reach the complainant before the six weeks have run out."""
    return received <= announced <= complaint_deadline(received=received)
