"""A representative's authority to act for the person a request concerns, checked by staff
before the request is answered: what was seen, by whom, when. Never a copy of a document (the
Autoriteit Persoonsgegevens warns against keeping ID copies; GDPR art. 5(1)(c))."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField

from .requests import SubjectRequest


class AuthorityCheck(models.Model):
    class Evidence(models.TextChoices):
        CUSTODY_REGISTER = "custody_register", _("custody register (gezagsregister) consulted")
        BIRTH_CERTIFICATE = "birth_certificate", _("birth certificate shown, not copied")
        COURT_ORDER = (
            "court_order",
            _("court order shown, not copied (guardianship, mentorship, administration)"),
        )
        AUTHORISATION = "authorisation", _("signed authorisation shown, not copied")

    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="authority_checks",
        verbose_name=_("request"),
    )
    evidence = models.CharField(_("what was seen"), max_length=30, choices=Evidence.choices)
    # What identifies the document, e.g. the court and the date of the order: may name people.
    note = EncryptedTextField(_("details of what was seen"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = _("check of a representative's authority")
        verbose_name_plural = _("checks of representatives' authority")

    def __str__(self):
        return f"{self.request_id}: {self.evidence}"
