"""The resident's ways in: the code that confirms their e-mail address, and the personal
link to their request's status page (found by its hash, renewed by staff). Each write locks
the request (`services.request_lock`); e-mails go through the outbox.
"""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.crypto import token_hash

from . import outbox, verification
from .models import Event, OutgoingEmail, SubjectRequest
from .services import request_lock


class VerificationRefused(Exception):
    """The code cannot be accepted; the message is for the resident."""


def request_verify(*, request: SubjectRequest, code: str, now=None) -> SubjectRequest:
    """Marks the e-mail address confirmed when `code` is the one we sent.

    Raises VerificationRefused otherwise, after the transaction has committed, so that a
    wrong try is counted (raising inside it would roll the count back)."""
    request, refusal = _verify(request=request, code=code, now=now or timezone.now())
    if refusal:
        raise VerificationRefused(refusal)
    return request


@transaction.atomic
def _verify(*, request, code, now):
    request = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if request.verified_at:
        return request, None
    if request.verification_attempts >= verification.MAX_ATTEMPTS:
        return request, _("Too many wrong codes. Ask for a new code below.")
    if request.verification_expires_at is None or now > request.verification_expires_at:
        return request, _("This code has expired. Ask for a new code below.")
    if not request.verification_hash or not verification.code_matches(
        code, request.verification_hash
    ):
        request.verification_attempts += 1
        request.save(update_fields=["verification_attempts"])
        left = verification.MAX_ATTEMPTS - request.verification_attempts
        if left <= 0:
            return request, _("Too many wrong codes. Ask for a new code below.")
        message = ngettext(
            "That is not the code we sent. You can try %(left)s more time.",
            "That is not the code we sent. You can try %(left)s more times.",
            left,
        )
        return request, message % {"left": left}
    request.verified_at = now
    request.verification_hash = ""
    request.save(update_fields=["verified_at", "verification_hash"])
    Event.objects.create(request=request, type=Event.Type.VERIFIED, at=now)
    return request, None


@transaction.atomic
def request_code_renew(*, request: SubjectRequest, now: datetime.datetime) -> bool:
    """E-mails a new confirmation code, valid for `verification.CODE_VALID`, with a new count of
    tries; the old code stops working. Also for a request staff registered by phone or at the
    counter with an e-mail address: once confirmed, its answer may be shown online too. Returns
    False, sending nothing, for a request already confirmed, closed or without an address.
    The caller limits how often (`ratelimit.PER_CODE_REQUEST`)."""
    locked = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if locked.verified_at or not locked.email or not locked.is_open:
        return False
    code = verification.new_code()
    locked.verification_hash = verification.hash_code(code)
    locked.verification_expires_at = now + verification.CODE_VALID
    locked.verification_attempts = 0
    locked.save(
        update_fields=["verification_hash", "verification_expires_at", "verification_attempts"]
    )
    Event.objects.create(request=locked, type=Event.Type.CODE_RENEWED, at=now)
    outbox.email_queue(request=locked, template=OutgoingEmail.Template.NEW_CODE, now=now, code=code)
    return True


def request_for_secret(secret: str, *, now: datetime.datetime) -> SubjectRequest | None:
    """The request behind a status link, or None: no such link, or one that expired
    (`verification.STATUS_LINK_KEPT` after closing)."""
    if not secret or len(secret) > 100:
        return None
    hashed = token_hash(secret)
    # The first link is on the request; later e-mails (letter notices) carry links of their own.
    found = (
        SubjectRequest.objects.filter(secret_hash=hashed).first()
        or SubjectRequest.objects.filter(status_links__secret_hash=hashed).first()
    )
    if found is None or found.link_expired(now=now):
        return None
    return found


@transaction.atomic
def request_link_renew(*, request: SubjectRequest, actor, now: datetime.datetime) -> str:
    """Staff revoke every status link of `request` (the first one and those in letter notices)
    and e-mail the resident a new one, e.g. when a link was forwarded or seen on a shared
    computer. Returns the new secret (only its hash is stored). The caller logs the access."""
    locked = request_lock(request, expected_version=None)
    if not locked.email:
        raise ValueError("A request without an e-mail address gets no link.")
    secret = secrets.token_urlsafe(32)
    locked.status_links.all().delete()
    locked.secret_hash = token_hash(secret)
    locked.version += 1
    locked.save(update_fields=["secret_hash", "version"])
    Event.objects.create(request=locked, type=Event.Type.LINK_RENEWED, at=now, actor=actor)
    outbox.email_queue(
        request=locked, template=OutgoingEmail.Template.NEW_LINK, now=now, secret=secret
    )
    return secret
