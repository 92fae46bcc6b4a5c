"""The wording of ISO 8601 periods as the statements publish them (P6M, P6W, P20Y).

Parsing is `core.periods.parse_period`, re-exported here: the published text, the retention
engine's date arithmetic and the periods the apps enforce themselves all start from it.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.periods import Period, parse_period

__all__ = ["Period", "describe_period", "parse_period"]


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
