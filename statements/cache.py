"""Whole-page cache of the statement pages and the public statements API, served before the
rest of the middleware runs.

Views mark a response as cacheable (`mark_cacheable`); the middleware stores it under its path
and the day, and serves it from then on. Publishing a version invalidates exactly the pages
whose content that changes (`invalidate`): the index, the statement's current page and archive,
and its version pages (whose "earlier version" note may change). "What changed" pages are
immutable and never invalidated. The day is in the key because a version published ahead of
its effective date becomes current at midnight.

Invalidation gives each affected path a new stamp rather than deleting its page: a page stores
the stamp it was rendered under, and a hit fetches page and stamp in one round trip, so a page
rendered from data read just before a publish committed is never served after it.

The public API (`/api/statements/`) is cached the same way, under its path and its `lang`
(no other query is cached) and the host, because its answers hold absolute links.

Each process also keeps what it fetched for LOCAL_SECONDS: a round trip to Redis costs more
than the rest of a hit (bench/statements_bench.py). So another process shows a publish at
most LOCAL_SECONDS late; the publishing process forgets its copies at once.
"""

import time
import uuid

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation

TIMEOUT = 24 * 3600
# Part of every key: bump it when what is stored changes shape (headers, middleware order),
# so a deploy never serves pages stored by the previous code.
FORMAT = 3
_MARK = "_statement_page_cache"
# Paths that are never statement pages. /verzoek/ above all: its status links hold a secret,
# which must not even reach the cache as part of a key.
_SKIP_PREFIXES = (
    "/api/",
    "/beheer/",
    "/en/beheer/",
    "/static/",
    "/statistieken/",
    "/verzoek/",
    "/en/verzoek/",
)
API_PREFIX = "/api/statements/"
# The only queries of the public API that are cached: its languages, and none.
API_QUERIES = ("", "lang=nl", "lang=en")
MAX_PATH = 200
LOCAL_SECONDS = 1.0
_LOCAL_MAX_ENTRIES = 1000
_local = {}  # key -> (fetched at, content, headers)


def forget_local():
    _local.clear()


def page_key(path, *, today=None):
    today = today or timezone.localdate()
    return f"statements:page:v{FORMAT}:{today.isoformat()}:{path}"


def stamp_key(path):
    return f"statements:stamp:v{FORMAT}:{path}"


def mark_cacheable(response):
    setattr(response, _MARK, True)
    return response


def _api_paths(statement, numbers):
    paths = [
        reverse("statements-api:list"),
        reverse("statements-api:current", kwargs={"slug": statement.slug}),
        reverse("statements-api:versions", kwargs={"slug": statement.slug}),
    ]
    paths += [
        reverse("statements-api:version", kwargs={"slug": statement.slug, "number": n})
        for n in numbers
    ]
    return [f"{path}?{query}" if query else path for path in paths for query in API_QUERIES]


def statement_paths(statement):
    """Every page and API answer, in every language, whose content a publish of `statement`
    can change."""
    from django.conf import settings

    paths = []
    numbers = list(statement.versions.published().values_list("number", flat=True))
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("statements:index"))
            paths.append(reverse("statements:detail", kwargs={"slug": statement.slug}))
            paths.append(reverse("statements:archive", kwargs={"slug": statement.slug}))
            paths.extend(
                reverse("statements:version", kwargs={"slug": statement.slug, "number": n})
                for n in numbers
            )
    return paths + _api_paths(statement, numbers)


def invalidate(statement):
    """Called after a publish commits."""
    cache.set_many({stamp_key(path): uuid.uuid4().hex for path in statement_paths(statement)}, None)
    forget_local()


class StatementPageCacheMiddleware:
    """Serves cached statement pages, with the headers they were stored with."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = _cache_path(request)
        if path is None:
            return self.get_response(request)
        host = request.get_host()  # ALLOWED_HOSTS holds for cached pages too (raises a 400)
        # An API answer holds absolute links, so it is kept per host.
        key = page_key(f"{path}@{host}" if path.startswith(API_PREFIX) else path)
        stamp = stamp_key(path)
        now = time.monotonic()
        local = _local.get(key)
        if local is not None and now - local[0] < LOCAL_SECONDS:
            return HttpResponse(local[1], headers=local[2])
        found = cache.get_many([key, stamp])
        stored = found.get(key)
        if stored is not None and stored[2] == found.get(stamp):
            content, headers, _stamp = stored
            if len(_local) >= _LOCAL_MAX_ENTRIES:
                _local.clear()
            _local[key] = (now, content, headers)
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        if getattr(response, _MARK, False) and response.status_code == 200:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (response.content, dict(response.headers), found.get(stamp)), TIMEOUT)
        return response


def _cache_path(request):
    """What a response is cached under, or None for a request that is never cached: not a
    GET or HEAD, a path of another kind, or a query (the API's `lang` aside)."""
    if request.method not in ("GET", "HEAD") or len(request.path) > MAX_PATH:
        return None
    query = request.META.get("QUERY_STRING", "")
    if request.path.startswith(API_PREFIX):
        if query not in API_QUERIES:
            return None
        return f"{request.path}?{query}" if query else request.path
    if query or request.path.startswith(_SKIP_PREFIXES):
        return None
    return request.path
