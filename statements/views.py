"""Residents read the statements: anonymous, cached, in Dutch or English."""

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from core import ratelimit
from core.http import client_ip
from core.ratelimit import HOUR

from . import cache as page_cache
from .diff import compare
from .models import VERSION_PARTS, Statement, StatementVersion
from .pdf import pdf_for

PAGE_MAX_AGE = 300


def _with_parts(version):
    """Loads a version's sections and rows in four queries, however often the page uses them."""
    prefetch_related_objects([version], *VERSION_PARTS)
    return version


def _page(request, template, context):
    response = render(request, template, context)
    response["Cache-Control"] = f"public, max-age={PAGE_MAX_AGE}"
    return page_cache.mark_cacheable(response)


def _published_version(slug, number):
    return get_object_or_404(
        StatementVersion.objects.published().select_related("statement"),
        statement__slug=slug,
        number=number,
    )


def _current(statement):
    version = statement.current_version()
    if version is None:
        raise Http404
    return version


@require_safe
def index(request):
    statements = [(s, s.current_version()) for s in Statement.objects.all()]
    context = {"statements": [(s, v) for s, v in statements if v is not None]}
    return _page(request, "statements/index.html", context)


@require_safe
def detail(request, slug):
    statement = get_object_or_404(Statement, slug=slug)
    context = {"version": _with_parts(_current(statement)), "is_current": True}
    return _page(request, "statements/detail.html", context)


@require_safe
def version(request, slug, number):
    version = _published_version(slug, number)
    current = version.statement.current_version()
    context = {
        "version": _with_parts(version),
        "is_current": current is not None and current.pk == version.pk,
        "is_future": version.effective_date > timezone.localdate(),
        "current": current,
    }
    return _page(request, "statements/detail.html", context)


@require_safe
def archive(request, slug):
    statement = get_object_or_404(Statement, slug=slug)
    versions = list(statement.versions.published().order_by("-number"))
    if not versions:
        raise Http404
    current = statement.current_version()
    context = {"statement": statement, "versions": versions, "current": current}
    return _page(request, "statements/archive.html", context)


@require_safe
def changes(request, slug, number):
    new = _published_version(slug, number)
    old = new.previous()
    if old is None:
        raise Http404
    context = {"old": old, "new": new, "changes": compare(old, new)}
    return _page(request, "statements/changes.html", context)


@require_safe
def pdf(request, slug, number):
    version = _published_version(slug, number)
    response = HttpResponse(pdf_for(version), content_type="application/pdf")
    filename = f"privacy-{slug}-v{number}-{get_language()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=86400, immutable"
    return response


# Beacons one address may count: a reader opening a page a minute sends two an hour per page
# (view and leave); above this, nobody reads, and the figures stay honest. Counted under a
# keyed hash of the address; an event past it is dropped without a word.
BEACONS_PER_ADDRESS = ((120, HOUR),)


def _within_limit(request) -> bool:
    now = timezone.now()
    return not ratelimit.attempt("beacon", client_ip(request), BEACONS_PER_ADDRESS, now=now)


@csrf_exempt  # a cookieless beacon: there is no session to protect, and nothing to read back
@require_POST
def statistics_beacon(request):
    from .statistics import is_countable, record

    # Browsers send Sec-Fetch-Site with the beacon; a script that leaves it out is refused
    # (review L5: 200 posts without it counted 200 views).
    if request.headers.get("Sec-Fetch-Site") != "same-origin":
        return HttpResponseForbidden("statistics come from this site's own pages only")
    path = request.POST.get("path", "")
    event = request.POST.get("event", "")
    if event not in ("view", "leave"):
        return HttpResponseBadRequest("event must be view or leave")
    try:
        seconds = int(request.POST.get("seconds", "0"))
    except ValueError:
        return HttpResponseBadRequest("seconds must be a whole number")
    is_staff = request.user.is_authenticated and request.user.is_staff
    user_agent = request.headers.get("User-Agent", "")
    if is_countable(path=path, user_agent=user_agent, is_staff=is_staff) and _within_limit(request):
        record(path=path, event=event, seconds=seconds)
    return HttpResponse(status=204)
