"""Residents file a request or complaint and follow it through their personal link."""

import functools
import json
import uuid

from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.crypto import blind_index, token_hash
from core.http import client_ip
from core.pdf import html_to_pdf

from . import answer_files, letters, ratelimit, services
from .forms import SubjectRequestForm
from .models import Kind, SubjectRequest

# Dutch words in the URL, for every language: the address is the same in a letter.
KIND_SLUGS = {
    "inzage": Kind.ACCESS,
    "correctie": Kind.RECTIFICATION,
    "verwijdering": Kind.ERASURE,
    "beperking": Kind.RESTRICTION,
    "overdracht": Kind.PORTABILITY,
    "bezwaar": Kind.OBJECTION,
    "klacht": Kind.COMPLAINT,
}


@require_safe
def choose(request):
    kinds = [(slug, Kind(kind).label) for slug, kind in KIND_SLUGS.items()]
    return render(request, "requests_app/choose.html", {"kinds": kinds})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request, kind_slug):
    kind = KIND_SLUGS.get(kind_slug)
    if kind is None:
        raise Http404
    form = SubjectRequestForm(request.POST or None, kind=kind)
    if request.method == "POST" and not ratelimit.hit(
        "submit", client_ip(request) or "", ratelimit.PER_ADDRESS
    ):
        return _too_many(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submission_key = token_hash(data["started"])
        if SubjectRequest.objects.filter(submission_key=submission_key).exists():
            return render(request, "requests_app/already_received.html")
        if not ratelimit.hit("submit-email", blind_index(data["email"]), ratelimit.PER_EMAIL):
            return _too_many(request)
        try:
            _request, secret = services.request_submit(
                submission_key=submission_key,
                kind=kind,
                domain=data["domain"],
                name=data["name"],
                email=data["email"],
                details=data["details"],
                capacity=data["capacity"],
                subject_name=data["subject_name"],
                language=get_language(),
            )
        except IntegrityError:  # the same form, sent twice at the same moment
            return render(request, "requests_app/already_received.html")
        return redirect("requests:status", secret=secret)
    context = {"form": form, "kind": kind, "kind_label": Kind(kind).label}
    return render(request, "requests_app/form.html", context, status=400 if form.errors else 200)


def _too_many(request):
    response = render(request, "requests_app/too_many.html", status=429)
    response["Retry-After"] = "60"
    return response


def _link_invalid(request):
    return render(request, "requests_app/link_invalid.html", status=404)


def with_status_link(view):
    """Gives `view` the request behind the status link in the URL, as `found`, or answers
    instead: too many tries from this address (429), or a link that matches nothing (404).
    Every view it wraps is @never_cache, which sends Cache-Control: no-store for whatever it
    answers."""

    @functools.wraps(view)
    def with_request(request, secret, **kwargs):
        if not ratelimit.hit("status", client_ip(request) or "", ratelimit.PER_STATUS_ADDRESS):
            return _too_many(request)
        found = services.request_for_secret(secret)
        if found is None:
            return _link_invalid(request)
        return view(request, found, secret, **kwargs)

    return with_request


@never_cache
@require_safe
@with_status_link
def status(request, found, secret):
    return _status_page(request, found, secret)


def _status_page(request, found, secret, *, code_error="", status=200):
    context = {
        "item": found,
        "events": found.events.all(),
        "secret": secret,
        "code_error": code_error,
        "letters": found.letters.all(),
        "files": found.response_files.all(),
        "now": timezone.now(),
        "export_available": answer_files.portability_available(found),
    }
    return render(request, "requests_app/status.html", context, status=status)


@never_cache
@require_safe
@with_status_link
def receipt(request, found, secret):
    """Proof of receipt as a PDF: reference, type, dates. Rendered on demand, never stored."""
    html = render_to_string("requests_app/receipt.html", {"item": found}, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{found.reference}.pdf"'
    return response


@never_cache
@require_POST
@with_status_link
def verify(request, found, secret):
    try:
        services.request_verify(request=found, code=request.POST.get("code", "")[:20])
    except services.VerificationRefused as refused:
        found.refresh_from_db()
        return _status_page(request, found, secret, code_error=str(refused), status=400)
    return redirect("requests:status", secret=secret)


@never_cache
@require_POST
@with_status_link
def withdraw(request, found, secret):
    services.request_withdraw(request=found)
    return redirect("requests:status", secret=secret)


def _download_missing(request, secret):
    return render(request, "requests_app/download_missing.html", {"secret": secret}, status=404)


def _attachment(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _by_public_id(queryset, value):
    """The row whose public id is `value`, or None (also for a value that is no UUID)."""
    try:
        return queryset.filter(public_id=uuid.UUID(value)).first()
    except ValueError:
        return None


@never_cache
@require_safe
@with_status_link
def letter_download(request, found, secret, letter_id):
    """A letter as PDF, rendered from the letter as issued; only through the request's link."""
    letter = _by_public_id(found.letters, letter_id)
    if not letter:
        return _download_missing(request, secret)
    filename = f"{found.reference}-{letter.issued_at:%Y%m%d}-{letter.type}.pdf"
    return _attachment(
        letters.letter_pdf(letter), content_type="application/pdf", filename=filename
    )


@never_cache
@require_safe
@with_status_link
def file_download(request, found, secret, file_id):
    """An answer file, with the type found in its content, until it expires (then 410)."""
    response_file = _by_public_id(found.response_files, file_id)
    if not response_file:
        return _download_missing(request, secret)
    if not response_file.is_available(now=timezone.now()):
        context = {"secret": secret, "file": response_file}
        return render(request, "requests_app/file_expired.html", context, status=410)
    return _attachment(
        answer_files.response_file_content(response_file),
        content_type=response_file.content_type,
        filename=response_file.original_name,
    )


@never_cache
@require_safe
@with_status_link
def export_download(request, found, secret, fmt):
    """The portability export (GDPR art. 20) as JSON or CSV, once the request is answered."""
    if fmt not in ("json", "csv") or not answer_files.portability_available(found):
        return _download_missing(request, secret)
    export = answer_files.portability_export(found, now=timezone.now())
    filename = f"{found.reference}-gegevens.{fmt}"
    if fmt == "json":
        content = json.dumps(export, ensure_ascii=False, indent=2)
        return _attachment(content, content_type="application/json", filename=filename)
    content = answer_files.portability_csv(export)
    return _attachment(content, content_type="text/csv; charset=utf-8", filename=filename)
