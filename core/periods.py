"""ISO 8601 periods (P6M, P6W, P20Y, P2W): the one parser.

Every period the portal publishes or enforces is written this way: the statements' retention
rules, and the fixed periods an app enforces itself (`<app>/retained.py`, e.g. how long an
unconfirmed request is kept). Code that needs a `timedelta` takes it from the same string, so
the number that is published and the number that is enforced cannot differ.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext as _

_PERIOD = re.compile(
    r"^P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?$"
)


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    def relativedelta(self):
        from dateutil.relativedelta import relativedelta

        return relativedelta(years=self.years, months=self.months, weeks=self.weeks, days=self.days)

    def timedelta(self) -> timedelta:
        """Only for periods of weeks and days: a month or a year has no fixed length."""
        if self.years or self.months:
            raise ValueError("A period of months or years has no fixed length; use relativedelta.")
        return timedelta(weeks=self.weeks, days=self.days)


def parse_period(value):
    """`P6M` → Period(months=6). Raises ValueError with a message for staff."""
    match = _PERIOD.match(value or "")
    if not match or value == "P":
        raise ValueError(
            _(
                "“%(value)s” is not a period such as P6M (6 months), P6W (6 weeks) or P20Y (20 years)."  # noqa: E501
            )
            % {"value": value}
        )
    period = Period(**{k: int(v) for k, v in match.groupdict().items() if v})
    if period == Period():
        raise ValueError(_("A retention period cannot be zero."))
    return period


def fixed_period(value: str) -> timedelta:
    """`P2W` → timedelta(weeks=2), for a period an app enforces with a clock of its own."""
    return parse_period(value).timedelta()
