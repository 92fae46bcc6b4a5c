"""Retention policies: which published retention rule applies to which closed record.

One source for every period. The period and the date it is counted from are published in the
privacy statements (`statements.RetentionRule`, frozen once a version is published); a policy
refers to a rule by its stable `code` and adds only what the statement does not say: which
record type and outcomes it covers, what happens at the end, and whether the DPO approves a
destruction list first. A policy without a rule in force is not enforced (the case stays and is
listed for the DPO); a rule in force without an active policy fails the agreement check
(`retention.rules.published_enforced_problems`, run by the tests).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import registry
from .retained import RecordType

# Record types that expire by age alone (no outcome): the outcome their policy names.
AGE_ONLY_OUTCOMES = {RecordType.ACCESS_LOG: ("logged",)}


class RetentionAction(models.TextChoices):
    DESTROY = "destroy", _("destroy")
    ANONYMISE = "anonymise", _("anonymise, keeping a statistical residue without personal data")


class PolicyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def covering(self, *, record_type, outcome):
        """Active policies whose outcomes include `outcome` for `record_type`; at most one by
        the validation in `RetentionPolicy.clean`, but callers take the first by code."""
        return [
            policy
            for policy in self.active().filter(record_type=record_type).order_by("code")
            if outcome in policy.outcomes
        ]


class RetentionPolicy(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("The code of the retention rule in the privacy statement that publishes it."),
    )
    record_type = models.CharField(_("record type"), max_length=20, choices=RecordType.choices)
    outcomes = models.JSONField(
        _("outcomes"),
        default=list,
        help_text=_("The outcomes of a closed record this policy applies to."),
    )
    action = models.CharField(
        _("action"), max_length=20, choices=RetentionAction.choices, default=RetentionAction.DESTROY
    )
    needs_approval = models.BooleanField(
        _("destruction needs the DPO's approval"),
        default=False,
        help_text=_(
            "If set, due records are put on a destruction list; they are destroyed by the "
            "first run after the DPO approves it."
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["record_type", "code"]
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")

    def __str__(self):
        return self.code

    def clean(self):
        spec = registry.record(self.record_type)
        known = spec.outcomes if spec else AGE_ONLY_OUTCOMES.get(self.record_type, ())
        if not isinstance(self.outcomes, list) or not self.outcomes:
            raise ValidationError({"outcomes": _("Name at least one outcome.")})
        unknown = [outcome for outcome in self.outcomes if outcome not in known]
        if unknown:
            raise ValidationError(
                {"outcomes": _("Unknown outcomes: %(list)s.") % {"list": ", ".join(unknown)}}
            )
        overlapping = [
            other.code
            for other in RetentionPolicy.objects.active()
            .filter(record_type=self.record_type)
            .exclude(pk=self.pk)
            if set(other.outcomes) & set(self.outcomes)
        ]
        if self.active and overlapping:
            raise ValidationError(
                {
                    "outcomes": _("These outcomes are already covered by: %(list)s.")
                    % {"list": ", ".join(overlapping)}
                }
            )
