"""What the case records share, and the organisations that report them.

Two record types, with the data categories the statements publish: an early sign of debt
(vroegsignalering schulden, Wgs art. 3 and 8b-8d) and access to youth assistance (toegang
jeugdhulp, Jeugdwet art. 2.3 and 7.4.0). Direct identifiers, the BSN, special-category data
and free text that may hold health or safety details are encrypted at rest; the BSN also has a
blind index so staff can find a record by it. The retention engine governs them through
`retention.models.RetainedRecord`.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField, blind_index, blind_indexes
from retention.models import RetainedQuerySet, RetainedRecord

from ..validators import normalize_bsn, validate_bsn, validate_no_bsn


class ReportingOrganisation(models.Model):
    """A party that reports arrears (Wgs art. 8b: landlords, health insurers, energy and water
    companies) or a case system that records outcomes. API credentials hang off this row."""

    class Kind(models.TextChoices):
        LANDLORD = "landlord", _("landlord or housing corporation")
        HEALTH_INSURER = "health_insurer", _("health insurer")
        ENERGY_COMPANY = "energy_company", _("energy company")
        WATER_COMPANY = "water_company", _("water company")
        CASE_SYSTEM = "case_system", _("case system of the municipality")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        db_table = "retention_reportingorganisation"  # the table it had in retention
        ordering = ["name"]
        verbose_name = _("reporting organisation")
        verbose_name_plural = _("reporting organisations")

    def __str__(self):
        return self.name


class CaseQuerySet(RetainedQuerySet):
    def with_bsn(self, value):
        return self.filter(bsn_index__in=blind_indexes(normalize_bsn(value)))


class CaseRecord(RetainedRecord):
    """What both record types share: a public id, the case system's reference and the BSN;
    the closing, the legal hold and the retention fields come from `RetainedRecord`."""

    # The access log named these records by their former app (an append-only log keeps them).
    access_log_former_types: tuple[str, ...] = ()

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    # Encrypted: a case system's number links to one resident, and a name once got in. Nothing
    # looks a case up by it; nine digits in a row (a BSN) are refused.
    external_reference = EncryptedTextField(
        _("reference in the case system"),
        blank=True,
        validators=[validate_no_bsn],
        help_text=_("The case system's own number; never a BSN or a name."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    bsn = EncryptedTextField(_("citizen service number (BSN)"), blank=True)
    bsn_index = models.CharField(
        _("BSN (blind index)"), max_length=64, blank=True, db_index=True, editable=False
    )
    # GDPR art. 18: while set, the record is kept but not used or changed (the intake API
    # refuses changes other than holds; case workers see a banner).
    restricted_since = models.DateField(_("restricted since"), null=True, blank=True)
    objects = CaseQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.bsn_index = blind_index(self.bsn) if self.bsn else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "bsn_index"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.bsn:
            self.bsn = normalize_bsn(self.bsn)
            try:
                validate_bsn(self.bsn)
            except ValidationError as exc:
                errors["bsn"] = exc.messages
        try:
            super().clean()
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    @property
    def reference(self) -> str:
        """What the shared access log shows for this record: the public id, never a name."""
        return str(self.public_id)


def closing_constraints(prefix):
    return [
        models.CheckConstraint(
            condition=Q(outcome="", closed_on__isnull=True)
            | (~Q(outcome="") & Q(closed_on__isnull=False)),
            name=f"{prefix}_closed_has_outcome_and_date",
        ),
        models.CheckConstraint(
            condition=Q(legal_hold_reason="", legal_hold_since__isnull=True)
            | (~Q(legal_hold_reason="") & Q(legal_hold_since__isnull=False)),
            name=f"{prefix}_legal_hold_has_reason_and_date",
        ),
    ]
