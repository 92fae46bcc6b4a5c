"""DigiD login, logout and "Mijn verzoeken": thin views over oidc.py and session.py."""

import contextlib
import uuid
from urllib.parse import urlsplit

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from requests_app import answer_files, letters
from requests_app.assurance import Level, minimum_level
from requests_app.models import SubjectRequest

from . import security
from .oidc import DigidLoginView, LoginRefused, login_complete, logout_url
from .provider import ProviderUnavailable, enabled, provider
from .session import resident_store

LANGUAGE_KEY = "digid_language"


def _enabled_only(view):
    def checked(request, *args, **kwargs):
        if not enabled():
            raise Http404
        return view(request, *args, **kwargs)

    checked.__name__ = checked.__qualname__ = view.__name__
    checked.__doc__ = view.__doc__
    return checked


def refused(request, reason: str, *, detail: str = ""):
    """A clear page, nothing stored, one line in the security log."""
    security.login_refused(reason, detail=detail)
    return render(request, "digid/refused.html", {"reason": reason}, status=400)


@never_cache
@require_safe
@_enabled_only
def login(request):
    """To the provider, with state, nonce and PKCE (oidc.DigidLoginView); `next` is where the
    resident returns (an address on this site only)."""
    try:
        response = DigidLoginView.as_view()(request)
    except ProviderUnavailable as exc:
        return refused(request, "unavailable", detail=type(exc).__name__)
    request.session[LANGUAGE_KEY] = translation.get_language()
    return response


@never_cache
@require_safe
@_enabled_only
def callback(request):
    """The provider's answer. Refused: the page says why. Accepted: the resident is logged in
    and goes back where they came from; below the level they asked for, the page says so."""
    translation.activate(request.session.get(LANGUAGE_KEY, translation.get_language()))
    try:
        resident = login_complete(request)
    except LoginRefused as refusal:
        return refused(request, refusal.reason, detail=refusal.detail)
    except ProviderUnavailable as exc:
        return refused(request, "unavailable", detail=type(exc).__name__)
    wanted = request.session.pop("digid_wanted_level", 0)
    back = request.session.pop("oidc_login_next", None)
    language = request.session.get(LANGUAGE_KEY)
    resident_store(request.session, resident)
    request.session[LANGUAGE_KEY] = language
    if wanted and resident.level < wanted:
        return level_too_low(request, have=resident.level, need=Level(wanted), back=back or "")
    return redirect(back or "digid:mine")


def level_too_low(request, *, have: Level, need: Level, back: str):
    """The page offering to log in again at the level needed (a 403: the login is valid,
    only not sure enough for this)."""
    context = {"have": have.label, "need": need.label, "need_value": int(need), "back": back}
    return render(request, "digid/level_too_low.html", context, status=403)


@never_cache
@require_POST
def logout(request):
    """Ends the session here, then at the provider (RP-initiated logout), which sends the
    browser back to `logged_out`."""
    try:
        url = logout_url(request) if enabled() else ""
    except ProviderUnavailable:
        url = ""
    request.session.flush()
    return redirect(url or "digid-logged-out")


@never_cache
@require_safe
def logged_out(request):
    return render(request, "digid/logged_out.html")


def _provider_origin() -> str:
    parts = urlsplit(provider().end_session_endpoint or provider().issuer)
    return f"{parts.scheme}://{parts.netloc}"


@never_cache
@require_safe
@_enabled_only
def mine(request):
    """Every request and complaint of the person the session acts for (by the BSN's blind
    index), with status, deadline, and the letters and files the level allows."""
    resident = request.resident
    if resident is None:
        return redirect(f"{_login_path()}?next={request.path}")
    items = []
    for item in SubjectRequest.objects.filter(bsn_index__in=resident.subject_indexes).order_by(
        "-received_at"
    ):
        released = item.digid_released(resident)
        items.append(
            {
                "item": item,
                "released": released,
                "need": minimum_level(kind=item.kind, domain=item.domain).label,
                "letters": item.letters.all() if released else (),
                "files": item.response_files.all() if released else (),
            }
        )
    context = {"items": items, "resident": resident, "now": timezone.now()}
    response = render(request, "digid/mine.html", context)
    # The logout form's answer leads to the provider's end_session_endpoint.
    # Without the provider's discovery document, logging out ends the session here only.
    with contextlib.suppress(ProviderUnavailable):
        setattr(response, "_csp_update", {"form-action": [_provider_origin()]})  # noqa: B010
    return response


def _login_path() -> str:
    return reverse("digid:login")


def _released_request(request, public_id) -> SubjectRequest:
    resident = request.resident
    if resident is None:
        raise Http404
    try:
        found = SubjectRequest.objects.get(
            public_id=uuid.UUID(str(public_id)), bsn_index__in=resident.subject_indexes
        )
    except (ValueError, SubjectRequest.DoesNotExist) as exc:
        raise Http404 from exc
    if not found.digid_released(resident):
        raise Http404
    return found


def _attachment(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@never_cache
@require_safe
@_enabled_only
def letter_download(request, public_id, letter_id):
    found = _released_request(request, public_id)
    letter = found.letters.filter(public_id=letter_id).first()
    if letter is None:
        raise Http404
    filename = f"{found.reference}-{letter.issued_at:%Y%m%d}-{letter.type}.pdf"
    return _attachment(
        letters.letter_pdf(letter), content_type="application/pdf", filename=filename
    )


@never_cache
@require_safe
@_enabled_only
def file_download(request, public_id, file_id):
    found = _released_request(request, public_id)
    response_file = found.response_files.filter(public_id=file_id).first()
    if response_file is None or not response_file.is_available(now=timezone.now()):
        raise Http404
    return _attachment(
        answer_files.response_file_content(response_file),
        content_type=response_file.content_type,
        filename=response_file.original_name,
    )
