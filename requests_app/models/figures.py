"""The report's figures of one month, stored once the month is over (`requests_app.reports`).

Counts only: no reference, no id, no date of one request, so the row outlives the requests it
counts (they are destroyed a year after closing) and the DPO's accountability report (GDPR
art. 5(2), art. 39) reads the same in any later year. `days_to_answer` is a histogram
({days: how many}) rather than a median, so the median of a year is exact too.
"""

import statistics

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthlyFigures(models.Model):
    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    # The instant the month ended (Europe/Amsterdam): a request closed before it is counted.
    ends_at = models.DateTimeField(_("month ended at"))
    stored_at = models.DateTimeField(_("stored at"), null=True, blank=True)
    received = models.PositiveIntegerField(_("received"), default=0)
    by_kind = models.JSONField(_("received per type"), default=dict, blank=True)
    by_domain = models.JSONField(_("received per domain"), default=dict, blank=True)
    completed = models.PositiveIntegerField(_("closed as completed"), default=0)
    refused = models.PositiveIntegerField(_("closed as refused"), default=0)
    withdrawn = models.PositiveIntegerField(_("withdrawn"), default=0)
    closed_by_kind = models.JSONField(
        _("closed per type and outcome"),
        default=dict,
        blank=True,
        help_text=_("How many were closed in the month, per type and outcome."),
    )
    on_time = models.PositiveIntegerField(_("answered on time"), default=0)
    days_to_answer = models.JSONField(
        _("days to answer"),
        default=dict,
        blank=True,
        help_text=_("How many answers took each number of days."),
    )
    extended = models.PositiveIntegerField(_("extensions told"), default=0)
    open = models.PositiveIntegerField(_("open at the end of the month"), default=0)
    overdue = models.PositiveIntegerField(_("overdue at the end of the month"), default=0)

    class Meta:
        ordering = ["month"]
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(on_time__lte=models.F("completed") + models.F("refused")),
                name="monthly_figures_on_time_within_answered",
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m}"

    @property
    def answered(self) -> int:
        """Closed with a decision: completed or refused (withdrawn is no answer)."""
        return self.completed + self.refused

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def on_time_percent(self):
        return round(100 * self.on_time / self.answered) if self.answered else None

    @property
    def median_days(self):
        return median_of(self.days_to_answer)

    @property
    def stored(self) -> bool:
        """False for a month still counted live (not over, or not yet stored)."""
        return self.stored_at is not None


def median_of(histogram: dict):
    """The median of a {days: count} histogram (keys are strings once stored as JSON)."""
    days = [int(value) for value, count in histogram.items() for _ in range(count)]
    return statistics.median(sorted(days)) if days else None
