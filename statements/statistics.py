"""Anonymous visitor statistics: which pages are read most, at what hours, and for how long.

The page's own script (static/js/statistics.js) sends a beacon when a page is shown and one
when it is left. Only the page path, the hour and a duration are kept: no IP address, no
cookie, no user agent. Bots (by their user agent) and signed-in staff are not counted.
"""

import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import get_language_from_path

from .models import PageStatistic

MAX_SECONDS = 2 * 3600  # a tab left open overnight says nothing about reading
BOT = re.compile(r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python|java/", re.I)


def is_countable(*, path, user_agent, is_staff):
    if is_staff or not user_agent or BOT.search(user_agent):
        return False
    if len(path) > 200 or not path.startswith("/"):
        return False
    try:
        # The path's own language decides how it resolves (/en/... or unprefixed Dutch).
        with translation.override(get_language_from_path(path) or settings.LANGUAGE_CODE):
            match = resolve(path)
    except Resolver404:
        return False
    if match.namespace != "statements" or match.url_name == "pdf":
        return False
    return _exists(match.url_name, match.kwargs)


def _exists(view, kwargs):
    """Only pages that exist are counted: a made-up slug must not grow the table."""
    from .models import Statement, StatementVersion

    if view == "index":
        return True
    if "number" in kwargs:
        return (
            StatementVersion.objects.published()
            .filter(statement__slug=kwargs["slug"], number=kwargs["number"])
            .exists()
        )
    return Statement.objects.filter(slug=kwargs["slug"]).exists()


def record(*, path, event, seconds=0, now=None):
    """Counts one view, or adds the time spent on a view that ended."""
    hour = (now or timezone.now()).replace(minute=0, second=0, microsecond=0)
    if event == "view":
        changes = {"views": F("views") + 1}
    else:
        seconds = max(0, min(int(seconds), MAX_SECONDS))
        changes = {"timed_views": F("timed_views") + 1, "seconds": F("seconds") + seconds}
    if PageStatistic.objects.filter(path=path, hour=hour).update(**changes):
        return
    try:
        with transaction.atomic():
            PageStatistic.objects.create(path=path, hour=hour)
    except IntegrityError:
        pass  # another request created the row first
    PageStatistic.objects.filter(path=path, hour=hour).update(**changes)


def summary(queryset):
    """Figures for the admin page: top pages, views per hour of the day, average time."""
    from django.db.models import Sum

    pages = (
        queryset.values("path")
        .annotate(views=Sum("views"), timed=Sum("timed_views"), seconds=Sum("seconds"))
        .order_by("-views")
    )
    by_hour = [0] * 24
    for row in queryset.values("hour", "views"):
        by_hour[timezone.localtime(row["hour"]).hour] += row["views"]
    top = list(pages[:15])
    for row in top:
        row["average_seconds"] = round(row["seconds"] / row["timed"]) if row["timed"] else None
    return {"pages": top, "by_hour": by_hour}
