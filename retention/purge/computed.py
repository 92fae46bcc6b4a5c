"""Records whose destruction date the run computes from their start event (requests and
complaints: a year after closing), rather than reading it from the record."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from statements.periods import parse_period

from ..dates import destruction_date
from ..models import DestructionLogEntry, RetentionPolicy
from ..rules import published_rules
from .records import LogGroup, id_batches, log_entry
from .state import RunState


def policy_and_rule(state: RunState, spec):
    """The active policy of the record type and the published rule it enforces, or Nones."""
    policy = RetentionPolicy.objects.active().filter(record_type=spec.record_type).first()
    if policy is None:
        return None, None
    return policy, published_rules(today=state.today).get(policy.code)


def _candidate_batches(state: RunState, spec, rule):
    """Closed records that may be due: a coarse filter on the start (a few days of slack for
    month ends), refined per record by `_due`."""
    latest_day = state.today - parse_period(rule.period).relativedelta() + timedelta(days=4)
    cutoff = latest_day
    if spec.model._meta.get_field(spec.start_field).get_internal_type() == "DateTimeField":
        cutoff = timezone.make_aware(datetime.combine(latest_day, datetime.min.time()))
    candidates = spec.model.objects.filter(spec.closed, **{f"{spec.start_field}__lt": cutoff})
    yield from id_batches(state, candidates)


def _due(state: RunState, spec, rule, ids, *, lock=False):
    """(pk, public id, destruction date) of the records of `ids` that are due today."""
    queryset = spec.model.objects.filter(pk__in=ids).only("pk", "public_id", spec.start_field)
    if lock:
        queryset = queryset.select_for_update(skip_locked=True)
    due = []
    for record in queryset:
        start = spec.start_event(record, rule.clock_start)
        if start is None:
            continue
        archiefactiedatum = destruction_date(brondatum=start, period=rule.period)
        if archiefactiedatum <= state.today:
            due.append((record.pk, record.public_id, archiefactiedatum))
    return due


def count_computed(state: RunState, spec) -> None:
    policy, rule = policy_and_rule(state, spec)
    if rule is not None:
        state.policies[policy.code]["due"] += sum(
            len(_due(state, spec, rule, ids)) for ids in _candidate_batches(state, spec, rule)
        )


def purge_computed(state: RunState, spec) -> None:
    """Destroys the records past the published period, with their derived rows (Django's
    cascade), and writes their log lines; batch by batch, each in one transaction."""
    policy, rule = policy_and_rule(state, spec)
    if rule is None:
        state.other[f"{spec.record_type}_uncovered"] = 1  # no published period: keep, and tell
        return
    for ids in _candidate_batches(state, spec, rule):
        tally = []
        with transaction.atomic():
            rows = _due(state, spec, rule, ids, lock=True)
            if not rows:
                continue
            by_date = defaultdict(list)
            for pk, public_id, archiefactiedatum in rows:
                by_date[archiefactiedatum].append((pk, public_id))
            entries = []
            for archiefactiedatum, group in sorted(by_date.items()):
                deleted, _by_model = spec.model.objects.filter(
                    pk__in=[pk for pk, _public_id in group]
                ).delete()
                derived = deleted - len(group)
                entries.append(
                    log_entry(
                        state,
                        record_type=spec.record_type,
                        group=LogGroup(policy.code, policy.action, rule.period, archiefactiedatum),
                        public_ids=[public_id for _pk, public_id in group],
                        derived=derived,
                    )
                )
                tally += [(policy.code, "destroyed", len(group))]
                tally += [(policy.code, "derived_rows", derived)]
            DestructionLogEntry.objects.bulk_create(entries)
        state.count(tally)
        state.progress(f"{spec.record_type}: {len(rows)} destroyed")
