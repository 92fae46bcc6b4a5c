"""Cached statement pages. Published versions never change, so their pages are cached for
good; the pages that show "the current version" or "all versions" carry a generation number
per statement that publishing bumps, so exactly those pages are rendered anew."""

import time

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

TIMEOUT = 24 * 3600
INDEX = "_index"


def _generation_key(name):
    return f"statements:gen:{name}"


def generation(name):
    # A fresh generation is a clock value, so one evicted from the cache never comes back
    # as a number that old pages were stored under.
    return cache.get_or_set(_generation_key(name), time.time_ns(), timeout=None)


def page_key(*, name, view, today=None):
    """Key for a page that depends on which versions of `name` are published and in force."""
    today = today or timezone.localdate()
    return f"statements:page:{view}:{name}:{generation(name)}:{today.isoformat()}:{get_language()}"


def version_key(*, version_pk, view):
    return f"statements:version:{view}:{version_pk}:{get_language()}"


def invalidate(statement):
    """Called after a publish commits: the statement's own pages and the index."""
    for name in (statement.slug, INDEX):
        try:
            cache.incr(_generation_key(name))
        except ValueError:  # no generation yet, so nothing cached under it
            cache.set(_generation_key(name), time.time_ns(), timeout=None)
