"""What the retention engine needs on a record whose destruction date is stored.

A model that inherits `RetainedRecord` (the case records) carries the closing, the legal hold
and the retention fields, with ZGW (Open Zaak) names: `startdatum_bewaartermijn` is the date the
clock starts (brondatum), `archiefactiedatum` the first day the record may be destroyed. Both
are stored and recomputed on every save (`retention.rules.record_refresh_retention`) from the
policy copied onto the record when it was closed, so "due" is a plain filter
(`RetainedQuerySet.due`). Subclasses define `record_type`, `Outcome` and `clock_dates()`.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordType(models.TextChoices):
    DEBT_SIGNAL = "debt_signal", _("early sign of debt")
    YOUTH_CASE = "youth_case", _("youth assistance case")
    SUBJECT_REQUEST = "subject_request", _("request or complaint")
    ACCESS_LOG = "access_log", _("access-log entry")


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
    ARCHIVAL = "archival", _("kept by the DPO: archival value or an exception to destruction")
    OTHER = "other", _("other, see the case file")


class RetainedQuerySet(models.QuerySet):
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


class RetainedRecord(models.Model):
    """The closing, the legal hold and the retention fields of a record the engine governs."""

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
    # Set by the DPO who takes a record off a destruction list with a new date: the record is
    # not destroyed before it, whatever the policy computes (`rules.record_refresh_retention`).
    retention_postponed_until = models.DateField(
        _("destruction postponed until"), null=True, blank=True, editable=False
    )
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

    objects = RetainedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from ..rules import record_refresh_retention  # rules reads policies: a cycle at import

        record_refresh_retention(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.RETENTION_FIELDS}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.outcome and self.outcome not in self.Outcome.values:
            errors["outcome"] = [_("Unknown outcome.")]
        if bool(self.outcome) != bool(self.closed_on):
            errors["closed_on"] = [_("A closed case has both an outcome and a closing date.")]
        if bool(self.legal_hold_reason) != bool(self.legal_hold_since):
            errors["legal_hold_since"] = [_("A legal hold has both a reason and a start date.")]
        if errors:
            raise ValidationError(errors)

    def clock_dates(self) -> dict:
        """The dates a retention period can be counted from, by `RetentionRule.ClockStart`."""
        raise NotImplementedError

    def retention_basis(self) -> tuple[str, date] | None:
        """(outcome, day) retention follows: the policy that covers the outcome, and the
        published rule in force on the day. A closed record: its outcome and closing date;
        an open one: None, retention has not started. A record type whose rules also govern
        records nobody closes (a debt signal) says so by overriding this."""
        if self.is_closed:
            return self.outcome, self.closed_on
        return None

    @property
    def is_closed(self):
        return bool(self.outcome and self.closed_on)
