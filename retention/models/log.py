"""The proof of destruction, without what was destroyed.

A `RetentionRun` is one nightly (or manual) run with its counts per policy; a
`DestructionLogEntry` is one destroyed or anonymised record, known only by a keyed,
non-reversible reference (`retention.services.record_reference`); a `DestructionList` is the
list the DPO approves before records of a policy that needs approval are destroyed.
None of these rows holds personal data.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField

from .policies import RetentionAction
from .retained import LegalHoldReason, RecordType


class RetentionRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped: another run was busy")

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    dry_run = models.BooleanField(_("dry run"), default=False)
    today = models.DateField(_("run for the date"))
    counts = models.JSONField(
        _("counts"),
        default=dict,
        blank=True,
        help_text=_("Records destroyed or anonymised per policy, and other removals."),
    )
    error = models.CharField(_("error"), max_length=200, blank=True)
    statement = models.FileField(
        _("destruction statement (PDF)"), upload_to="retention/statements/", blank=True
    )
    # What a run has done so far, written after each committed batch: the operations page
    # shows it while the run goes, and a run killed midway keeps what it had committed.
    progress_done = models.PositiveIntegerField(_("records done so far"), default=0)
    progress_total = models.PositiveIntegerField(_("records due at the start"), default=0)
    progress_at = models.DateTimeField(_("progress written at"), null=True, blank=True)
    reported_in = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports_for",
        verbose_name=_("destructions reported in"),
        help_text=_(
            "A run that ended without a destruction statement: the later run whose statement "
            "lists what it destroyed."
        ),
    )

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def destroyed_total(self):
        return sum(
            counts.get("destroyed", 0) + counts.get("anonymised", 0)
            for key, counts in self.counts.get("policies", {}).items()
        )


class DestructionList(models.Model):
    """Due records of a policy that needs approval (Archiefwet; Open Archiefbeheer's
    destruction list). Made by the run, approved by the DPO, destroyed by the next run."""

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
        APPROVED = "approved", _("approved: destroyed by the next run")
        REJECTED = "rejected", _("rejected: the records were postponed")
        DESTROYED = "destroyed", _("destroyed")

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    policy_code = models.CharField(_("policy"), max_length=60)
    record_type = models.CharField(_("record type"), max_length=20, choices=RecordType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_APPROVAL
    )
    created_at = models.DateTimeField(_("created at"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rejected by"),
    )
    # Free text staff type about records of residents: encrypted, whatever the help text asks.
    rejection_reason = EncryptedTextField(_("reason for rejecting"), blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)
    item_count = models.PositiveIntegerField(_("records"), default=0)
    statement = models.FileField(
        _("destruction statement (PDF)"), upload_to="retention/statements/", blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        permissions = [("approve_destructionlist", _("Can approve a destruction list (DPO)"))]
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")

    def __str__(self):
        return f"{self.policy_code} {timezone.localtime(self.created_at):%Y-%m-%d}"


class DestructionListItem(models.Model):
    """One record on a list, by its internal id: the item goes when the record goes."""

    destruction_list = models.ForeignKey(
        DestructionList,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("destruction list"),
    )

    class Status(models.TextChoices):
        LISTED = "listed", _("proposed for destruction")
        EXCLUDED = "excluded", _("excluded by the DPO")
        RETURNED = "returned", _("returned: the list was rejected")

    class Exclusion(models.TextChoices):
        POSTPONE = "postpone", _("postpone to a new destruction date")
        HOLD = "hold", _("place a legal hold")

    record_id = models.PositiveBigIntegerField(_("record id"))
    archiefactiedatum = models.DateField(_("destruction date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.LISTED
    )
    exclusion = models.CharField(
        _("exclusion"), max_length=20, choices=Exclusion.choices, blank=True
    )
    new_date = models.DateField(_("new destruction date"), null=True, blank=True)
    hold_reason = models.CharField(
        _("legal hold"), max_length=20, choices=LegalHoldReason.choices, blank=True
    )
    reason = EncryptedTextField(
        _("reason"),
        blank=True,
        help_text=_("Why the record is kept; no personal data."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("destruction list item")
        verbose_name_plural = _("destruction list items")
        constraints = [
            models.UniqueConstraint(
                fields=["destruction_list", "record_id"], name="destruction_list_item_unique"
            )
        ]

    def __str__(self):
        return f"{self.destruction_list} #{self.pk}"


class DestructionListEvent(models.Model):
    """Every step of a destruction list, by whom and when: made, an item excluded, approved,
    rejected, a reminder sent, the statement downloaded. No personal data: the item is named by
    its number on the list."""

    class Action(models.TextChoices):
        CREATED = "created", _("made by the retention run")
        EXCLUDED = "excluded", _("item excluded")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        REMINDED = "reminded", _("reminder sent to the DPO")
        DESTROYED = "destroyed", _("destroyed by the retention run")
        DOWNLOADED = "downloaded", _("destruction statement downloaded")

    destruction_list = models.ForeignKey(
        DestructionList,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("destruction list"),
    )
    at = models.DateTimeField(_("when"))
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("destruction list event")
        verbose_name_plural = _("destruction list events")

    def __str__(self):
        return f"{self.destruction_list} {self.action}"


class DestructionLogEntry(models.Model):
    """Records destroyed (or anonymised) together: one row per batch, policy and destruction
    date, so a million records cost a thousand rows, not a million. `references` holds a keyed
    hash of each record's public id (`retention.services.record_reference`), one per line: who
    holds a record's id can check that it was destroyed and when; nobody can go back from the
    log to the record or the person."""

    run = models.ForeignKey(
        RetentionRun, on_delete=models.PROTECT, related_name="entries", verbose_name=_("run")
    )
    destruction_list = models.ForeignKey(
        DestructionList,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("destruction list"),
    )
    record_type = models.CharField(_("record type"), max_length=20, choices=RecordType.choices)
    policy_code = models.CharField(_("policy"), max_length=60)
    action = models.CharField(_("action"), max_length=20, choices=RetentionAction.choices)
    retention_period = models.CharField(_("retention period"), max_length=20)
    archiefactiedatum = models.DateField(_("destruction date"))
    destroyed_on = models.DateField(_("destroyed on"))
    count = models.PositiveIntegerField(_("records"))
    derived_rows = models.PositiveIntegerField(_("derived rows removed"), default=0)
    references = models.TextField(_("references (keyed hashes), one per line"))
    # Filled for expiring records logged one by one (an unconfirmed request): what the record
    # was and the date its period counted from. Never personal data.
    category = models.CharField(_("category"), max_length=30, blank=True)
    started_on = models.DateField(_("period counted from"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("destruction log entry")
        verbose_name_plural = _("destruction log")

    def __str__(self):
        return f"{self.record_type} {self.policy_code} x{self.count}"


class RetentionStatistic(models.Model):
    """The statistical residue of anonymised records: counts only, per month the clock started,
    outcome and one coarse category (the reporting party's kind, or the youth product code).
    No row describes one person: it is a counter, added to by each run."""

    record_type = models.CharField(_("record type"), max_length=20, choices=RecordType.choices)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    outcome = models.CharField(_("outcome"), max_length=30)
    category = models.CharField(_("category"), max_length=30, blank=True)
    count = models.PositiveIntegerField(_("records"), default=0)

    class Meta:
        ordering = ["record_type", "-month", "outcome", "category"]
        verbose_name = _("retention statistic")
        verbose_name_plural = _("retention statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "month", "outcome", "category"],
                name="retention_statistic_unique",
            )
        ]

    def __str__(self):
        return f"{self.record_type} {self.month:%Y-%m} {self.outcome} {self.category}: {self.count}"
