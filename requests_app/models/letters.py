"""Letters to residents, files sent with an answer, and extra links to the status page.

A letter keeps the HTML it was issued with, encrypted, and its PDF is rendered from that HTML
on demand: an issued letter (for a decision: a besluit, UAVG art. 34) must read the same on
every download, whatever later happens to the templates or to the request, while no binary copy
lies in a file store. Answer files are kept encrypted in the database, never under MEDIA_ROOT:
no web server can serve them by path, a database backup holds them only encrypted, and they
go with the request when it is destroyed (cascade), so no orphan file outlives its retention.
"""

import json
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField

from .choices import LetterType
from .requests import SubjectRequest


class Letter(models.Model):
    """A letter issued to the resident, as issued: type, language, fields and rendered HTML."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        SubjectRequest, on_delete=models.CASCADE, related_name="letters", verbose_name=_("request")
    )
    type = models.CharField(_("type"), max_length=20, choices=LetterType.choices)
    language = models.CharField(_("language"), max_length=2)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    # JSON of the fields the letter was rendered with (they may hold personal data).
    fields = EncryptedTextField(_("fields used"), editable=False)
    html = EncryptedTextField(_("letter as issued (HTML)"), editable=False)
    # The second person who approved a decision before it was issued (four-eyes), if any.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    # A letter that goes by post, once staff printed it from the post tray.
    printed_at = models.DateTimeField(_("printed at"), null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("printed by"),
    )
    # A correction replaces an issued letter; both stay, so the history is kept.
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )

    class Meta:
        ordering = ["issued_at", "pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self):
        return f"{self.request} {self.type}"

    @property
    def field_values(self) -> dict:
        return json.loads(self.fields)


class LetterDraft(models.Model):
    """A letter being written: saved, previewed as its real PDF, and for a decision approved by
    a second person before it is issued (`letter_drafts`). The resident never sees a draft:
    issuing turns it into a `Letter`, which is what the status page shows."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
        ISSUED = "issued", _("issued")
        DISCARDED = "discarded", _("discarded")

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="letter_drafts",
        verbose_name=_("request"),
    )
    type = models.CharField(_("type"), max_length=20, choices=LetterType.choices)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    # JSON of the fields as written so far (they may hold personal data).
    fields = EncryptedTextField(_("fields"), default="{}")
    replaces = models.ForeignKey(
        Letter,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("last written by"),
    )
    written_at = models.DateTimeField(_("last written at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # Everyone who saved or submitted this letter: none of them may approve it (four-eyes), so
    # a colleague's click on "submit" does not make the writer an approver.
    contributors = models.JSONField(_("written or submitted by (user ids)"), default=list)
    # Why the approver sent it back: internal, may name the resident.
    returned_with = EncryptedTextField(_("returned with the remark"), blank=True)
    letter = models.OneToOneField(
        Letter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft",
        verbose_name=_("issued as"),
    )
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        ordering = ["written_at", "pk"]
        verbose_name = _("letter draft")
        verbose_name_plural = _("letter drafts")
        permissions = [("approve_letter", "Can approve a decision letter of someone else")]

    def __str__(self):
        return f"{self.request} {self.type} ({self.state})"

    @property
    def field_values(self) -> dict:
        return json.loads(self.fields or "{}")

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.AWAITING_APPROVAL)


class ResponseFileQuerySet(models.QuerySet):
    def available(self, *, now):
        return self.filter(expires_at__gt=now, purged_at__isnull=True)

    def expired(self, *, now):
        return self.filter(expires_at__lte=now, purged_at__isnull=True)


class ResponseFile(models.Model):
    """A file staff attach to an answer (an access request's copies, a portability export from
    another system). The resident downloads it through the status link until `expires_at`;
    after that its content is erased and only the row remains, so the page can say so."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="response_files",
        verbose_name=_("request"),
    )
    # A file name can hold personal data ("access Jan Jansen.pdf"): encrypted like the request.
    original_name = EncryptedTextField(_("file name"))
    content_type = models.CharField(_("type (from its content)"), max_length=50, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    content = models.BinaryField(_("content (encrypted)"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    expires_at = models.DateTimeField(_("downloadable until"))
    purged_at = models.DateTimeField(_("content erased at"), null=True, blank=True)

    objects = ResponseFileQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("answer file")
        verbose_name_plural = _("answer files")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("uploaded_at")),
                name="response_file_expires_after_upload",
            ),
        ]

    def __str__(self):
        return f"{self.request} {self.content_type}"

    def is_available(self, *, now) -> bool:
        return self.purged_at is None and now < self.expires_at


class StatusLink(models.Model):
    """Another personal link to a request's status page, sent in an e-mail notice. Only the
    request's first link is stored on it (hashed); the secret of the first e-mail is erased
    once sent, so a later e-mail needs a link of its own. Stored hashed like the first."""

    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="status_links",
        verbose_name=_("request"),
    )
    secret_hash = models.CharField(_("link secret (hashed)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status link")
        verbose_name_plural = _("status links")

    def __str__(self):
        return f"{self.request} link"
