"""A request's history, append-only: its steps through the workflow and its timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField

from .choices import LetterType, RefusalGround, Status, VerificationMethod
from .requests import SubjectRequest


def _actor():
    """The staff user who did it; empty where the resident did (or the portal itself). A
    user who acted on a request cannot be deleted while its history is kept."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )


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
    # Empty: the resident, withdrawing through their link (services.request_withdraw).
    actor = _actor()
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
    # Why a request closed without its decision letter (workflow.LETTER_BEFORE), e.g. answered
    # in person at the counter; may name the resident.
    without_letter_reason = EncryptedTextField(_("closed without a letter because"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False) | Q(to_status="withdrawn"),
                name="transition_by_staff_unless_withdrawn",
            ),
        ]

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
        LINK_RENEWED = "link_renewed", _("links revoked, new link sent")
        CODE_RENEWED = "code_renewed", _("new confirmation code sent")
        AUTHORITY_CHECKED = "authority_checked", _("representative's authority checked")
        HOLD_PLACED = "hold_placed", _("legal hold placed")
        HOLD_LIFTED = "hold_lifted", _("legal hold lifted")
        LETTER_SUBMITTED = "letter_submitted", _("letter submitted for approval")
        LETTER_RETURNED = "letter_returned", _("letter returned for changes")
        BSN_CHECKED = "bsn_checked", _("BSN checked")

    request = models.ForeignKey(
        SubjectRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    type = models.CharField(_("what"), max_length=20, choices=Type.choices)
    at = models.DateTimeField(_("when"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    actor = _actor()
    # A staff note may be about the resident: encrypted, unlike the plain `note` above.
    text = EncryptedTextField(_("staff note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.request} {self.type}"
