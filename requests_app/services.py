"""Writes on requests: submitting, withdrawing, and the e-mails they cause.

Each service runs in one transaction; e-mails go into the outbox (`OutgoingEmail`) in that
same transaction and are queued for a worker only after it commits, so a request is never
lost because the broker is down, and an e-mail never goes out for a request that was not stored.
"""

import hashlib
import logging
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import deadlines, verification
from .crypto import blind_index
from .models import Event, Kind, OutgoingEmail, Status, SubjectRequest

logger = logging.getLogger(__name__)

REFERENCE_PREFIX = {True: "KLACHT", False: "AVG"}


def hash_secret(secret: str) -> str:
    """The link secret has 256 random bits: a plain SHA-256 is enough to store it safely."""
    return hashlib.sha256(secret.encode()).hexdigest()


def due_date_for(*, kind, received_on):
    if kind == Kind.COMPLAINT:
        return deadlines.complaint_deadline(received=received_on)
    return deadlines.request_deadline(received=received_on)


@transaction.atomic
def request_submit(
    *,
    kind: str,
    domain: str,
    name: str,
    email: str,
    details: str = "",
    capacity: str = "",
    subject_name: str = "",
    language: str = "nl",
    submission_key: str | None = None,
    now=None,
) -> tuple[SubjectRequest, str]:
    """Stores a request or complaint with its deadline and queues the acknowledgement.

    Returns the request and the secret for the resident's link; only its hash is stored."""
    now = now or timezone.now()
    secret = secrets.token_urlsafe(32)
    code = verification.new_code()
    request = SubjectRequest(
        reference=f"tmp-{secrets.token_hex(6)}",
        verification_hash=verification.hash_code(code),
        submission_key=submission_key,
        verification_expires_at=now + verification.CODE_VALID,
        secret_hash=hash_secret(secret),
        kind=kind,
        domain=domain,
        language=language,
        received_at=now,
        due_date=due_date_for(kind=kind, received_on=timezone.localdate(now)),
        name=name,
        email=email,
        email_index=blind_index(email),
        details=details,
        capacity=capacity,
        subject_name=subject_name if capacity else "",
    )
    request.full_clean(exclude=["reference", "submission_key"])
    request.save()
    # The database id makes the reference unique without a counter to lock.
    prefix = REFERENCE_PREFIX[kind == Kind.COMPLAINT]
    request.reference = f"{prefix}-{now:%Y}-{request.pk:06d}"
    request.save(update_fields=["reference"])
    Event.objects.create(request=request, type=Event.Type.SUBMITTED, at=now)
    _email_queue(
        request=request,
        template=OutgoingEmail.Template.ACKNOWLEDGEMENT,
        now=now,
        secret=secret,
        code=code,
    )
    return request, secret


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
        return request, _("Too many wrong codes. Please contact the Data Protection Officer.")
    if request.verification_expires_at is None or now > request.verification_expires_at:
        return request, _("This code has expired. Please contact the Data Protection Officer.")
    if not verification.code_matches(code, request.verification_hash):
        request.verification_attempts += 1
        request.save(update_fields=["verification_attempts"])
        left = verification.MAX_ATTEMPTS - request.verification_attempts
        return request, _("That is not the code we sent. You can try %(left)s more time(s).") % {
            "left": left
        }
    request.verified_at = now
    request.verification_hash = ""
    request.save(update_fields=["verified_at", "verification_hash"])
    Event.objects.create(request=request, type=Event.Type.VERIFIED, at=now)
    return request, None


def requests_remove_unverified(*, now=None) -> int:
    """Removes requests whose e-mail address was never confirmed (see verification.py)."""
    now = now or timezone.now()
    deleted, _rows = SubjectRequest.objects.unverified_expired(now=now).delete()
    return deleted


@transaction.atomic
def request_withdraw(*, request: SubjectRequest, now=None) -> SubjectRequest:
    """The resident withdraws: the request closes, and they get a confirmation."""
    now = now or timezone.now()
    request = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        return request  # a double click withdraws once
    request.status = Status.WITHDRAWN
    request.withdrawn_at = request.closed_at = now
    request.save(update_fields=["status", "withdrawn_at", "closed_at"])
    Event.objects.create(request=request, type=Event.Type.WITHDRAWN, at=now)
    _email_queue(request=request, template=OutgoingEmail.Template.WITHDRAWAL, now=now)
    return request


def request_for_secret(secret: str) -> SubjectRequest | None:
    if not secret or len(secret) > 100:
        return None
    hashed = hash_secret(secret)
    # The first link is on the request; later e-mails (letter notices) carry links of their own.
    return (
        SubjectRequest.objects.filter(secret_hash=hashed).first()
        or SubjectRequest.objects.filter(status_links__secret_hash=hashed).first()
    )


def _email_queue(*, request, template, now, secret="", code=""):
    email = OutgoingEmail.objects.create(
        request=request,
        template=template,
        created_at=now,
        link_secret=secret,
        verification_code=code,
    )
    Event.objects.create(request=request, type=Event.Type.EMAIL_QUEUED, at=now, note=template)
    transaction.on_commit(lambda: email_dispatch(email_id=email.pk))


def email_dispatch(*, email_id: int) -> None:
    """Hands an outbox row to a worker. A broker that is down is not an error here: the row
    stays unsent and the periodic `emails_dispatch_pending` task queues it again."""
    from .tasks import send_outgoing_email

    try:
        send_outgoing_email.delay(email_id)
    except Exception as exc:  # kombu raises several types; all mean "not queued now"
        logger.warning(
            "e-mail %s not queued (%s); the outbox keeps it", email_id, type(exc).__name__
        )
