"""What the handler decided about an access answer before it is approved and issued."""

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField
from requests_app.models import SubjectRequest


class AccessAnswer(models.Model):
    """The handler's preparation of the answer to an access request (GDPR art. 15): the
    domains searched (those the preparing handler may see) and the lines removed under art.
    15(4), each with its reason. The records themselves are never copied here: the answer is
    assembled from the sources when the answer letter is issued."""

    request = models.OneToOneField(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="access_answer",
        verbose_name=_("request"),
    )
    domains = models.JSONField(_("domains searched"), default=list)
    # JSON {line key: reason}; a line key is a record's key, or a record's key, "/" and a
    # line's. Encrypted: a reason may name the person whose rights it protects.
    removed_json = EncryptedTextField(_("removed under GDPR art. 15(4)"), blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    updated_at = models.DateTimeField(_("updated at"))
    attached_at = models.DateTimeField(_("attached to the answer at"), null=True, blank=True)

    class Meta:
        verbose_name = _("access answer")
        verbose_name_plural = _("access answers")

    def __str__(self):
        return str(self.request)

    @property
    def removed(self) -> dict:
        return json.loads(self.removed_json) if self.removed_json else {}

    @removed.setter
    def removed(self, value: dict) -> None:
        self.removed_json = json.dumps(value, sort_keys=True)
