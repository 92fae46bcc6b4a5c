"""A request for youth assistance, from access to decision and the end of the assistance."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedDateField, EncryptedTextField, blind_index
from retention.models import RecordType

from ..validators import validate_ijw_product_code
from .base import CaseRecord, closing_constraints


class YouthCase(CaseRecord):
    """A request for youth assistance, from access to decision and the end of the assistance
    (Jeugdwet art. 2.3, 7.4.0)."""

    record_type = RecordType.YOUTH_CASE
    access_log_former_types = ("retention.youthcase",)

    class Outcome(models.TextChoices):
        ASSISTANCE_ENDED = "assistance_ended", _("assistance was given and has ended")
        ABORTED = "aborted", _("the request was aborted")
        INADMISSIBLE = "inadmissible", _("the request was declared inadmissible")
        REFUSED = "refused", _("assistance was refused")

    class Decision(models.TextChoices):
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")
        INADMISSIBLE = "inadmissible", _("inadmissible")

    class Referrer(models.TextChoices):
        GP = "gp", _("general practitioner")
        YOUTH_DOCTOR = "youth_doctor", _("youth doctor")
        MEDICAL_SPECIALIST = "medical_specialist", _("medical specialist")
        CERTIFIED_INSTITUTION = "certified_institution", _("certified institution")
        COURT = "court", _("court or public prosecutor")
        MUNICIPALITY = "municipality", _("municipal access team")
        SELF = "self", _("the family itself")

    request_received_on = models.DateField(_("request received on"))
    youth_name = EncryptedTextField(_("name of the young person"))
    youth_date_of_birth = EncryptedDateField(
        _("date of birth of the young person"), null=True, blank=True
    )
    representatives = EncryptedTextField(_("custodial parents or representatives"), blank=True)
    contact_details = EncryptedTextField(_("contact details"), blank=True)
    social_network = EncryptedTextField(_("social network"), blank=True)
    living_situation = EncryptedTextField(_("living situation"), blank=True)
    family_composition = EncryptedTextField(_("family composition"), blank=True)
    safety_risks = EncryptedTextField(_("safety (risk) data"), blank=True)
    development_notes = EncryptedTextField(_("development and upbringing"), blank=True)
    counselling_history = EncryptedTextField(_("counselling history"), blank=True)
    involved_professionals = EncryptedTextField(_("involved professionals"), blank=True)
    health_data = EncryptedTextField(
        _("health or diagnostic data"),
        blank=True,
        help_text=_("Only where needed for the assistance (GDPR art. 9; Jeugdwet art. 7.4.0)."),
    )
    assistance_requested = EncryptedTextField(_("assistance requested"), blank=True)
    assistance_delivered = EncryptedTextField(_("assistance delivered"), blank=True)
    product_code = models.CharField(
        _("product code"),
        max_length=20,
        blank=True,
        validators=[validate_ijw_product_code],
        help_text=_("iJW product code, for example 45A01."),
    )
    referrer = models.CharField(
        _("referred by"), max_length=30, choices=Referrer.choices, blank=True
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)
    objection = EncryptedTextField(_("objection (bezwaar)"), blank=True)
    end_reason = EncryptedTextField(_("end reason"), blank=True)

    class Meta:
        db_table = "retention_youthcase"  # the table it had in retention
        ordering = ["-request_received_on", "pk"]
        verbose_name = _("youth assistance case")
        verbose_name_plural = _("youth assistance cases")
        constraints = closing_constraints("youth_case")

    def __str__(self):
        return f"{_('youth assistance case')} {self.public_id}"

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors.update(exc.message_dict)
        received = self.request_received_on
        if self.decision_on and received and self.decision_on < received:
            errors.setdefault("decision_on", []).append(
                _("A decision cannot be dated before the request was received.")
            )
        if errors:
            raise ValidationError(errors)

    def clock_dates(self):
        return {
            "signal_received": self.request_received_on,
            "case_closed": self.closed_on,
            # An aborted or inadmissible request counts its 6 weeks from the closing that
            # aborts it or declares it inadmissible: that closing is the decision the
            # published rule means, so neither a decision recorded before it (a grant) nor
            # one posted after it moves the date (DOMAIN.md: "never earlier than closing + 6
            # weeks, whatever decisions came before").
            "decision_date": self.closed_on if self._ended_early() else self.decision_on,
        }

    def _ended_early(self):
        return self.outcome in (self.Outcome.ABORTED, self.Outcome.INADMISSIBLE)


class YouthRepresentative(models.Model):
    """A custodial parent or legal representative of the young person in a youth case, by
    BSN: so an access request by a parent finds the cases they are a party to (GDPR art. 15).
    The BSN is encrypted and found through its blind index; the row goes with its case (the
    retention engine deletes every row that points at a destroyed record)."""

    class Capacity(models.TextChoices):
        PARENT = "parent", _("custodial parent")
        GUARDIAN = "guardian", _("guardian or other legal representative")

    youth_case = models.ForeignKey(
        YouthCase,
        on_delete=models.CASCADE,
        related_name="representative_bsns",
        verbose_name=_("youth assistance case"),
    )
    capacity = models.CharField(_("capacity"), max_length=10, choices=Capacity.choices)
    bsn = EncryptedTextField(_("citizen service number (BSN)"))
    bsn_index = models.CharField(
        _("BSN (blind index)"), max_length=64, db_index=True, editable=False
    )

    class Meta:
        db_table = "cases_youthrepresentative"
        verbose_name = _("representative in a youth case")
        verbose_name_plural = _("representatives in youth cases")

    def __str__(self):
        return self.get_capacity_display()

    def save(self, *args, **kwargs):
        self.bsn_index = blind_index(self.bsn)
        super().save(*args, **kwargs)
