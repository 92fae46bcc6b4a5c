"""Rows derived from one case record (its history, its files): they go with the record."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .debt import DebtSignal
from .youth import YouthCase


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


class CaseHistory(DerivedRow):
    """The append-only history of a case: what changed, when, by whom. No field values."""

    at = models.DateTimeField(_("when"))
    action = models.CharField(_("what"), max_length=40)
    actor = models.CharField(_("by"), max_length=150, blank=True)

    class Meta:
        db_table = "retention_casehistory"  # the table it had in retention
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
        db_table = "retention_casedocument"  # the table it had in retention
        ordering = ["added_at", "pk"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        constraints = [_one_case("case_document")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.added_at:%Y-%m-%d}"
