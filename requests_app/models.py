"""Data-subject requests and privacy complaints, and the e-mails sent about them.

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
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField, blind_index, normalise_name


class Kind(models.TextChoices):
    ACCESS = "access", _("Access to your data (GDPR art. 15)")
    RECTIFICATION = "rectification", _("Correcting your data (GDPR art. 16)")
    ERASURE = "erasure", _("Erasing your data (GDPR art. 17)")
    RESTRICTION = "restriction", _("Restricting the use of your data (GDPR art. 18)")
    PORTABILITY = "portability", _("Receiving your data to take elsewhere (GDPR art. 20)")
    OBJECTION = "objection", _("Objecting to the use of your data (GDPR art. 21)")
    COMPLAINT = "complaint", _("A privacy complaint (General Administrative Law Act, ch. 9)")


class Domain(models.TextChoices):
    DEBT = "debt", _("Early signs of debt")
    YOUTH = "youth", _("Access to youth assistance")
    OTHER = "other", _("Something else")


class Capacity(models.TextChoices):
    PARENT = "parent", _("Parent or custodian of a child under 16")
    LEGAL_REPRESENTATIVE = "legal_representative", _("Legal representative (curator, mentor)")
    BEWINDVOERDER = "bewindvoerder", _("Administrator of finances (bewindvoerder)")


class Channel(models.TextChoices):
    """How a request reached the municipality. Only the web form confirms an e-mail address;
    staff register the others with their real date of receipt."""

    WEB = "web", _("web form")
    LETTER = "letter", _("letter")
    PHONE = "phone", _("phone")
    COUNTER = "counter", _("at the counter")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    VERIFYING = "verifying", _("verifying identity")
    IN_PROGRESS = "in_progress", _("in progress")
    ON_HOLD = "on_hold", _("on hold")
    EXTENDED = "extended", _("extended")
    COMPLETED = "completed", _("completed")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")


CLOSED_STATUSES = (Status.COMPLETED, Status.REFUSED, Status.WITHDRAWN)


class RefusalGround(models.TextChoices):
    """The legal grounds on which a request may be refused, wholly or partly. A refusal
    letter names one and explains it; the resident may object (Awb 6:7) or complain to the
    Autoriteit Persoonsgegevens (GDPR art. 77)."""

    MANIFESTLY_UNFOUNDED = "gdpr_12_5", _("Manifestly unfounded or excessive (GDPR art. 12(5))")
    IDENTITY_NOT_ESTABLISHED = (
        "gdpr_12_6",
        _("Identity not established after asking for more (GDPR art. 12(6) with 12(2) and 11(2))"),
    )
    RIGHTS_OF_OTHERS = "gdpr_15_4", _("It would harm the rights of others (GDPR art. 15(4))")
    ERASURE_EXCEPTION = "gdpr_17_3", _("Erasure is not allowed here (GDPR art. 17(3))")
    RESTRICTED_BY_LAW = "gdpr_23", _("Restricted by law (GDPR art. 23)")
    UAVG_41 = "uavg_41", _("Exception of the Dutch GDPR Implementation Act (UAVG art. 41)")


class VerificationMethod(models.TextChoices):
    """How staff established who the resident is. Never by keeping a copy of an ID: the
    Autoriteit Persoonsgegevens warns against that."""

    DIGID = "digid", _("DigiD")
    COUNTER = "counter", _("At the counter, ID shown and not copied")
    PHONE_CALLBACK = "phone_callback", _("Phone call-back to a known number")
    KNOWN_EMAIL = "known_email", _("Known e-mail address")


class LetterType(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("acknowledgement of receipt")
    EXTENSION = "extension", _("extension notice")
    CLOCK_STOPPED = "clock_stopped", _("stop-the-clock notice")
    ANSWER = "answer", _("answer")
    REFUSAL = "refusal", _("refusal with reasons")


class SubjectRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def unverified_expired(self, *, now):
        """Requests whose e-mail address was never confirmed, past the period to do so."""
        from .verification import UNVERIFIED_KEPT

        return self.filter(
            channel=Channel.WEB,
            verified_at__isnull=True,
            status=Status.RECEIVED,
            received_at__lt=now - UNVERIFIED_KEPT,
        )

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
            Q(email_index=blind_index(term)) | Q(name_index=blind_index(normalise_name(term)))
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
    email_index = models.CharField(
        _("e-mail address (blind index)"), max_length=64, db_index=True, blank=True
    )
    details = EncryptedTextField(_("the request in the resident's words"), blank=True)
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
    reason = models.CharField(_("reason"), max_length=200)

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


class Transition(models.Model):
    """One step of a request through the workflow: append-only, with who, when and why."""

    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("request"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"))
    # Staff may write about the resident here: encrypted like the request itself.
    note = EncryptedTextField(_("note"), blank=True)
    refusal_ground = models.CharField(
        _("refusal ground"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    verification_method = models.CharField(
        _("identity verified by"), max_length=20, choices=VerificationMethod.choices, blank=True
    )
    # The letter this step calls for; letters.py issues it (see workflow.LETTER_FOR).
    letter_type = models.CharField(
        _("letter called for"), max_length=20, choices=LetterType.choices, blank=True
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self):
        return f"{self.request} {self.from_status} → {self.to_status}"


class Event(models.Model):
    """The request's timeline, append-only: what happened, when, and by whom."""

    class Type(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        EMAIL_QUEUED = "email_queued", _("e-mail queued")
        EMAIL_SENT = "email_sent", _("e-mail sent")
        WITHDRAWN = "withdrawn", _("withdrawn by the resident")
        VERIFIED = "verified", _("e-mail address confirmed")
        LETTER_ISSUED = "letter_issued", _("letter issued")
        FILE_ADDED = "file_added", _("file added to the answer")
        REGISTERED = "registered", _("registered by staff")
        ASSIGNED = "assigned", _("assigned")
        NOTE = "note", _("note")

    request = models.ForeignKey(
        SubjectRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    type = models.CharField(_("what"), max_length=20, choices=Type.choices)
    at = models.DateTimeField(_("when"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # A staff note may be about the resident: encrypted, unlike the plain `note` above.
    text = EncryptedTextField(_("staff note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.request} {self.type}"


class OutgoingEmail(models.Model):
    """The outbox: an e-mail is recorded in the same transaction as what caused it, and a
    worker sends it. If the broker is down, the row waits and `emails_dispatch_pending` queues
    it again; `sent_at` makes sending idempotent. Content is rendered when sent, from the
    request, so no copy of personal data sits here."""

    class Template(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", _("acknowledgement of receipt")
        WITHDRAWAL = "withdrawal", _("confirmation of withdrawal")
        LETTER_NOTICE = "letter_notice", _("notice that a letter is ready")

    request = models.ForeignKey(
        SubjectRequest, on_delete=models.CASCADE, related_name="emails", verbose_name=_("request")
    )
    template = models.CharField(_("template"), max_length=30, choices=Template.choices)
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The resident's link must be in the acknowledgement, but only its hash is kept on the
    # request: the secret waits here, encrypted, until the e-mail is sent, then is erased.
    link_secret = EncryptedTextField(_("link secret, until sent"), blank=True)
    verification_code = EncryptedTextField(_("confirmation code, until sent"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        return f"{self.request} {self.template}"


# Letters, answer files and extra status links live in their own module (issue 5, item 3).
from .letter_models import Letter, ResponseFile, StatusLink  # noqa: E402, F401
