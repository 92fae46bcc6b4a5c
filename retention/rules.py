"""Which policy governs a record, and its destruction date: the one place that joins the
published retention rules (`statements.RetentionRule`) to the records.

`record_refresh_retention` runs on every save of a record that stores its dates
(`RetainedRecord`), so they can never lag behind their inputs (outcome, closing date, the dates
the clock counts from, a legal hold).

Which version's period a record keeps: the rule in force on the day its retention started
(its closing) is copied onto it. A shorter period published later reaches it as soon as that
version is in force (`records_follow_rules`: when a version is published, and in every nightly
run); a longer one applies only to records closed after it took effect, because a promise made
at closing is never extended.
"""

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import registry
from .dates import destruction_date
from .models.retained import RetainedRecord, RetentionStatus

FOLLOW_BATCH_SIZE = 1000


def published_rules(*, today: date) -> dict:
    """Retention rules of the statement versions in force on `today`, by code."""
    from statements.models import RetentionRule, Statement

    versions = [
        version.pk
        for statement in Statement.objects.all()
        if (version := statement.current_version(today=today))
    ]
    return {
        rule.code: rule
        for rule in RetentionRule.objects.filter(version__in=versions)
        .exclude(period="")
        .select_related("version")
    }


class RuleHistory:
    """The published rule with one code on any day, from one read of the published versions
    (the choice `published_rules` makes, for many days at once)."""

    def __init__(self, code: str):
        from statements.models import RetentionRule, StatementVersion

        versions = list(
            StatementVersion.objects.published().values_list(
                "pk", "statement_id", "number", "effective_date"
            )
        )
        self.rules = {
            rule.version_id: rule
            for rule in RetentionRule.objects.filter(
                code=code, version__in=[version[0] for version in versions]
            ).exclude(period="")
        }
        self._by_statement = defaultdict(list)
        for pk, statement_id, number, effective_date in versions:
            self._by_statement[statement_id].append((number, effective_date, pk))
        self.first_day = min(
            (effective for pk, _s, _n, effective in versions if pk in self.rules), default=None
        )

    def on(self, day: date):
        """The rule in force on `day`, or None."""
        for statement_versions in self._by_statement.values():
            in_force = [
                (number, pk) for number, effective, pk in statement_versions if effective <= day
            ]
            if in_force and (rule := self.rules.get(max(in_force)[1])) is not None:
                return rule
        return None

    def promised(self, *, on: date, today: date):
        """The rule for a record closed on `on`: the one in force that day; for a record closed
        before the code was first published, the first rule (once in force by `today`), the
        only promise there was. Never a later, longer one."""
        rule = self.on(on)
        if rule is None and self.first_day is not None and on < self.first_day <= today:
            rule = self.on(self.first_day)
        return rule


def policy_in_force(*, record_type: str, outcome: str, on: date, today: date | None = None):
    """(policy, published rule) for a record closed on `on`, or (None, None): the active
    policy that covers the outcome, and the rule it enforces as promised at closing
    (`RuleHistory.promised`)."""
    from .models import RetentionPolicy

    policies = RetentionPolicy.objects.covering(record_type=record_type, outcome=outcome)
    if not policies:
        return None, None
    policy = policies[0]
    rule = RuleHistory(policy.code).promised(on=on, today=today or timezone.localdate())
    if rule is None:
        return None, None
    return policy, rule


def record_refresh_retention(case, *, today: date | None = None) -> None:
    """Copies the policy onto a record whose retention has started (once per outcome and
    day, `RetainedRecord.retention_basis`) and recomputes `startdatum_bewaartermijn`,
    `archiefactiedatum` and `retention_status`. The date the period counts from is the
    record's start event (its app's declaration in the registry). No save."""
    basis = case.retention_basis()
    if basis is None:
        _copy(case, None, None)
        case.retention_copied_for = ""
        _unscheduled(case, RetentionStatus.OPEN)
        return
    outcome, on = basis
    key = f"{outcome}@{on.isoformat()}"
    if case.retention_copied_for != key:
        today = today or timezone.localdate()
        policy, rule = policy_in_force(
            record_type=case.record_type, outcome=outcome, on=on, today=today
        )
        _copy(case, policy, rule)
        case.retention_copied_for = key
        if policy is not None:  # closed on a day before a shorter period took effect
            record_adopt_shorter_rule(case, published_rules(today=today).get(policy.code))
    brondatum = _start(case, case.retention_clock_start) if case.retention_policy_code else None
    if brondatum is None:  # no policy, or the date it counts from is unknown: keep, and list
        _unscheduled(case, RetentionStatus.UNCOVERED if case.is_closed else RetentionStatus.OPEN)
        return
    case.startdatum_bewaartermijn = brondatum
    case.archiefactiedatum = destruction_date(brondatum=brondatum, period=case.retention_period)
    postponed = case.retention_postponed_until
    if postponed is not None and postponed > case.archiefactiedatum:
        case.archiefactiedatum = postponed  # the DPO took it off a destruction list until then
    if case.legal_hold_reason or getattr(case, "restricted_since", None):
        # A restricted record (GDPR art. 18: kept, not used) is kept like one on legal hold.
        case.retention_status = RetentionStatus.ON_HOLD
    elif case.retention_status != RetentionStatus.LISTED:
        case.retention_status = RetentionStatus.SCHEDULED


def record_adopt_shorter_rule(case, rule) -> bool:
    """Gives the record the period (and start) of `rule`, a rule of its policy in force now,
    where that destroys it earlier than what it has; True if it did. Never later: a longer
    period reaches only records closed after it took effect. No save."""
    if rule is None or not case.retention_period:
        return False
    if (rule.period, rule.clock_start) == (case.retention_period, case.retention_clock_start):
        return False
    shorter = _destruction(case, rule.period, rule.clock_start)
    current = _destruction(case, case.retention_period, case.retention_clock_start)
    if shorter is None or (current is not None and shorter >= current):
        return False
    case.retention_period, case.retention_clock_start = rule.period, rule.clock_start
    return True


def records_follow_rules(*, today: date) -> dict[str, int]:
    """Brings the stored records in line with the rules in force on `today`:

    - `shortened`: a record whose policy's rule now publishes a shorter period gets it, and
      the earlier destruction date that follows (a longer one never reaches it);
    - `covered`: a closed record kept as uncovered that an active policy and a rule in force
      now cover gets them (a rule added later, a policy reactivated, an outcome added to a
      policy).

    Idempotent; each batch is locked, so a concurrent write (a closing through the API) is
    neither overwritten nor lost. Called when a version is published and by the nightly run,
    before it destroys anything."""
    from .models import RetentionPolicy

    rules = published_rules(today=today)
    counts = {"shortened": 0, "covered": 0}
    for spec in registry.stored():
        model: Any = spec.model  # a RetainedRecord: its manager is a RetainedQuerySet
        # One pass over the records for all rules (a query per rule read them all each time).
        differs = Q(pk__in=[])
        for code, rule in rules.items():
            differs |= Q(retention_policy_code=code) & ~Q(
                retention_period=rule.period, retention_clock_start=rule.clock_start
            )
        differing = model.objects.filter(
            differs, retention_status__in=(RetentionStatus.SCHEDULED, RetentionStatus.ON_HOLD)
        )
        counts["shortened"] += _refresh(differing, partial(_adopt_rule_of_code, rules), today)
        covered = {
            outcome
            for policy in RetentionPolicy.objects.active().filter(record_type=spec.record_type)
            for outcome in policy.outcomes
        }
        uncovered = model.objects.uncovered().filter(outcome__in=covered)
        counts["covered"] += _refresh(uncovered, _forget_copy, today)
    return counts


def _adopt_rule_of_code(rules, case) -> bool:
    return record_adopt_shorter_rule(case, rules[case.retention_policy_code])


def _forget_copy(case) -> bool:
    case.retention_copied_for = ""
    return True


def _refresh(queryset, change: Callable[[RetainedRecord], bool], today: date) -> int:
    """Applies `change` to the records of `queryset`, batch by batch under a row lock, and
    stores the retention fields of those whose status or destruction date it changed."""
    changed, last = 0, 0
    model = queryset.model
    while True:
        with transaction.atomic():
            batch = list(
                queryset.select_for_update()
                .filter(pk__gt=last)
                .order_by("pk")
                .defer(*_encrypted(model))[:FOLLOW_BATCH_SIZE]
            )
            if not batch:
                return changed
            last = batch[-1].pk
            updated = []
            for case in batch:
                before = (case.retention_status, case.archiefactiedatum)
                if change(case):
                    record_refresh_retention(case, today=today)
                    if (case.retention_status, case.archiefactiedatum) != before:
                        updated.append(case)
            # Only the retention fields: no decryption, no other field rewritten.
            model.objects.bulk_update(updated, RetainedRecord.RETENTION_FIELDS)
            changed += len(updated)


def _encrypted(model) -> list[str]:
    from core.crypto import EncryptedTextField

    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def _start(case, clock_start):
    spec = registry.record(case.record_type)
    return spec.start_event(case, clock_start) if spec else None


def _destruction(case, period, clock_start):
    start = _start(case, clock_start)
    return destruction_date(brondatum=start, period=period) if start else None


def _unscheduled(case, status) -> None:
    case.retention_status = status
    case.startdatum_bewaartermijn = case.archiefactiedatum = None


def _copy(case, policy, rule):
    case.retention_policy = policy
    case.retention_policy_code = policy.code if policy else ""
    case.retention_period = rule.period if rule else ""
    case.retention_clock_start = rule.clock_start if rule else ""
    case.retention_action = policy.action if policy else ""
    case.retention_needs_approval = policy.needs_approval if policy else False


def published_enforced_problems(*, today: date) -> list[str]:
    """Published = enforced: every retention rule in force is enforced, by an active policy
    or by a fixed period an app declares (`registry.enforced_periods`), with the very period
    it publishes; every active policy and every declared period enforces a rule in force.
    Empty when they agree."""
    from .models import RetentionPolicy

    rules = published_rules(today=today)
    policies = {policy.code: policy for policy in RetentionPolicy.objects.active()}
    enforced = registry.enforced_periods()
    problems = [
        f"The statements promise {rules[code].period} for “{code}”, but nothing enforces it."
        for code in sorted(set(rules) - set(policies) - set(enforced))
    ]
    problems += [
        f"Policy “{code}” enforces a period that no statement in force publishes."
        for code in sorted(set(policies) - set(rules))
    ]
    problems += [
        f"The portal enforces {enforced[code]} for “{code}”, but no statement in force "
        "publishes it."
        for code in sorted(set(enforced) - set(rules))
    ]
    problems += [
        f"The statements promise {rules[code].period} for “{code}”, but the portal enforces "
        f"{enforced[code]}."
        for code in sorted(set(enforced) & set(rules))
        if rules[code].period != enforced[code]
    ]
    return problems
