from django import template

from ..periods import describe_period
from ..text import to_html

register = template.Library()

register.filter("statement_text", to_html)
register.filter("period", describe_period)
