"""The deadline as the back office shows it: today's date, and the badge of days left."""

import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from .. import roles
from ..models import Status, SubjectRequest

URGENT_DAYS = 5  # the badge turns red within this many days of the deadline


def today() -> datetime.date:
    """The back office's today: read here only, so tests can freeze it. Callers look it up as
    `display.today()`, so that freezing this one name freezes every screen."""
    return timezone.localdate()


def deadline_badge(request: SubjectRequest, *, on: datetime.date):
    """Days left as a badge. Red when overdue or within URGENT_DAYS; the words say so too,
    so the colour is never the only signal (WCAG 1.4.1)."""
    if not request.is_open:
        return format_html('<span class="rq-badge rq-badge--closed">{}</span>', gettext("closed"))
    if request.status == Status.ON_HOLD:
        return format_html(
            '<span class="rq-badge rq-badge--hold">{}</span>', gettext("clock stopped")
        )
    days = request.days_left(today=on)
    if days < 0:
        text = gettext("overdue by %(days)s d") % {"days": -days}
    elif days == 0:
        text = gettext("due today")
    else:
        text = gettext("%(days)s d left") % {"days": days}
    if days <= URGENT_DAYS:
        label = gettext("Overdue") if days < 0 else gettext("Urgent")
        return format_html(
            '<span class="rq-badge rq-badge--urgent"><strong>{}:</strong> {}</span>', label, text
        )
    return format_html('<span class="rq-badge">{}</span>', text)


def staff_purpose(user) -> str:
    """The purpose the access log records for a staff role opening a request."""
    if roles.is_dpo(user) or roles.is_handler(user):
        return "handling the request (GDPR art. 12)"
    if roles.is_auditor(user):
        return "audit"
    return ""
