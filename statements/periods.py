"""ISO 8601 periods as the statements publish them (P6M, P6W, P20Y), and their wording.

The one place that reads a period string: the published text and, later, the retention
engine's date arithmetic both start from `parse_period`.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def describe_period(value):
    """`P6M` → '6 maanden' / '6 months', in the active language."""
    period = parse_period(value)
    parts = []
    if period.years:
        parts.append(ngettext("%d year", "%d years", period.years) % period.years)
    if period.months:
        parts.append(ngettext("%d month", "%d months", period.months) % period.months)
    if period.weeks:
        parts.append(ngettext("%d week", "%d weeks", period.weeks) % period.weeks)
    if period.days:
        parts.append(ngettext("%d day", "%d days", period.days) % period.days)
    return _(" and ").join(parts)
