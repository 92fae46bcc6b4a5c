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

from . import deadlines
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
    now=None,
) -> tuple[SubjectRequest, str]:
    """Stores a request or complaint with its deadline and queues the acknowledgement.

    Returns the request and the secret for the resident's link; only its hash is stored."""
    now = now or timezone.now()
    secret = secrets.token_urlsafe(32)
    request = SubjectRequest(
        reference=f"tmp-{secrets.token_hex(6)}",
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
    request.full_clean(exclude=["reference"])
    request.save()
    # The database id makes the reference unique without a counter to lock.
    prefix = REFERENCE_PREFIX[kind == Kind.COMPLAINT]
    request.reference = f"{prefix}-{now:%Y}-{request.pk:06d}"
    request.save(update_fields=["reference"])
    Event.objects.create(request=request, type=Event.Type.SUBMITTED, at=now)
    _email_queue(
        request=request, template=OutgoingEmail.Template.ACKNOWLEDGEMENT, now=now, secret=secret
    )
    return request, secret


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
    return SubjectRequest.objects.filter(secret_hash=hash_secret(secret)).first()


def _email_queue(*, request, template, now, secret=""):
    email = OutgoingEmail.objects.create(
        request=request, template=template, created_at=now, link_secret=secret
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
