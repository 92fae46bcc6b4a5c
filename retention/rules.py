"""Which policy governs a record, and its destruction date: the one place that joins the
published retention rules (`statements.RetentionRule`) to the records.

`record_refresh_retention` runs on every save of a record that stores its dates
(`RetainedRecord`), so they can never lag behind their inputs (outcome, closing date, the dates
the clock counts from, a legal hold).
"""

from collections.abc import Callable
from datetime import date

from django.db import transaction
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


def policy_in_force(*, record_type: str, outcome: str, on: date):
    """(policy, published rule) for a record closed on `on`, or (None, None).

    The rule in force on the closing date; for a record closed before the first statement was
    in force, the rule in force today (the only published promise there is)."""
    from .models import RetentionPolicy

    policies = RetentionPolicy.objects.covering(record_type=record_type, outcome=outcome)
    if not policies:
        return None, None
    policy = policies[0]
    rule = published_rules(today=on).get(policy.code) or published_rules(
        today=max(on, timezone.localdate())
    ).get(policy.code)
    if rule is None:
        return None, None
    return policy, rule


def record_refresh_retention(case) -> None:
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
        policy, rule = policy_in_force(record_type=case.record_type, outcome=outcome, on=on)
        _copy(case, policy, rule)
        case.retention_copied_for = key
    brondatum = _start(case, case.retention_clock_start) if case.retention_policy_code else None
    if brondatum is None:  # no policy, or the date it counts from is unknown: keep, and list
        _unscheduled(case, RetentionStatus.UNCOVERED if case.is_closed else RetentionStatus.OPEN)
        return
    case.startdatum_bewaartermijn = brondatum
    case.archiefactiedatum = destruction_date(brondatum=brondatum, period=case.retention_period)
    if case.legal_hold_reason:
        case.retention_status = RetentionStatus.ON_HOLD
    elif case.retention_status != RetentionStatus.LISTED:
        case.retention_status = RetentionStatus.SCHEDULED


def records_follow_rules(*, today: date) -> dict[str, int]:
    """Brings the stored records in line with the rules in force on `today`:

    - `covered`: a closed record kept as uncovered that an active policy and a rule in force
      now cover gets them (a rule added later, a policy reactivated, an outcome added to a
      policy).

    Idempotent; each batch is locked, so a concurrent write (a closing through the API) is
    neither overwritten nor lost. Called by the nightly run, before it destroys anything."""
    from .models import RetentionPolicy

    counts = {"covered": 0}
    for spec in registry.stored():
        model = spec.model
        covered = {
            outcome
            for policy in RetentionPolicy.objects.active().filter(record_type=spec.record_type)
            for outcome in policy.outcomes
        }
        uncovered = model.objects.uncovered().filter(outcome__in=covered)
        counts["covered"] += _refresh(uncovered, _forget_copy)
    return counts


def _forget_copy(case) -> bool:
    case.retention_copied_for = ""
    return True


def _refresh(queryset, change: Callable[[RetainedRecord], bool]) -> int:
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
                    record_refresh_retention(case)
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
    """Published = enforced: every retention rule in force is enforced by an active policy,
    and every active policy enforces a rule in force. Empty when they agree."""
    from .models import RetentionPolicy

    rules = published_rules(today=today)
    policies = {policy.code: policy for policy in RetentionPolicy.objects.active()}
    problems = [
        f"The statements promise {rules[code].period} for “{code}”, but no policy enforces it."
        for code in sorted(set(rules) - set(policies))
    ]
    problems += [
        f"Policy “{code}” enforces a period that no statement in force publishes."
        for code in sorted(set(policies) - set(rules))
    ]
    return problems
