"""A later signal about a resident whose debt case is still open (a melding): it joins that
case instead of opening a second one, so the resident gets one team contact and one history.

The case (`DebtSignal`) keeps the first signal's fields; each later signal is a row here with
its own reporting party, arrears line, date and public id. That public id is what its party
reads the status of: the party sees the case's status through its own signal only, never the
first party's signal or another party's (`cases.api.views.signal_for`). The rows go with the
case when it is destroyed (they are derived rows of it, `retention.purge.records`).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField

from .base import ReportingOrganisation
from .debt import DebtSignal


class SignalReport(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    debt_signal = models.ForeignKey(
        DebtSignal,
        on_delete=models.CASCADE,
        related_name="joined_signals",
        verbose_name=_("case (early sign of debt)"),
    )
    reporting_organisation = models.ForeignKey(
        ReportingOrganisation,
        on_delete=models.PROTECT,
        related_name="joined_signals",
        verbose_name=_("reported by"),
    )
    signal_received_on = models.DateField(_("signal received on"))
    administration_number = EncryptedTextField(
        _("customer number at the reporting party"), blank=True
    )
    arrears_type = models.CharField(
        _("arrears for"), max_length=20, choices=DebtSignal.ArrearsType.choices
    )
    arrears_amount = models.DecimalField(
        _("amount in arrears (EUR)"), max_digits=10, decimal_places=2
    )
    arrears_since = models.DateField(_("in arrears since"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["signal_received_on", "pk"]
        verbose_name = _("joined signal")
        verbose_name_plural = _("joined signals")

    def __str__(self):
        return f"{_('joined signal')} {self.public_id}"
