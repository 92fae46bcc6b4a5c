"""Records whose destruction date the run computes from their start event (requests and
complaints: a year after closing), rather than reading it from the record.

The period is the one in force on the record's closing, as for a stored record, unless the
rule in force tonight publishes a shorter one: a shorter period reaches records closed before
it, a longer one only records closed after it took effect (`rules` explains why).
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from statements.models import RetentionRule
from statements.periods import parse_period

from ..dates import destruction_date
from ..models import DestructionLogEntry, RetentionPolicy
from ..rules import RuleHistory, published_rules
from .records import LogGroup, access_log_redact, id_batches, log_entry, record_hashes
from .state import RunState


def policy_and_rule(state: RunState, spec):
    """The active policy of the record type and the published rule it enforces, or Nones."""
    policy = RetentionPolicy.objects.active().filter(record_type=spec.record_type).first()
    if policy is None:
        return None, None
    return policy, published_rules(today=state.today).get(policy.code)


class Rules:
    """The rule in force tonight and the one promised at each closing, read once per run."""

    def __init__(self, code: str, tonight, today):
        self.tonight, self.today = tonight, today
        self.history = RuleHistory(code)

    def destruction(self, spec, record):
        """(destruction date, period) of the earlier of: the period promised at the closing,
        and tonight's; None if the date the period counts from is unknown."""
        closed_on = spec.start_event(record, RetentionRule.ClockStart.CASE_CLOSED)
        promised = closed_on and self.history.promised(on=closed_on, today=self.today)
        dates = [
            (destruction_date(brondatum=start, period=rule.period), rule.period)
            for rule in (self.tonight, promised or self.tonight)
            if (start := spec.start_event(record, rule.clock_start)) is not None
        ]
        return min(dates, default=None)

    def periods(self):
        return {rule.period for rule in [self.tonight, *self.history.rules.values()]}


def _candidate_batches(state: RunState, spec, rules: Rules):
    """Closed records that may be due: a coarse filter on the start, with the shortest period
    any version gave (and a few days of slack for month ends), refined per record by `_due`."""
    latest_day = max(
        state.today - parse_period(period).relativedelta() for period in rules.periods()
    ) + timedelta(days=4)
    cutoff = latest_day
    if spec.model._meta.get_field(spec.start_field).get_internal_type() == "DateTimeField":
        cutoff = timezone.make_aware(datetime.combine(latest_day, datetime.min.time()))
    candidates = spec.model.objects.filter(spec.closed, **{f"{spec.start_field}__lt": cutoff})
    yield from id_batches(state, candidates)


def _due(state: RunState, spec, rules: Rules, ids, *, lock=False):
    """(pk, public id, destruction date, period) of the records of `ids` due today."""
    # Closed still, re-checked under the lock: a record reopened meanwhile is not due.
    queryset = spec.model.objects.filter(spec.closed, pk__in=ids).only(
        "pk", "public_id", spec.start_field
    )
    if lock:
        queryset = queryset.select_for_update(skip_locked=True)
    due = []
    for record in queryset:
        destruction = rules.destruction(spec, record)
        if destruction is not None and destruction[0] <= state.today:
            due.append((record.pk, record.public_id, *destruction))
    return due


def count_computed(state: RunState, spec) -> None:
    policy, rule = policy_and_rule(state, spec)
    if rule is not None:
        rules = Rules(policy.code, rule, state.today)
        state.policies[policy.code]["due"] += sum(
            len(_due(state, spec, rules, ids)) for ids in _candidate_batches(state, spec, rules)
        )


def purge_computed(state: RunState, spec) -> None:
    """Destroys the records past the published period, with their derived rows (Django's
    cascade), and writes their log lines; batch by batch, each in one transaction."""
    policy, rule = policy_and_rule(state, spec)
    if rule is None:
        state.other[f"{spec.record_type}_uncovered"] = 1  # no published period: keep, and tell
        return
    rules = Rules(policy.code, rule, state.today)
    for ids in _candidate_batches(state, spec, rules):
        tally = []
        with transaction.atomic():
            rows = _due(state, spec, rules, ids, lock=True)
            if not rows:
                continue
            by_date = defaultdict(list)
            for pk, public_id, archiefactiedatum, period in rows:
                by_date[(archiefactiedatum, period)].append((pk, public_id))
            entries = []
            hashes = record_hashes(spec, ((pk, public_id) for pk, public_id, *_rest in rows))
            for (archiefactiedatum, period), group in sorted(by_date.items()):
                deleted, _by_model = spec.model.objects.filter(
                    pk__in=[pk for pk, _public_id in group]
                ).delete()
                derived = deleted - len(group)
                entries.append(
                    log_entry(
                        state,
                        record_type=spec.record_type,
                        group=LogGroup(policy.code, policy.action, period, archiefactiedatum),
                        references=[hashes[pk] for pk, _public_id in group],
                        derived=derived,
                    )
                )
                tally += [(policy.code, "destroyed", len(group))]
                tally += [(policy.code, "derived_rows", derived)]
            DestructionLogEntry.objects.bulk_create(entries)
            access_log_redact(spec, hashes)
        state.count(tally)
        state.progress(f"{spec.record_type}: {len(rows)} destroyed")
