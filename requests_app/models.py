"""Data-subject requests and privacy complaints, and the e-mails sent about them.

What a resident writes is encrypted at rest (`EncryptedTextField`); the e-mail address also has
a blind index so staff can find a request by it. Deadlines are computed by `deadlines.py` and
stored, so "overdue" is a plain filter. The public id (a UUID) and the hashed secret of the
resident's link are the only ways to a request from outside; the human reference reveals
nothing on its own.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .crypto import EncryptedTextField


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
    IDENTITY_NOT_ESTABLISHED = "gdpr_12_6", _("Identity could not be established (GDPR art. 12(6))")
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
            verified_at__isnull=True,
            status=Status.RECEIVED,
            received_at__lt=now - UNVERIFIED_KEPT,
        )

    def overdue(self, *, today):
        return self.open().filter(due_date__lt=today)


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
    email = EncryptedTextField(_("e-mail address"))
    email_index = models.CharField(_("e-mail address (blind index)"), max_length=64, db_index=True)
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
        ]

    def __str__(self):
        return self.reference

    @property
    def is_complaint(self):
        return self.kind == Kind.COMPLAINT

    @property
    def is_open(self):
        return self.status not in CLOSED_STATUSES


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

    request = models.ForeignKey(
        SubjectRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    type = models.CharField(_("what"), max_length=20, choices=Type.choices)
    at = models.DateTimeField(_("when"))
    note = models.CharField(_("note"), max_length=200, blank=True)

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
