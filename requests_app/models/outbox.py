"""The outbox of e-mails to residents (sent by `emails.email_send`, queued by `outbox.py`)."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField

from .requests import SubjectRequest

PENDING_GRACE = timedelta(minutes=2)
"""A row younger than this is still on its way to a worker: not pending yet."""
MAX_ATTEMPTS = 20
"""A row tried this many times is not queued again."""


class OutgoingEmailQuerySet(models.QuerySet):
    def pending(self, *, now):
        """Not sent, though it should have been by `now`: the broker was down when the row was
        made, or its task ran out of retries. Rows tried MAX_ATTEMPTS times are left alone."""
        return self.filter(
            sent_at__isnull=True, created_at__lt=now - PENDING_GRACE, attempts__lt=MAX_ATTEMPTS
        )


class OutgoingEmail(models.Model):
    """The outbox: an e-mail is recorded in the same transaction as what caused it, and a
    worker sends it. If the broker is down, the row waits and `emails_dispatch_pending` queues
    it again; `sent_at` makes sending idempotent. Content is rendered when sent, from the
    request, so no copy of personal data sits here."""

    class Template(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", _("acknowledgement of receipt")
        WITHDRAWAL = "withdrawal", _("confirmation of withdrawal")
        LETTER_NOTICE = "letter_notice", _("notice that a letter is ready")
        NEW_LINK = "new_link", _("a new personal link")
        NEW_CODE = "new_code", _("a new confirmation code")

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

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        return f"{self.request} {self.template}"
