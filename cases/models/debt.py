"""An early sign of debt and the attempts to reach the resident about it."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedDateField, EncryptedTextField
from retention.models import RecordType, RetentionStatus

from .base import CaseQuerySet, CaseRecord, ReportingOrganisation, closing_constraints

# "Arrears resolved" is a published condition, not only an outcome: the debt statement's rule
# `debt-arrears-resolved` applies when contact shows "within 28 days of the report coming in"
# that the arrears no longer exist (Vroegsignalering schulden, "How long do we keep personal
# data", after the municipal debt-assistance policy plan). Closed on day 28 still counts.
ARREARS_RESOLVED_WITHIN = timedelta(days=28)
# A signal nobody closes, without accepted help, goes under the rule `debt-signal-no-help`
# (6 months from the signal); the debt team sees it on its warning list 4 weeks before the
# destruction date (DOMAIN.md, retention rules: "warn the team 4 weeks before").
UNCLOSED_WARNING = timedelta(weeks=4)


class HelpAccepted(models.TextChoices):
    """What a reporting party learns about the resident, and nothing more: whether the resident
    is okay with the municipality helping (the debt statement, "with whom we share": "We tell
    them whether you are okay with us helping you")."""

    YES = "yes", _("yes")
    NO = "no", _("no")
    UNDECIDED = "undecided", _("not decided yet")


class DebtSignalQuerySet(CaseQuerySet):
    def unclosed_warned(self, *, today):
        """Signals nobody closed that the run destroys within `UNCLOSED_WARNING` of `today`
        (or that are due already): the debt team's warning list."""
        return self.filter(
            closed_on__isnull=True,
            retention_status=RetentionStatus.SCHEDULED,
            archiefactiedatum__lte=today + UNCLOSED_WARNING,
        )


class DebtSignal(CaseRecord):
    """An early sign of debt: a reporting party's signal of payment arrears, and what the
    municipality did with it (Wgs art. 8b-8d)."""

    record_type = RecordType.DEBT_SIGNAL
    access_log_former_types = ("retention.debtsignal",)

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
    latest_signal_on = models.DateField(
        _("latest signal received on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The latest signal that joined this case; retention counts from it."),
    )
    name = EncryptedTextField(_("name"))
    address = EncryptedTextField(_("address"), blank=True)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    gender = EncryptedTextField(_("gender"), choices=Gender.choices, blank=True)
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
    debt_relief_programme = EncryptedTextField(_("debt-relief programme"), blank=True)
    caregiver_reports = EncryptedTextField(_("reports from caregivers"), blank=True)
    objects = DebtSignalQuerySet.as_manager()

    class Meta:
        db_table = "retention_debtsignal"  # the table it had in retention
        ordering = ["-signal_received_on", "pk"]
        verbose_name = _("early sign of debt")
        verbose_name_plural = _("early signs of debt")
        constraints = closing_constraints("debt_signal")

    def __str__(self):
        return f"{_('early sign of debt')} {self.public_id}"

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if self.offer in CONTRADICTING_OFFERS.get(self.outcome, ()):
            message = _("The offer of help “%(offer)s” contradicts the outcome “%(outcome)s”.") % {
                "offer": self.Offer(self.offer).label,
                "outcome": self.Outcome(self.outcome).label,
            }
            for field in ("offer", "outcome"):
                errors.setdefault(field, []).append(message)
        last_day = self.arrears_resolved_until
        resolved = self.outcome == self.Outcome.ARREARS_RESOLVED
        if resolved and last_day and self.closed_on and self.closed_on > last_day:
            message = _(
                "The arrears count as resolved only within %(days)d days of the signal, "
                "until %(date)s; close the signal with another outcome."
            ) % {"days": ARREARS_RESOLVED_WITHIN.days, "date": last_day.isoformat()}
            for field in ("outcome", "closed_on"):
                errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)

    @property
    def arrears_resolved_until(self):
        """The last closing date at which the outcome "arrears resolved" may be recorded:
        28 days after the latest signal in the case."""
        if self.last_signal_on is None:
            return None
        return self.last_signal_on + ARREARS_RESOLVED_WITHIN

    @property
    def help_accepted(self) -> str:
        """Derived from the offer and the outcome, never stored: accepted help or debt relief
        is "yes"; a declined offer, or a case closed without accepted help, is "no"; an open
        case without an answer is "not decided yet"."""
        if self.offer == self.Offer.ACCEPTED or self.outcome == self.Outcome.DEBT_RELIEF:
            return HelpAccepted.YES
        if self.offer == self.Offer.DECLINED or self.is_closed:
            return HelpAccepted.NO
        return HelpAccepted.UNDECIDED

    @property
    def last_signal_on(self):
        """The day the latest signal in the case came in: the first one, or the latest that
        joined it (`SignalReport`). Retention counts from it (the debt statement's rule)."""
        if self.latest_signal_on and self.signal_received_on:
            return max(self.latest_signal_on, self.signal_received_on)
        return self.signal_received_on

    def clock_dates(self):
        return {
            "signal_received": self.last_signal_on,
            "case_closed": self.closed_on,
            "decision_date": None,  # a debt signal has no decision (besluit)
        }

    def retention_basis(self):
        """A signal nobody closed, on which no help was accepted, is governed as one whose
        resident did not respond: destroyed 6 months after the signal under the same
        published rule (DOMAIN.md), the debt team warned `UNCLOSED_WARNING` before. Accepted
        help keeps it until it is closed; closing it copies the policy again."""
        if self.is_closed or self.offer == self.Offer.ACCEPTED or not self.last_signal_on:
            return super().retention_basis()
        return self.Outcome.NO_RESPONSE, self.last_signal_on


# The offers of help each outcome contradicts: a resident who accepted help responded, asked for
# help and did not decline it; one who declined responded and entered no debt relief. "No offer
# made yet" (the default) contradicts nothing: a case system may close without recording it.
CONTRADICTING_OFFERS = {
    DebtSignal.Outcome.NO_RESPONSE: {DebtSignal.Offer.ACCEPTED, DebtSignal.Offer.DECLINED},
    DebtSignal.Outcome.NO_HELP_REQUEST: {DebtSignal.Offer.ACCEPTED},
    DebtSignal.Outcome.OFFER_DECLINED: {DebtSignal.Offer.ACCEPTED},
    DebtSignal.Outcome.DEBT_RELIEF: {DebtSignal.Offer.DECLINED},
}


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
        db_table = "retention_contactattempt"  # the table it had in retention
        ordering = ["attempted_on", "pk"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")

    def __str__(self):
        return f"{self.attempted_on} {self.get_channel_display()}"
