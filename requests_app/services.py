"""Writes on requests: submitting, withdrawing, and the e-mails they cause.

Each service runs in one transaction; e-mails go into the outbox (`OutgoingEmail`) in that
same transaction and are queued for a worker only after it commits, so a request is never
lost because the broker is down, and an e-mail never goes out for a request that was not stored.
"""

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.crypto import blind_index, normalise_name, token_hash

from . import deadlines, outbox, roles, verification, workflow
from .identity import ProvenIdentity, identity_apply
from .models import (
    CLOSED_STATUSES,
    Channel,
    ClockStopPeriod,
    Delivery,
    Event,
    Kind,
    OutgoingEmail,
    Status,
    SubjectRequest,
    Transition,
    VerificationMethod,
)

REFERENCE_PREFIX = {True: "KLACHT", False: "AVG"}
# What fits the window of the envelope (45 mm high, 90 mm wide, at 10 pt).
ADDRESS_MAX_LINES, ADDRESS_MAX_WIDTH = 6, 50


def due_date_for(
    *,
    kind: str,
    received_on: datetime.date,
    extended: bool = False,
    postponed_weeks: int = 0,
    stops: tuple[deadlines.ClockStop, ...] = (),
    today: datetime.date | None = None,
) -> datetime.date:
    """A request's or complaint's deadline: at receipt from `kind` and `received_on` alone;
    after a workflow step also from its extension, postponement and clock stops as stored.
    All arithmetic is `deadlines.py`'s."""
    if kind == Kind.COMPLAINT:
        return deadlines.complaint_deadline(received=received_on, postponed_weeks=postponed_weeks)
    return deadlines.request_deadline(
        received=received_on, extended=extended, stops=stops, today=today
    )


def _clock_stops(request) -> tuple[deadlines.ClockStop, ...]:
    return tuple(
        deadlines.ClockStop(start=stop.start, end=stop.end, reason=stop.reason)
        for stop in request.clock_stops.all()
    )


@dataclass(frozen=True, kw_only=True)
class RequestFields:
    """What the resident tells us, whether they fill in the web form or staff type in a letter,
    a call or a visit: the `**fields` that `request_submit` and `request_register` take, each
    a keyword argument. A missing one without a default, or an unknown one, is a TypeError, as
    for any signature."""

    kind: str
    domain: str
    name: str
    email: str = ""
    postal_address: str = ""
    # "" : by e-mail when there is an address, else by post (`Delivery`).
    delivery: str = ""
    details: str = ""
    capacity: str = ""
    subject_name: str = ""
    language: str = "nl"


@transaction.atomic
def request_submit(
    *,
    submission_key: str | None = None,
    channel: str = Channel.WEB,
    registered_by=None,
    acknowledge: bool = True,
    now: datetime.datetime | None = None,
    proven: ProvenIdentity | None = None,
    **fields: str,
) -> tuple[SubjectRequest, str]:
    """Stores a request or complaint (`fields`: see `RequestFields`) with its deadline and
    queues the acknowledgement.

    Returns the request and the secret for the resident's link; only its hash is stored.
    From the web form the resident confirms their e-mail address with a code; a request staff
    register (`channel` letter, phone or counter, `now` its real receipt) needs no code and may
    have no e-mail address, in which case no e-mail is sent. With `acknowledge` False (too many
    acknowledgements to this address today, `ratelimit.PER_EMAIL`) the request is stored but no
    e-mail goes out, and the timeline says why; the resident's page is the same either way.
    `proven`: filed with DigiD, see identity.py."""
    given = RequestFields(**fields)
    delivery = _delivery(given, channel)
    now = now or timezone.now()
    secret = secrets.token_urlsafe(32)
    # A code to confirm the address whenever our letters go by e-mail: the status page shows
    # them only to whom typed it (a registered request by e-mail too, or it would never read
    # its letters).
    code = verification.new_code() if delivery == Delivery.EMAIL else ""
    request = SubjectRequest(
        reference=f"tmp-{secrets.token_hex(6)}",
        verification_hash=verification.hash_code(code) if code else "",
        submission_key=submission_key,
        verification_expires_at=now + verification.CODE_VALID if code else None,
        secret_hash=token_hash(secret),
        channel=channel,
        registered_by=registered_by,
        kind=given.kind,
        domain=given.domain,
        language=given.language,
        received_at=now,
        due_date=due_date_for(kind=given.kind, received_on=timezone.localdate(now)),
        name=given.name,
        name_index=blind_index(normalise_name(given.name)),
        email=given.email,
        email_index=blind_index(given.email) if given.email else "",
        postal_address=given.postal_address.strip(),
        delivery=delivery,
        details=given.details,
        capacity=given.capacity,
        subject_name=given.subject_name if given.capacity else "",
    )
    if proven is not None:
        identity_apply(request, proven, now=now)
    if channel == Channel.WEB and not given.email:
        raise ValueError("A request from the web form has an e-mail address.")
    request.full_clean(exclude=["reference", "submission_key", "registered_by"])
    request.save()
    # The database id makes the reference unique without a counter to lock.
    prefix = REFERENCE_PREFIX[given.kind == Kind.COMPLAINT]
    request.reference = f"{prefix}-{now:%Y}-{request.pk:06d}"
    request.save(update_fields=["reference"])
    Event.objects.create(request=request, type=Event.Type.SUBMITTED, at=now)
    if given.email and not acknowledge:
        Event.objects.create(
            request=request, type=Event.Type.NOTE, at=now, note="acknowledgement withheld: limit"
        )
    elif given.email:
        outbox.email_queue(
            request=request,
            template=OutgoingEmail.Template.ACKNOWLEDGEMENT,
            now=now,
            secret=secret,
            code=code,
        )
    return request, secret


def _delivery(given: RequestFields, channel: str) -> str:
    """Every request has a way for our letters to reach the resident: a web request by its
    e-mail address (confirmed with the code); a registered one by e-mail or by post, and by
    post only with an address to post to."""
    delivery = given.delivery or (Delivery.EMAIL if given.email else Delivery.POST)
    if channel == Channel.WEB and delivery != Delivery.EMAIL:
        raise ValueError("A request from the web form is answered through its e-mail address.")
    if delivery == Delivery.POST and not given.postal_address.strip():
        raise ValueError("Letters by post need a postal address.")
    lines = given.postal_address.strip().splitlines()
    if len(lines) > ADDRESS_MAX_LINES or any(len(line) > ADDRESS_MAX_WIDTH for line in lines):
        raise ValueError("A postal address fits the envelope's window: 6 lines of 50 characters.")
    if delivery == Delivery.EMAIL and not given.email:
        raise ValueError("Letters by e-mail need an e-mail address.")
    return delivery


@transaction.atomic
def request_register(
    *,
    actor,
    channel: str,
    received_on: datetime.date,
    now: datetime.datetime | None = None,
    **fields: Any,
) -> tuple[SubjectRequest, str]:
    """Staff register a request received by letter, phone or at the counter (`fields`: what
    the resident told us, see `RequestFields`), with its real date of receipt: the deadline
    runs from that date (GDPR art. 12(3), Awb 9:11), not from the day it was typed in. A date
    in the future is refused."""
    now = now or timezone.now()
    if channel == Channel.WEB:
        raise ValueError("Requests from the web form are filed by the resident.")
    if received_on > timezone.localdate(now):
        raise ValueError("The date of receipt cannot be in the future.")
    received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12)))
    received_at = min(received_at, now)
    request, secret = request_submit(
        channel=channel, registered_by=actor, now=received_at, **fields
    )
    Event.objects.create(
        request=request, type=Event.Type.REGISTERED, at=now, actor=actor, note=channel
    )
    return request, secret


@dataclass(frozen=True)
class TransitionResult:
    request: SubjectRequest
    transition: Transition
    # The letter this step calls for ("" for none). The step only names it: staff write and
    # issue it from the request's page (`letters.letter_issue`), as only they can fill it in.
    letter_type: str


class StaleVersion(workflow.TransitionRefused):
    """Someone else changed the request since the form was opened."""


def request_lock(request, expected_version):
    """The request, locked for this transaction; StaleVersion if someone changed it since
    `expected_version` (None: any version)."""
    locked = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(
            _("Someone else changed this request in the meantime. Reload it and try again.")
        )
    return locked


@transaction.atomic
def request_transition(
    *,
    request: SubjectRequest,
    to_status: str,
    actor,
    note: str = "",
    refusal_ground: str = "",
    verification_method: str = "",
    told_on: datetime.date | None = None,
    postponed_weeks: int = 0,
    expected_version: int | None = None,
    without_letter_reason: str = "",
    now=None,
) -> TransitionResult:
    """Moves a request along `workflow.TRANSITIONS`, recording actor, time and note. Every
    change of status goes through here; `actor` is None only for the resident withdrawing
    through their link (`request_withdraw`).

    The row is locked and its version checked, so two staff acting at once never lose an
    update. Stopping or restarting the clock, an extension or a postponement recompute and
    store the due date (`deadlines.py`). Raises `workflow.TransitionRefused` with a message
    for staff when the step is not allowed or lacks what it needs."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    request = request_lock(request, expected_version)
    letter_ground = _letter_ground(request) if to_status == Status.REFUSED else ""
    if letter_ground and refusal_ground and refusal_ground != letter_ground:
        raise workflow.TransitionRefused(
            _("The refusal letter gives another legal ground: correct the letter first.")
        )
    # The refusal letter issued before the step gives its ground.
    refusal_ground = refusal_ground or letter_ground
    if without_letter_reason.strip() and actor is not None and not roles.is_dpo(actor):
        raise workflow.TransitionRefused(
            _("Only the Data Protection Officer closes a request without its decision letter.")
        )
    if to_status == Status.WITHDRAWN and actor is not None and not note.strip():
        raise workflow.TransitionRefused(
            _("Say when and how the resident withdrew the request (a letter, a call).")
        )
    workflow.check_transition(
        request=request,
        to_status=to_status,
        today=today,
        note=note,
        refusal_ground=refusal_ground,
        verification_method=verification_method,
        told_on=told_on,
        postponed_weeks=postponed_weeks,
        stops=_clock_stops(request),
        letters_issued=frozenset(request.letters.values_list("type", flat=True)),
        without_letter_reason=without_letter_reason,
    )
    from_status = request.status
    fields = {"status", "version", "due_date"}
    if from_status == Status.ON_HOLD:
        request.clock_stops.filter(end__isnull=True).update(end=today)
    if to_status == Status.ON_HOLD:
        ClockStopPeriod.objects.create(request=request, start=today, reason=note.strip()[:200])
    if to_status == Status.EXTENDED:
        if request.is_complaint:
            request.postponed_weeks = postponed_weeks
            fields.add("postponed_weeks")
        request.extended_on = told_on
        fields.add("extended_on")
    if verification_method and request.identity_method != VerificationMethod.DIGID:
        # A step never replaces the identity DigiD proved.
        request.identity_method = verification_method
        request.identity_verified_at = now
        fields |= {"identity_method", "identity_verified_at"}
    if to_status == Status.REFUSED:
        request.refusal_ground = refusal_ground
        fields.add("refusal_ground")
    if to_status == Status.WITHDRAWN:
        request.withdrawn_at = now
        fields.add("withdrawn_at")
    if to_status in CLOSED_STATUSES:
        request.closed_at = now
        fields.add("closed_at")
    request.status = to_status
    request.version += 1
    request.due_date = due_date_for(
        kind=request.kind,
        received_on=timezone.localdate(request.received_at),
        extended=request.extended_on is not None,
        postponed_weeks=request.postponed_weeks,
        stops=_clock_stops(request),
        today=today,
    )
    request.full_clean(exclude=["reference", "submission_key"])
    request.save(update_fields=sorted(fields))
    transition = Transition(
        request=request,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        at=now,
        note=note.strip(),
        refusal_ground=refusal_ground if to_status == Status.REFUSED else "",
        verification_method=verification_method,
        letter_type=workflow.LETTER_FOR.get(to_status, ""),
        without_letter_reason=without_letter_reason.strip()
        if to_status in workflow.LETTER_BEFORE
        else "",
    )
    transition.full_clean()
    transition.save()
    return TransitionResult(
        request=request, transition=transition, letter_type=transition.letter_type
    )


def _letter_ground(request) -> str:
    letter = request.letters.filter(type="refusal").order_by("-issued_at", "-pk").first()
    return letter.field_values.get("ground", "") if letter else ""


def requests_assign(*, request_ids, handler, actor, now=None) -> int:
    """Assigns requests to `handler` (None: unassigns), with a timeline entry for each."""
    now = now or timezone.now()
    with transaction.atomic():
        requests = list(SubjectRequest.objects.select_for_update().filter(pk__in=request_ids))
        for request in requests:
            request.assigned_to = handler
            request.version += 1
        SubjectRequest.objects.bulk_update(requests, ["assigned_to", "version"])
        Event.objects.bulk_create(
            Event(
                request=request,
                type=Event.Type.ASSIGNED,
                at=now,
                actor=actor,
                note=handler.get_username() if handler else "",
            )
            for request in requests
        )
    return len(requests)


@transaction.atomic
def request_withdraw(*, request: SubjectRequest, now=None) -> SubjectRequest:
    """The resident withdraws through their link: a workflow step like any other, with the
    resident as actor (no staff user), and they get a confirmation. A request already closed
    stays as it is, so a double click withdraws once."""
    now = now or timezone.now()
    locked = request_lock(request, expected_version=None)
    if not locked.is_open:
        return locked
    withdrawn = request_transition(
        request=locked, to_status=Status.WITHDRAWN, actor=None, now=now
    ).request
    Event.objects.create(request=withdrawn, type=Event.Type.WITHDRAWN, at=now)
    outbox.email_queue(request=withdrawn, template=OutgoingEmail.Template.WITHDRAWAL, now=now)
    return withdrawn
