"""Residents file a request or complaint and follow it through their personal link."""

import functools
import json
import uuid

from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.crypto import blind_index, decrypt, encrypt, token_hash
from core.http import client_ip
from core.pdf import html_to_pdf

from . import answer_files, letters, ratelimit, resident_access, services, verification
from .assurance import minimum_level
from .forms import SubjectRequestForm
from .identity import ProvenIdentity
from .models import Event, Kind, Status, SubjectRequest

# What a resident sees of the timeline: steps they understand, in their words; no staff notes,
# assignments or e-mail bookkeeping.
RESIDENT_STEPS = {
    Event.Type.SUBMITTED: _("You sent it to us"),
    Event.Type.REGISTERED: _("We wrote it down in our system"),
    Event.Type.VERIFIED: _("You confirmed your e-mail address"),
    Event.Type.LETTER_ISSUED: _("We sent you a letter"),
    Event.Type.FILE_ADDED: _("We added a file to our answer"),
    Event.Type.WITHDRAWN: _("You withdrew it"),
    Event.Type.LINK_RENEWED: _("We sent you a new personal link"),
    Event.Type.CODE_RENEWED: _("We sent you a new code"),
}
RESIDENT_EVENTS = tuple(RESIDENT_STEPS)

# The status as a resident reads it: what is happening, not the back office's state.
RESIDENT_STATUS = {
    Status.RECEIVED: _("Received, we will start soon"),
    Status.VERIFYING: _("We are checking that it is really you"),
    Status.IN_PROGRESS: _("We are working on it"),
    Status.ON_HOLD: _("We are waiting for information from you"),
    Status.EXTENDED: _("We need more time"),
    Status.COMPLETED: _("Answered"),
    Status.REFUSED: _("Answered: refused"),
    Status.WITHDRAWN: _("Withdrawn"),
}

# One plain sentence per right on the choice page (B1).
KIND_EXPLANATIONS = {
    Kind.ACCESS: _("See which personal data we have about you, and what we do with it."),
    Kind.RECTIFICATION: _("Ask us to correct data about you that is wrong or incomplete."),
    Kind.ERASURE: _("Ask us to delete data about you that we no longer need or may not keep."),
    Kind.RESTRICTION: _(
        "Ask us to use your data less for a while, for example while we check if it is right."
    ),
    Kind.PORTABILITY: _(
        "Get the data you gave us in a file, so that you can give it to another organisation."
    ),
    Kind.OBJECTION: _(
        "Tell us to stop using your data in a certain way, because of your own situation."
    ),
    Kind.COMPLAINT: _("Tell us you are not happy with how we handled your personal data."),
}

# What a language switch on a form carries over: what the resident typed, nothing else.
TYPED_FIELDS = ("name", "email", "domain", "details", "capacity", "subject_name", "started")

# What the form keeps (encrypted, in the session) while the resident logs in again at a
# higher DigiD level: the fields the resident typed, never the form's token.
KEPT_INPUT = "requests_kept_input"
KEPT_FIELDS = ("name", "email", "domain", "details", "capacity", "subject_name")

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
    kinds = [(slug, Kind(kind).label, KIND_EXPLANATIONS[kind]) for slug, kind in KIND_SLUGS.items()]
    return render(request, "requests_app/choose.html", {"kinds": kinds})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request, kind_slug):
    """The form. Only a valid send counts toward the limits; a limited one comes back with what
    was typed and the true wait. A stored request gets a thank-you page, never its status link:
    the link and the code go only to the e-mail address given (`services.request_submit`)."""
    kind = KIND_SLUGS.get(kind_slug)
    if kind is None:
        raise Http404
    now = timezone.now()
    resident = getattr(request, "resident", None)
    context = {"kind": kind, "kind_label": Kind(kind).label}
    if request.method == "POST" and "switch_language" in request.POST:
        # The language buttons send the form here, in the other language: it comes back
        # with what was typed, unchecked (no errors yet) and without counting as a send.
        typed = {name: request.POST.get(name, "") for name in TYPED_FIELDS}
        form = SubjectRequestForm(initial=typed, kind=kind, now=now, resident=resident)
        return render(request, "requests_app/form.html", {**context, "form": form})
    kept = _kept_input_pop(request, kind) if request.method != "POST" else None
    form = SubjectRequestForm(
        request.POST or None, kind=kind, now=now, resident=resident, initial=kept
    )
    context["form"] = form
    if request.method != "POST" or not form.is_valid():
        return render(
            request, "requests_app/form.html", context, status=400 if form.errors else 200
        )
    if resident is not None and (too_low := _level_too_low(request, resident, kind, form)):
        return too_low
    address = client_ip(request) or ""
    data = form.cleaned_data
    submission_key = token_hash(data["started"])
    if SubjectRequest.objects.filter(submission_key=submission_key).exists():
        return render(request, "requests_app/already_received.html", {"kind": kind})
    wait = ratelimit.wait_seconds("submit", address, ratelimit.PER_ADDRESS, now=now)
    if wait:
        form.add_error(None, _limited_message(wait))
        response = render(request, "requests_app/form.html", context, status=429)
        response["Retry-After"] = str(wait)
        return response
    ratelimit.hit("submit", address, ratelimit.PER_ADDRESS, now=now)
    email_key = blind_index(data["email"])
    acknowledge = not ratelimit.wait_seconds(
        "submit-email", email_key, ratelimit.PER_EMAIL, now=now
    )
    ratelimit.hit("submit-email", email_key, ratelimit.PER_EMAIL, now=now)
    try:
        filed, _secret = services.request_submit(
            submission_key=submission_key,
            kind=kind,
            domain=data["domain"],
            name=data["name"],
            email=data["email"],
            details=data["details"],
            capacity=data["capacity"],
            subject_name=data["subject_name"],
            language=get_language(),
            acknowledge=acknowledge,
            now=now,
            proven=_proven(resident, capacity=data["capacity"]),
        )
    except IntegrityError:  # the same form, sent twice at the same moment
        return render(request, "requests_app/already_received.html", {"kind": kind})
    context = {
        "item": filed,
        "code_valid_days": verification.CODE_VALID.days,
        "with_digid": bool(filed.bsn_index),
    }
    return render(request, "requests_app/thanks.html", context)


def _proven(resident, *, capacity: str) -> ProvenIdentity | None:
    """What a DigiD login proves about who files (requests_app/identity.py). A login for
    oneself that files "for someone else" (`capacity`) proves the filer only: not whom the
    request concerns, nor the right to act for them."""
    if resident is None:
        return None
    if capacity and not resident.represented_bsn:
        return ProvenIdentity(bsn="", level=int(resident.level), representative_bsn=resident.bsn)
    return ProvenIdentity(
        bsn=resident.subject_bsn,
        level=int(resident.level),
        representative_bsn=resident.bsn if resident.represented_bsn else "",
    )


def _level_too_low(request, resident, kind, form):
    """A DigiD login below the level this type and domain need (assurance.py): the page that
    offers to log in again at that level, with the form's address to come back to."""
    need = minimum_level(kind=kind, domain=form.cleaned_data["domain"])
    if resident.level >= need:
        return None
    typed = {name: form.cleaned_data.get(name, "") for name in KEPT_FIELDS}
    request.session[KEPT_INPUT] = {"kind": kind, "input": encrypt(json.dumps(typed))}
    context = {
        "have": resident.level.label,
        "need": need.label,
        "need_value": int(need),
        "back": request.path,
    }
    return render(request, "digid/level_too_low.html", context, status=403)


def _kept_input_pop(request, kind) -> dict | None:
    """What was typed in this type's form before "a higher DigiD level is needed"
    (`_level_too_low`), once, to fill the form again after logging in at that level."""
    kept = request.session.get(KEPT_INPUT) if hasattr(request, "session") else None
    if not kept or kept.get("kind") != kind:
        return None
    del request.session[KEPT_INPUT]
    return json.loads(decrypt(kept["input"]))


def _wait_text(seconds: int) -> str:
    minutes = -(-seconds // 60)
    if minutes < 120:
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    hours = -(-minutes // 60)
    return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}


def _limited_message(wait: int) -> str:
    return gettext(
        "Many requests were sent from this connection. What you typed is kept below: send it "
        "again in %(wait)s. Is it urgent? Call the Data Protection Officer: 045-5605040."
    ) % {"wait": _wait_text(wait)}


def _too_many(request, wait):
    response = render(request, "requests_app/too_many.html", {"wait": _wait_text(wait)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def _link_invalid(request):
    return render(
        request,
        "requests_app/link_invalid.html",
        {"link_kept_weeks": verification.STATUS_LINK_KEPT.days // 7},
        status=404,
    )


def with_status_link(view):
    """Gives `view` the request behind the status link in the URL, as `found`, or answers
    instead: too many tries from this address (429), or a link that matches nothing or has
    expired (404). Every view it wraps is @never_cache, which sends Cache-Control: no-store
    for whatever it answers."""

    @functools.wraps(view)
    def with_request(request, secret, **kwargs):
        now = timezone.now()
        wait = ratelimit.attempt(
            "status", client_ip(request) or "", ratelimit.PER_STATUS_ADDRESS, now=now
        )
        if wait:
            return _too_many(request, wait)
        found = resident_access.request_for_secret(secret, now=now)
        if found is None:
            return _link_invalid(request)
        return view(request, found, secret, **kwargs)

    return with_request


def answer_released(view):
    """Under @with_status_link: the view answers only once `found.answer_released()`; before
    that, the same 404 as for a download that does not exist, so nothing of the answer (not
    even whether there is one) reaches a browser without the mailbox."""

    @functools.wraps(view)
    def released_only(request, found, secret, **kwargs):
        if not found.answer_released(getattr(request, "resident", None)):
            return _download_missing(request, found, secret)
        return view(request, found, secret, **kwargs)

    return released_only


@never_cache
@require_safe
@with_status_link
def status(request, found, secret):
    return _status_page(request, found, secret)


def _status_page(request, found, secret, *, code_error="", code_message="", status=200):
    released = found.answer_released(getattr(request, "resident", None))
    events = found.events.filter(type__in=RESIDENT_EVENTS)
    context = {
        "item": found,
        "steps": [(event.at, RESIDENT_STEPS[event.type]) for event in events],
        "status_text": RESIDENT_STATUS.get(found.status, found.get_status_display()),
        "confirmed_now": bool(request.GET.get("bevestigd")) and found.email_confirmed,
        "secret": secret,
        "code_error": code_error,
        "code_message": code_message,
        "released": released,
        "letters": found.letters.select_related("replaces") if released else (),
        "files": found.response_files.all() if released else (),
        "now": timezone.now(),
        "export_available": released and answer_files.portability_available(found),
        "code_valid_days": verification.CODE_VALID.days,
        "max_attempts": verification.MAX_ATTEMPTS,
        "link_kept_weeks": verification.STATUS_LINK_KEPT.days // 7,
        "link_expires_at": found.link_expires_at(),
    }
    return render(request, "requests_app/status.html", context, status=status)


@never_cache
@require_safe
@with_status_link
def receipt(request, found, secret):
    """Proof of receipt as a PDF: reference, type, dates and the status today (a withdrawn
    request says so, and no longer promises an answer). Rendered on demand, never stored."""
    context = {"item": found, "status_text": RESIDENT_STATUS.get(found.status, "")}
    html = render_to_string("requests_app/receipt.html", context, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{found.reference}.pdf"'
    return response


@never_cache
@require_POST
@with_status_link
def verify(request, found, secret):
    try:
        resident_access.request_verify(request=found, code=request.POST.get("code", "")[:20])
    except resident_access.VerificationRefused as refused:
        found.refresh_from_db()
        return _status_page(request, found, secret, code_error=str(refused), status=400)
    # The query only chooses whether to say "confirmed"; the page checks that it is true.
    return redirect(reverse("requests:status", kwargs={"secret": secret}) + "?bevestigd=1")


@never_cache
@require_POST
@with_status_link
def code_renew(request, found, secret):
    """A new confirmation code by e-mail, asked from the status page: for a code that expired,
    after too many wrong tries, or a lost e-mail. Limited per request."""
    now = timezone.now()
    scope_value = str(found.public_id)
    wait = ratelimit.wait_seconds("code", scope_value, ratelimit.PER_CODE_REQUEST, now=now)
    if wait:
        message = gettext("You asked for several codes already. Ask again in %(wait)s.") % {
            "wait": _wait_text(wait)
        }
        response = _status_page(request, found, secret, code_error=message, status=429)
        response["Retry-After"] = str(wait)
        return response
    if not resident_access.request_code_renew(request=found, now=now):
        return redirect("requests:status", secret=secret)
    ratelimit.hit("code", scope_value, ratelimit.PER_CODE_REQUEST, now=now)
    found.refresh_from_db()
    message = gettext("We sent you a new code. It is valid for %(days)s days.") % {
        "days": verification.CODE_VALID.days
    }
    return _status_page(request, found, secret, code_message=message)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@with_status_link
def withdraw(request, found, secret):
    """Withdrawing asks first: the status page's button opens this page, and only its own
    button (a POST with `confirm`) withdraws. Works without JavaScript."""
    if not found.is_open:
        return redirect("requests:status", secret=secret)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        services.request_withdraw(request=found)
        return redirect("requests:status", secret=secret)
    return render(request, "requests_app/withdraw_confirm.html", {"item": found, "secret": secret})


def _download_missing(request, found, secret):
    context = {"item": found, "secret": secret}
    return render(request, "requests_app/download_missing.html", context, status=404)


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
@answer_released
def letter_download(request, found, secret, letter_id):
    """A letter as PDF, rendered from the letter as issued; only through the request's link."""
    letter = _by_public_id(found.letters, letter_id)
    if not letter:
        return _download_missing(request, found, secret)
    filename = f"{found.reference}-{letter.issued_at:%Y%m%d}-{letter.type}.pdf"
    return _attachment(
        letters.letter_pdf(letter), content_type="application/pdf", filename=filename
    )


@never_cache
@require_safe
@with_status_link
@answer_released
def file_download(request, found, secret, file_id):
    """An answer file, with the type found in its content, until it expires (then 410)."""
    response_file = _by_public_id(found.response_files, file_id)
    if not response_file:
        return _download_missing(request, found, secret)
    if not response_file.is_available(now=timezone.now()):
        context = {"item": found, "secret": secret, "file": response_file}
        return render(request, "requests_app/file_expired.html", context, status=410)
    return _attachment(
        answer_files.response_file_content(response_file),
        content_type=response_file.content_type,
        filename=response_file.original_name,
    )


@never_cache
@require_safe
@with_status_link
@answer_released
def export_download(request, found, secret, fmt):
    """The portability export (GDPR art. 20) as JSON or CSV, once the request is answered."""
    if fmt not in ("json", "csv") or not answer_files.portability_available(found):
        return _download_missing(request, found, secret)
    export = answer_files.portability_export(found, now=timezone.now())
    filename = f"{found.reference}-gegevens.{fmt}"
    if fmt == "json":
        content = json.dumps(export, ensure_ascii=False, indent=2)
        return _attachment(content, content_type="application/json", filename=filename)
    content = answer_files.portability_csv(export)
    return _attachment(content, content_type="text/csv; charset=utf-8", filename=filename)
