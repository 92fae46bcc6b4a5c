from django import template

from ..periods import describe_period
from ..text import to_html

register = template.Library()

register.filter("statement_text", to_html)


@register.filter
def period(value):
    """Words for an ISO 8601 period; a draft's unfinished period shows as typed."""
    try:
        return describe_period(value)
    except ValueError:
        return value or "-"
