"""The request or complaint itself, and the stretches during which its clock stood still.

What a resident writes is encrypted at rest (`EncryptedTextField`); the e-mail address also has
a blind index so staff can find a request by it. Deadlines are computed by `deadlines.py` and
stored, so "overdue" is a plain filter. The public id (a UUID) and the hashed secret of the
resident's link are the only ways to a request from outside; the human reference reveals
nothing on its own.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField, blind_indexes, normalise_name

from ..assurance import minimum_level
from ..verification import STATUS_LINK_KEPT, UNVERIFIED_KEPT
from .choices import (
    CLOSED_STATUSES,
    Capacity,
    Channel,
    Delivery,
    Domain,
    Kind,
    LegalHold,
    RefusalGround,
    Status,
    VerificationMethod,
)


class SubjectRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def unverified(self):
        """Web requests whose e-mail address was never confirmed and that staff never acted
        on: not assigned, noted, lettered, nor moved on from "received". Only these are
        removed after `UNVERIFIED_KEPT`; one filed with DigiD stays (the login proved who
        filed it), and so does one staff started on (review: a request assigned, noted and
        lettered vanished after 14 days). Nor one on legal hold, with a letter being written,
        or whose representative's authority staff checked."""
        from .events import Event  # events.py imports this module

        acted = [Event.Type.ASSIGNED, Event.Type.NOTE, Event.Type.LETTER_ISSUED]
        acted += [Event.Type.FILE_ADDED, Event.Type.AUTHORITY_CHECKED, Event.Type.HOLD_PLACED]
        acted += [Event.Type.LETTER_SUBMITTED, Event.Type.LETTER_RETURNED]
        return (
            self.filter(
                channel=Channel.WEB,
                bsn_index="",
                verified_at__isnull=True,
                status=Status.RECEIVED,
                assigned_to__isnull=True,
                legal_hold_reason="",
            )
            .exclude(events__type__in=acted)
            .exclude(letter_drafts__isnull=False)  # a letter being written is acting on it
        )

    def unverified_expired(self, *, now):
        """`unverified` requests past the period to confirm: received on a day whose two weeks
        have ended by `now`'s day (`verification.unverified_removed_on`)."""
        last_kept = timezone.localdate(now) - UNVERIFIED_KEPT
        cutoff = timezone.make_aware(datetime.datetime.combine(last_kept, datetime.time()))
        return self.unverified().filter(received_at__lt=cutoff)

    def running(self):
        """Open, with the clock running: a request on hold waits for the resident."""
        return self.open().exclude(status=Status.ON_HOLD)

    def overdue(self, *, today):
        return self.running().filter(due_date__lt=today)

    def due_within(self, *, today, days):
        """Running and due from today up to `days` days ahead (not yet overdue)."""
        return self.running().filter(
            due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days)
        )

    def search(self, term):
        """By reference (or part of it): the queue's search box, whose term ends up in the
        address bar and the web server's log, so it never takes a name or an address."""
        term = term.strip()
        return self.filter(reference__icontains=term) if term else self

    def find_person(self, term):
        """Exactly an e-mail address or a full name, through their blind indexes: the
        encrypted fields themselves cannot be searched. Asked by POST (admin.py)."""
        term = term.strip()
        if not term:
            return self.none()
        return self.filter(
            Q(email_index__in=blind_indexes(term))
            | Q(name_index__in=blind_indexes(normalise_name(term)))
        )


class SubjectRequest(models.Model):
    """A data-subject request or a privacy complaint (named so as not to clash with the
    HTTP request every view has)."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    secret_hash = models.CharField(_("link secret (hashed)"), max_length=64, editable=False)
    # One per filled-in form: a double-clicked or resent form files one request.
    # NULL, not "", where no form was used (staff registering a letter): unique ignores NULLs.
    submission_key = models.CharField(  # noqa: DJ001
        _("form submission key"), max_length=64, unique=True, null=True, editable=False
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    domain = models.CharField(_("concerns"), max_length=10, choices=Domain.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    language = models.CharField(_("language"), max_length=2, default="nl")
    received_at = models.DateTimeField(_("received at"))
    due_date = models.DateField(_("due date"))
    name = EncryptedTextField(_("name"))
    name_index = models.CharField(
        _("name (blind index)"), max_length=64, db_index=True, blank=True, editable=False
    )
    # A request by letter, phone or at the counter may come without an e-mail address.
    email = EncryptedTextField(_("e-mail address"), blank=True)
    # Street and number, postcode and town, one per line: where posted letters go.
    postal_address = EncryptedTextField(_("postal address"), blank=True)
    delivery = models.CharField(
        _("letters go"), max_length=10, choices=Delivery.choices, default=Delivery.EMAIL
    )
    email_index = models.CharField(
        _("e-mail address (blind index)"), max_length=64, db_index=True, blank=True
    )
    details = EncryptedTextField(_("the request in the resident's words"), blank=True)
    # Filed with DigiD (digid/): the BSN of the person it concerns, and, where a representative
    # filed it (DigiD Machtigen), the representative's own. Encrypted; found by blind index.
    bsn = EncryptedTextField(_("BSN of the person it concerns (DigiD)"), blank=True)
    bsn_index = models.CharField(
        _("BSN (blind index)"), max_length=64, db_index=True, blank=True, editable=False
    )
    representative_bsn = EncryptedTextField(_("BSN of the representative (DigiD)"), blank=True)
    representative_bsn_index = models.CharField(
        _("representative's BSN (blind index)"),
        max_length=64,
        db_index=True,
        blank=True,
        editable=False,
    )
    digid_level = models.PositiveSmallIntegerField(
        _("DigiD assurance level at filing"), null=True, blank=True, editable=False
    )
    capacity = models.CharField(
        _("acting for someone else as"), max_length=30, choices=Capacity.choices, blank=True
    )
    subject_name = EncryptedTextField(_("name of the person it concerns"), blank=True)
    verified_at = models.DateTimeField(_("e-mail address confirmed at"), null=True, blank=True)
    verification_hash = models.CharField(_("confirmation code (hashed)"), max_length=64, blank=True)
    verification_expires_at = models.DateTimeField(
        _("confirmation code valid until"), null=True, blank=True
    )
    verification_attempts = models.PositiveSmallIntegerField(_("confirmation attempts"), default=0)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # --- the back office (see workflow.py) ---
    channel = models.CharField(
        _("received by"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("handler"),
    )
    identity_method = models.CharField(
        _("identity verified by"), max_length=20, choices=VerificationMethod.choices, blank=True
    )
    identity_verified_at = models.DateTimeField(_("identity verified at"), null=True, blank=True)
    extended_on = models.DateField(_("extension told to the resident on"), null=True, blank=True)
    postponed_weeks = models.PositiveSmallIntegerField(
        _("complaint postponed by (weeks)"), default=0
    )
    refusal_ground = models.CharField(
        _("refusal ground"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    # While set, the retention run keeps the request whatever its closing date (retained.py).
    legal_hold_reason = models.CharField(
        _("legal hold"), max_length=20, choices=LegalHold.choices, blank=True, editable=False
    )
    legal_hold_since = models.DateField(
        _("legal hold since"), null=True, blank=True, editable=False
    )
    # Bumped by every back-office write: a form sent with an older version is refused, so two
    # staff editing at once never silently overwrite each other (workflow.py).
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    objects = SubjectRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "received_at"]
        verbose_name = _("request or complaint")
        verbose_name_plural = _("requests and complaints")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | Q(withdrawn_at__isnull=False),
                name="subject_request_withdrawn_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_ground=""),
                name="subject_request_refused_has_ground",
            ),
            models.CheckConstraint(
                condition=Q(legal_hold_reason="", legal_hold_since__isnull=True)
                | (~Q(legal_hold_reason="") & Q(legal_hold_since__isnull=False)),
                name="subject_request_legal_hold_has_reason_and_date",
            ),
        ]
        permissions = [
            ("view_personal_data", _("Can see the personal data in a request")),
            ("transition_subjectrequest", _("Can move a request through its workflow")),
            ("register_subjectrequest", _("Can register a request received on paper")),
            ("assign_subjectrequest", _("Can assign requests to handlers")),
            ("export_subjectrequest", _("Can export the queue (no personal data)")),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_complaint(self):
        return self.kind == Kind.COMPLAINT

    @property
    def is_open(self):
        return self.status not in CLOSED_STATUSES

    @property
    def identity_verified(self):
        return bool(self.identity_method)

    @property
    def by_post(self) -> bool:
        return self.delivery == Delivery.POST

    @property
    def email_confirmed(self):
        return self.verified_at is not None

    def answer_released(self, resident=None) -> bool:
        """Whether anything of the answer may be shown: letters, answer files, the portability
        export and the text the resident wrote. Only to the person who proved the mailbox is
        theirs, by typing the code we sent there (web, or a phone or counter registration that
        asked for a code), or to a DigiD session (`resident`, see `digid_released`);
        otherwise the answer goes by post. A request filed with DigiD is released only to
        DigiD at the level its type and domain need: the code sent to a typed address would
        let a typo, or a lower level, reach its answer."""
        # A BSN that staff entered after their own check (`subjects.services.
        # request_bsn_record`: no DigiD level, a staff method) leaves the code path open.
        staff_checked = self.digid_level is None and self.identity_method not in (
            "",
            VerificationMethod.DIGID,
        )
        if self.bsn_index and not staff_checked:
            return self.digid_released(resident)
        return self.email_confirmed or self.digid_released(resident)

    def digid_released(self, resident) -> bool:
        """A DigiD session (`request.resident`, set by digid's middleware) acting for the
        person this request concerns (the same BSN, through its blind index), at the level
        this type and domain need (`assurance.minimum_level`)."""
        if resident is None or not self.bsn_index:
            return False
        return self.bsn_index in resident.subject_indexes and resident.level >= minimum_level(
            kind=self.kind, domain=self.domain
        )

    def link_expires_at(self) -> datetime.datetime | None:
        """When links to this request stop working: STATUS_LINK_KEPT after it was closed."""
        return self.closed_at + STATUS_LINK_KEPT if self.closed_at else None

    def link_expired(self, *, now: datetime.datetime) -> bool:
        expires = self.link_expires_at()
        return expires is not None and now >= expires

    def days_left(self, *, today):
        return (self.due_date - today).days


class ClockStopPeriod(models.Model):
    """A stretch during which the clock of a GDPR request stood still (GDPR art. 12(6):
    waiting for the resident). Its days are added to the deadline by `deadlines.py`."""

    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="clock_stops",
        verbose_name=_("request"),
    )
    start = models.DateField(_("stopped on"))
    end = models.DateField(_("restarted on"), null=True, blank=True)
    # Copied from the transition's note, which may name the resident: encrypted like it.
    reason = EncryptedTextField(_("reason"))

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("clock stop")
        verbose_name_plural = _("clock stops")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="clock_stop_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.request} {self.start}"
