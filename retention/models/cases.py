"""The case records the retention engine governs, and the organisations that report them.

Two record types, with the data categories the statements publish: an early sign of debt
(vroegsignalering schulden, Wgs art. 3 and 8b-8d) and access to youth assistance (toegang
jeugdhulp, Jeugdwet art. 2.3 and 7.4.0). Direct identifiers, the BSN, special-category data
and free text that may hold health or safety details are encrypted at rest; the BSN also has a
blind index so staff can find a record by it.

Retention fields follow ZGW (Open Zaak) names: `startdatum_bewaartermijn` is the date the clock
starts (brondatum), `archiefactiedatum` the first day the record may be destroyed. Both are
stored and recomputed on every save from the policy copied onto the record when it was closed,
so "due" is a plain filter (`CaseQuerySet.due`).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField, blind_index

from ..validators import normalize_bsn, validate_bsn


class RecordType(models.TextChoices):
    DEBT_SIGNAL = "debt_signal", _("early sign of debt")
    YOUTH_CASE = "youth_case", _("youth assistance case")
    SUBJECT_REQUEST = "subject_request", _("request or complaint")


class RetentionStatus(models.TextChoices):
    OPEN = "open", _("open: retention has not started")
    SCHEDULED = "scheduled", _("scheduled for destruction")
    ON_HOLD = "on_hold", _("on legal hold")
    UNCOVERED = "uncovered", _("closed, but no retention policy applies")
    LISTED = "listed", _("on a destruction list awaiting approval")


class LegalHoldReason(models.TextChoices):
    OBJECTION = "objection", _("objection (bezwaar) or appeal")
    COMPLAINT = "complaint", _("complaint")
    LITIGATION = "litigation", _("litigation")
    REQUEST = "request", _("data-subject request in progress")
    OTHER = "other", _("other, see the case file")


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
        ordering = ["name"]
        verbose_name = _("reporting organisation")
        verbose_name_plural = _("reporting organisations")

    def __str__(self):
        return self.name


class CaseQuerySet(models.QuerySet):
    def due(self, *, today):
        """Scheduled for destruction on or before `today` (an Europe/Amsterdam local date)."""
        return self.filter(retention_status=RetentionStatus.SCHEDULED, archiefactiedatum__lte=today)

    def due_between(self, *, start, end):
        return self.filter(
            retention_status__in=(RetentionStatus.SCHEDULED, RetentionStatus.LISTED),
            archiefactiedatum__gte=start,
            archiefactiedatum__lte=end,
        )

    def uncovered(self):
        return self.filter(retention_status=RetentionStatus.UNCOVERED)

    def on_hold(self):
        return self.filter(retention_status=RetentionStatus.ON_HOLD)

    def with_bsn(self, value):
        return self.filter(bsn_index=blind_index(normalize_bsn(value)))


class CaseRecord(models.Model):
    """What both record types share: a public id, the closing, the legal hold and the
    retention fields. Subclasses define `record_type`, `Outcome` and `clock_dates()`."""

    record_type: str
    RETENTION_FIELDS = (
        "retention_status",
        "retention_policy",
        "retention_policy_code",
        "retention_period",
        "retention_clock_start",
        "retention_action",
        "retention_needs_approval",
        "retention_copied_for",
        "startdatum_bewaartermijn",
        "archiefactiedatum",
    )

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    external_reference = models.CharField(
        _("reference in the case system"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("The case system's own number; never a BSN or a name."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    bsn = EncryptedTextField(_("citizen service number (BSN)"), blank=True)
    bsn_index = models.CharField(
        _("BSN (blind index)"), max_length=64, blank=True, db_index=True, editable=False
    )
    outcome = models.CharField(_("outcome"), max_length=30, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    legal_hold_reason = models.CharField(
        _("legal hold"),
        max_length=20,
        choices=LegalHoldReason.choices,
        blank=True,
        help_text=_("While set, the record is not destroyed, whatever its destruction date."),
    )
    legal_hold_since = models.DateField(_("legal hold since"), null=True, blank=True)
    # The policy in force at closing, copied: a later change of a policy never shortens or
    # extends the retention of a case closed before it (Open Zaak #2182, snapshot at closure).
    retention_status = models.CharField(
        _("retention status"),
        max_length=20,
        choices=RetentionStatus.choices,
        default=RetentionStatus.OPEN,
        editable=False,
        db_index=True,
    )
    retention_policy = models.ForeignKey(
        "retention.RetentionPolicy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("retention policy"),
    )
    retention_policy_code = models.CharField(
        _("retention policy code"), max_length=60, blank=True, editable=False
    )
    retention_period = models.CharField(
        _("retention period"), max_length=20, blank=True, editable=False
    )
    retention_clock_start = models.CharField(
        _("retention counted from"), max_length=20, blank=True, editable=False
    )
    retention_action = models.CharField(
        _("action at the end"), max_length=20, blank=True, editable=False
    )
    retention_needs_approval = models.BooleanField(
        _("destruction needs the DPO's approval"), default=False, editable=False
    )
    retention_copied_for = models.CharField(
        _("policy copied for"),
        max_length=60,
        blank=True,
        editable=False,
        help_text=_("The outcome and closing date the policy was copied for."),
    )
    startdatum_bewaartermijn = models.DateField(
        _("retention starts"), null=True, blank=True, editable=False
    )
    archiefactiedatum = models.DateField(
        _("destruction date"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "The first day the record may be destroyed: the day after the retention period ends."
        ),
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.bsn_index = blind_index(self.bsn) if self.bsn else ""
        from ..rules import case_refresh_retention

        case_refresh_retention(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "bsn_index", *self.RETENTION_FIELDS}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.bsn:
            self.bsn = normalize_bsn(self.bsn)
            try:
                validate_bsn(self.bsn)
            except ValidationError as exc:
                errors["bsn"] = exc.messages
        if self.outcome and self.outcome not in self.Outcome.values:
            errors["outcome"] = [_("Unknown outcome.")]
        if bool(self.outcome) != bool(self.closed_on):
            errors["closed_on"] = [_("A closed case has both an outcome and a closing date.")]
        if bool(self.legal_hold_reason) != bool(self.legal_hold_since):
            errors["legal_hold_since"] = [_("A legal hold has both a reason and a start date.")]
        if errors:
            raise ValidationError(errors)

    def clock_dates(self):
        """The dates a retention period can be counted from, by `RetentionRule.ClockStart`."""
        raise NotImplementedError

    @property
    def is_closed(self):
        return bool(self.outcome and self.closed_on)

    @property
    def reference(self) -> str:
        """What the shared access log shows for this record: the public id, never a name."""
        return str(self.public_id)


def _closing_constraints(prefix):
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


class DebtSignal(CaseRecord):
    """An early sign of debt: a reporting party's signal of payment arrears, and what the
    municipality did with it (Wgs art. 8b-8d)."""

    record_type = RecordType.DEBT_SIGNAL

    class Outcome(models.TextChoices):
        NO_RESPONSE = "no_response", _("the resident did not respond")
        NO_HELP_REQUEST = "no_help_request", _("the resident has no request for help")
        OFFER_DECLINED = "offer_declined", _("the resident declined the offer of help")
        ARREARS_RESOLVED = "arrears_resolved", _("the arrears no longer exist")
        DEBT_RELIEF = "debt_relief", _("the resident entered debt relief")

    class Gender(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        OTHER = "other", _("other or unknown")

    class ArrearsType(models.TextChoices):
        RENT = "rent", _("rent")
        HEALTH_INSURANCE = "health_insurance", _("health insurance premium")
        ENERGY = "energy", _("energy")
        WATER = "water", _("drinking water")

    class Offer(models.TextChoices):
        NOT_MADE = "not_made", _("no offer made yet")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    reporting_organisation = models.ForeignKey(
        ReportingOrganisation,
        on_delete=models.PROTECT,
        related_name="debt_signals",
        verbose_name=_("reported by"),
    )
    signal_received_on = models.DateField(_("signal received on"))
    name = EncryptedTextField(_("name"))
    address = EncryptedTextField(_("address"), blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    administration_number = EncryptedTextField(
        _("customer number at the reporting party"), blank=True
    )
    phone = EncryptedTextField(_("phone number"), blank=True)
    arrears_type = models.CharField(_("arrears for"), max_length=20, choices=ArrearsType.choices)
    arrears_amount = models.DecimalField(
        _("amount in arrears (EUR)"), max_digits=10, decimal_places=2
    )
    arrears_since = models.DateField(_("in arrears since"))
    offer = models.CharField(
        _("offer of help"), max_length=10, choices=Offer.choices, default=Offer.NOT_MADE
    )
    debt_relief_programme = models.CharField(_("debt-relief programme"), max_length=200, blank=True)
    caregiver_reports = EncryptedTextField(_("reports from caregivers"), blank=True)

    class Meta:
        ordering = ["-signal_received_on", "pk"]
        verbose_name = _("early sign of debt")
        verbose_name_plural = _("early signs of debt")
        constraints = _closing_constraints("debt_signal")

    def __str__(self):
        return f"{_('early sign of debt')} {self.public_id}"

    def clock_dates(self):
        return {
            "signal_received": self.signal_received_on,
            "case_closed": self.closed_on,
            "decision_date": None,  # a debt signal has no decision (besluit)
        }


class YouthCase(CaseRecord):
    """A request for youth assistance, from access to decision and the end of the assistance
    (Jeugdwet art. 2.3, 7.4.0)."""

    record_type = RecordType.YOUTH_CASE

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
    youth_date_of_birth = models.DateField(
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
    product_code = models.CharField(_("product code"), max_length=20, blank=True)
    referrer = models.CharField(
        _("referred by"), max_length=30, choices=Referrer.choices, blank=True
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)
    objection = EncryptedTextField(_("objection (bezwaar)"), blank=True)
    end_reason = EncryptedTextField(_("end reason"), blank=True)

    class Meta:
        ordering = ["-request_received_on", "pk"]
        verbose_name = _("youth assistance case")
        verbose_name_plural = _("youth assistance cases")
        constraints = _closing_constraints("youth_case")

    def __str__(self):
        return f"{_('youth assistance case')} {self.public_id}"

    def clock_dates(self):
        return {
            "signal_received": self.request_received_on,
            "case_closed": self.closed_on,
            # An aborted or inadmissible request has no decision on assistance: the
            # decision that ends it is its closing (DOMAIN.md: "the date of that decision").
            "decision_date": self.decision_on or (self.closed_on if self._ended_early() else None),
        }

    def _ended_early(self):
        return self.outcome in (self.Outcome.ABORTED, self.Outcome.INADMISSIBLE)


class DerivedRow(models.Model):
    """A row derived from one case record: removed in the same transaction as the record."""

    debt_signal = models.ForeignKey(
        DebtSignal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("early sign of debt"),
    )
    youth_case = models.ForeignKey(
        YouthCase,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("youth assistance case"),
    )

    class Meta:
        abstract = True


def _one_case(prefix):
    return models.CheckConstraint(
        condition=Q(debt_signal__isnull=False, youth_case__isnull=True)
        | Q(debt_signal__isnull=True, youth_case__isnull=False),
        name=f"{prefix}_belongs_to_one_case",
    )


class ContactAttempt(models.Model):
    """An attempt to reach the resident about a debt signal, and how it went."""

    class Channel(models.TextChoices):
        VISIT = "visit", _("home visit")
        PHONE = "phone", _("phone")
        LETTER = "letter", _("letter")
        EMAIL = "email", _("e-mail")

    class Result(models.TextChoices):
        REACHED = "reached", _("reached")
        NOT_REACHED = "not_reached", _("not reached")

    debt_signal = models.ForeignKey(
        DebtSignal,
        on_delete=models.CASCADE,
        related_name="contact_attempts",
        verbose_name=_("early sign of debt"),
    )
    attempted_on = models.DateField(_("attempted on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["attempted_on", "pk"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")

    def __str__(self):
        return f"{self.attempted_on} {self.get_channel_display()}"


class CaseHistory(DerivedRow):
    """The append-only history of a case: what changed, when, by whom. No field values."""

    at = models.DateTimeField(_("when"))
    action = models.CharField(_("what"), max_length=40)
    actor = models.CharField(_("by"), max_length=150, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case history entry")
        verbose_name_plural = _("case history")
        constraints = [_one_case("case_history")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.action}"


class CaseDocument(DerivedRow):
    """A file or a copy of an e-mail kept with a case: its file is removed with the case."""

    class Kind(models.TextChoices):
        FILE = "file", _("file")
        EMAIL = "email", _("copy of an e-mail")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="cases/%Y/%m/")
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        constraints = [_one_case("case_document")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.added_at:%Y-%m-%d}"
