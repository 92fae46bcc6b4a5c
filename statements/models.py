"""Privacy statements: one per subject, with versions that are drafted, then published for good.

Texts are stored in both languages side by side (`*_nl`, `*_en`): a version is published in
Dutch and English at once, with one effective date. `localized()` picks the reader's language.
Retention rules are rows, not prose: the retention engine enforces the same rows the
statement publishes (linked by their stable `code`).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .periods import parse_period

PUBLISHED_IS_FINAL = _(
    "A published version cannot be changed: residents may have relied on it. "
    "Start a new draft from this version instead."
)


def _locked_published(version_pk):
    """Whether the version is published, holding its row lock until the transaction ends."""
    return (
        StatementVersion.objects.select_for_update()
        .filter(pk=version_pk, status=StatementVersion.Status.PUBLISHED)
        .exists()
    )


def localized(obj, field):
    """The reader's language if it has text, else Dutch (the authoritative text)."""
    language = (get_language() or "nl")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_nl")


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Statement(TimeStamped):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Stable; part of every URL."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("privacy statement")
        verbose_name_plural = _("privacy statements")

    def __str__(self):
        current = self.current_version()
        return current.title if current else self.slug

    def get_absolute_url(self):
        return reverse("statements:detail", kwargs={"slug": self.slug})

    def current_version(self, *, today=None):
        return self.versions.published().in_force(today=today).first()


class VersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=StatementVersion.Status.PUBLISHED)

    def in_force(self, *, today=None):
        """Published versions whose effective date has come, newest first."""
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.published().filter(effective_date__lte=today).order_by("-number")


class StatementVersion(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="versions", verbose_name=_("statement")
    )
    number = models.PositiveIntegerField(
        _("version"), null=True, blank=True, editable=False, help_text=_("Given on publishing.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    change_summary_nl = models.TextField(_("change summary (Dutch)"), blank=True)
    change_summary_en = models.TextField(_("change summary (English)"), blank=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    contact_nl = models.TextField(_("contact (Dutch)"), blank=True)
    contact_en = models.TextField(_("contact (English)"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["statement", "-number", "-created_at"]
        permissions = [("publish_statementversion", _("Can publish a statement version"))]
        verbose_name = _("statement version")
        verbose_name_plural = _("statement versions")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "number"], name="statement_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(
                    number__isnull=False,
                    effective_date__isnull=False,
                    published_at__isnull=False,
                ),
                name="statement_version_published_complete",
            ),
        ]

    def __str__(self):
        if self.is_published:
            return f"{self.title_nl} - {_('version')} {self.number}"
        return f"{self.title_nl} - {_('draft')}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            # Locked, so that a save racing a publish waits for it and then sees it.
            if self.pk and _locked_published(self.pk):
                raise ValidationError(PUBLISHED_IS_FINAL)
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "statements:version", kwargs={"slug": self.statement.slug, "number": self.number}
        )

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            if _locked_published(self.pk):
                raise ValidationError(PUBLISHED_IS_FINAL)
            return super().delete(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def title(self):
        return localized(self, "title")

    @property
    def intro(self):
        return localized(self, "intro")

    @property
    def contact(self):
        return localized(self, "contact")

    @property
    def change_summary(self):
        return localized(self, "change_summary")

    def previous(self):
        if not self.is_published:
            return None
        return (
            self.statement.versions.published()
            .filter(number__lt=self.number)
            .order_by("-number")
            .first()
        )


# The related rows that make up a version; copied into a new draft, frozen on publishing.
VERSION_PARTS = ("sections", "recipients", "legal_bases", "retention_rules")


class VersionPart(models.Model):
    """A row that belongs to one version and is frozen with it once published."""

    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self._refuse_if_published()
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            self._refuse_if_published()
            return super().delete(*args, **kwargs)

    def _refuse_if_published(self):
        if _locked_published(self.version_id):
            raise ValidationError(PUBLISHED_IS_FINAL)
        if self.pk:  # a row may not be moved out of a published version either
            stored = type(self).objects.filter(pk=self.pk).values_list("version_id", flat=True)
            if stored and stored[0] != self.version_id and _locked_published(stored[0]):
                raise ValidationError(PUBLISHED_IS_FINAL)


class Section(VersionPart):
    class Kind(models.TextChoices):
        WHY = "why", _("Why we collect personal data")
        DATA = "data", _("What personal data we use")
        USES = "uses", _("Why we use your data")
        RECIPIENTS = "recipients", _("With whom we share your data")
        TRANSFERS = "transfers", _("Transfers outside the EU/EEA")
        RETENTION = "retention", _("How long we keep personal data")
        LEGAL_BASIS = "legal_basis", _("Legal basis")
        TEXT = "text", _("Other text")

    version = models.ForeignKey(
        StatementVersion,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("version"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    heading_nl = models.CharField(_("heading (Dutch)"), max_length=200)
    heading_en = models.CharField(_("heading (English)"), max_length=200, blank=True)
    body_nl = models.TextField(
        _("text (Dutch)"),
        blank=True,
        help_text=_(
            "Paragraphs separated by a blank line; list items on lines starting with '- '."
        ),
    )
    body_en = models.TextField(_("text (English)"), blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.heading_nl

    @property
    def heading(self):
        return localized(self, "heading")

    @property
    def body(self):
        return localized(self, "body")


class Recipient(VersionPart):
    class Role(models.TextChoices):
        REPORTING_PARTY = "reporting_party", _("reporting party")
        PARTNER = "partner", _("partner")
        PROCESSOR = "processor", _("processor")

    version = models.ForeignKey(
        StatementVersion,
        on_delete=models.CASCADE,
        related_name="recipients",
        verbose_name=_("version"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self):
        return self.name_nl

    @property
    def name(self):
        return localized(self, "name")

    @property
    def description(self):
        return localized(self, "description")


class LegalBasis(VersionPart):
    version = models.ForeignKey(
        StatementVersion,
        on_delete=models.CASCADE,
        related_name="legal_bases",
        verbose_name=_("version"),
    )
    law_nl = models.CharField(_("law (Dutch)"), max_length=200)
    law_en = models.CharField(_("law (English)"), max_length=200, blank=True)
    article_nl = models.CharField(_("article (Dutch)"), max_length=200, blank=True)
    article_en = models.CharField(_("article (English)"), max_length=200, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self):
        return f"{self.law_nl} {self.article_nl}".strip()

    @property
    def law(self):
        return localized(self, "law")

    @property
    def article(self):
        return localized(self, "article")


RULE_CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class RetentionRule(VersionPart):
    """A published retention period; the retention engine enforces it by `code`."""

    class ClockStart(models.TextChoices):
        SIGNAL_RECEIVED = "signal_received", _("the date the signal came in")
        CASE_CLOSED = "case_closed", _("the date the case was closed")
        DECISION_DATE = "decision_date", _("the date of the decision")
        REQUEST_RECEIVED = "request_received", _("the date your request came in")
        FILE_AVAILABLE = "file_available", _("the date we made the file available")

    version = models.ForeignKey(
        StatementVersion,
        on_delete=models.CASCADE,
        related_name="retention_rules",
        verbose_name=_("version"),
    )
    code = models.SlugField(
        _("code"), max_length=60, help_text=_("Stable key that retention policies refer to.")
    )
    condition_nl = models.TextField(_("when it applies (Dutch)"))
    condition_en = models.TextField(_("when it applies (English)"), blank=True)
    period = models.CharField(
        _("period"), max_length=20, blank=True, help_text=_("ISO 8601, e.g. P6M, P6W or P20Y.")
    )
    clock_start = models.CharField(_("counted from"), max_length=20, choices=ClockStart.choices)
    legal_basis_nl = models.CharField(_("legal basis (Dutch)"), max_length=200, blank=True)
    legal_basis_en = models.CharField(_("legal basis (English)"), max_length=200, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="retention_rule_code_unique")
        ]

    def __str__(self):
        return f"{self.code} ({self.period})"

    def clean(self):
        if self.period:
            try:
                parse_period(self.period)
            except ValueError as exc:
                raise ValidationError({"period": str(exc)}) from exc

    @property
    def condition(self):
        return localized(self, "condition")

    @property
    def legal_basis(self):
        return localized(self, "legal_basis")


class PageStatistic(models.Model):
    """Anonymous visitor statistics, as the website statement promises: views and time spent
    per page per hour. No IP address, cookie or other identifier is ever stored or set."""

    path = models.CharField(_("page"), max_length=200)
    hour = models.DateTimeField(_("hour"))
    views = models.PositiveIntegerField(_("views"), default=0)
    timed_views = models.PositiveIntegerField(_("views with a measured duration"), default=0)
    seconds = models.PositiveBigIntegerField(_("seconds on the page, in total"), default=0)

    class Meta:
        ordering = ["-hour", "path"]
        verbose_name = _("page statistic")
        verbose_name_plural = _("visitor statistics")
        constraints = [
            models.UniqueConstraint(fields=["path", "hour"], name="page_statistic_unique")
        ]

    def __str__(self):
        return f"{self.path} {self.hour:%Y-%m-%d %H}:00"
