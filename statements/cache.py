"""Whole-page cache of the statement pages, served before the rest of the middleware runs.

Views mark a response as cacheable (`mark_cacheable`); the middleware stores it under its path
and the day, and serves it from then on. Publishing a version deletes exactly the pages whose
content that changes (`invalidate`): the index, the statement's current page and archive, and
its version pages (whose "this is an earlier version" note may change). A version's own text
never changes, and "what changed" pages are immutable; they are never invalidated. The day is
in the key because a version published ahead of its effective date becomes current at midnight.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation

TIMEOUT = 24 * 3600
# Part of every key: bump it when what is stored changes shape (headers, middleware order),
# so a deploy never serves pages stored by the previous code.
FORMAT = 2
_MARK = "_statement_page_cache"
_SKIP_PREFIXES = ("/api/", "/beheer/", "/en/beheer/", "/static/", "/statistieken/")


def page_key(path, *, today=None):
    today = today or timezone.localdate()
    return f"statements:page:v{FORMAT}:{today.isoformat()}:{path}"


def mark_cacheable(response):
    setattr(response, _MARK, True)
    return response


def invalidate(statement, *, today=None):
    """Called after a publish commits."""
    from django.conf import settings

    paths = []
    numbers = statement.versions.published().values_list("number", flat=True)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("statements:index"))
            paths.append(reverse("statements:detail", kwargs={"slug": statement.slug}))
            paths.append(reverse("statements:archive", kwargs={"slug": statement.slug}))
            paths.extend(
                reverse("statements:version", kwargs={"slug": statement.slug, "number": n})
                for n in numbers
            )
    cache.delete_many([page_key(path, today=today) for path in paths])


class StatementPageCacheMiddleware:
    """Serves cached statement pages, with the headers they were stored with."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or request.GET
            or request.path.startswith(_SKIP_PREFIXES)
        ):
            return self.get_response(request)
        key = page_key(request.path)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        if getattr(response, _MARK, False) and response.status_code == 200:
            cache.set(key, (response.content, dict(response.headers)), TIMEOUT)
        return response
