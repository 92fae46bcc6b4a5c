"""Destruction lists: due records of a policy that needs approval wait for the DPO, and are
destroyed by the first run after the DPO approves (Archiefwet art. 3; the municipality's
destruction procedure)."""

import logging
from collections import defaultdict
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .. import registry
from ..destruction_lists import Action, list_event
from ..destruction_statement import statement_attach
from ..models import DestructionList, DestructionListItem, RetentionStatus
from .records import destroy_batch, id_batches
from .state import RunState

logger = logging.getLogger(__name__)


def list_for_approval(state: RunState, spec) -> None:
    """Due records of a policy that needs approval go on a destruction list (one per policy
    per run) and wait there for the DPO."""
    model = spec.model
    due = model.objects.due(today=state.today).filter(retention_needs_approval=True)
    lists = {}
    for ids in id_batches(state, due):
        tally = []
        with transaction.atomic():
            rows = list(
                model.objects.select_for_update(skip_locked=True)
                .filter(
                    pk__in=ids,
                    retention_status=RetentionStatus.SCHEDULED,
                    archiefactiedatum__lte=state.today,
                )
                .values_list("pk", "retention_policy_code", "archiefactiedatum", named=True)
            )
            by_policy = defaultdict(list)
            for row in rows:
                by_policy[row.retention_policy_code].append(row)
            for code, group in by_policy.items():
                if code not in lists:
                    lists[code] = DestructionList.objects.create(
                        policy_code=code, record_type=spec.record_type, created_at=state.now
                    )
                    list_event(lists[code], Action.CREATED, now=state.now)
                destruction_list = lists[code]
                DestructionListItem.objects.bulk_create(
                    DestructionListItem(
                        destruction_list=destruction_list,
                        record_id=row.pk,
                        archiefactiedatum=row.archiefactiedatum,
                    )
                    for row in group
                )
                model.objects.filter(pk__in=[row.pk for row in group]).update(
                    retention_status=RetentionStatus.LISTED
                )
                destruction_list.item_count += len(group)
                destruction_list.save(update_fields=["item_count"])
                tally.append((code, "listed", len(group)))
        state.count(tally)
        state.progress(f"{spec.record_type}: {len(rows)} put on a destruction list")


def destroy_approved_lists(state: RunState) -> None:
    for destruction_list in DestructionList.objects.filter(
        status=DestructionList.Status.APPROVED
    ).order_by("pk"):
        spec = registry.record(destruction_list.record_type)
        if spec is None:  # its app no longer declares the type: keep the list, and say so
            logger.error("destruction list %s: record type not declared", destruction_list.pk)
            continue
        listed = destruction_list.items.filter(status=DestructionListItem.Status.LISTED)
        for item_ids in id_batches(state, listed):
            record_ids = list(
                DestructionListItem.objects.filter(pk__in=item_ids).values_list(
                    "record_id", flat=True
                )
            )
            destroyed, _last = destroy_batch(
                state,
                spec,
                record_ids,
                status=RetentionStatus.LISTED,
                destruction_list=destruction_list,
            )
            _release_not_destroyed(destruction_list, spec.model, record_ids, today=state.today)
            state.progress(f"{destruction_list}: {destroyed} destroyed")
        with transaction.atomic():
            if listed.exists():
                continue  # held by a concurrent run; the run that finishes it closes it
            destruction_list.status = DestructionList.Status.DESTROYED
            destruction_list.destroyed_at = state.now
            destruction_list.save(update_fields=["status", "destroyed_at"])
            list_event(destruction_list, Action.DESTROYED, now=state.now)
        statement_attach(target=destruction_list)


def _release_not_destroyed(destruction_list, model, record_ids, *, today) -> None:
    """Items whose record is gone, on hold, or no longer due leave the list; a record that
    was listed but is no longer due goes back to its schedule. Items of records another run
    holds locked stay, for that run to finish."""
    with transaction.atomic():
        listed_due = set(
            model.objects.filter(
                pk__in=record_ids,
                retention_status=RetentionStatus.LISTED,
                archiefactiedatum__lte=today,
            ).values_list("pk", flat=True)
        )
        model.objects.filter(pk__in=record_ids, retention_status=RetentionStatus.LISTED).exclude(
            pk__in=listed_due
        ).update(retention_status=RetentionStatus.SCHEDULED)
        destruction_list.items.filter(
            record_id__in=record_ids, status=DestructionListItem.Status.LISTED
        ).exclude(record_id__in=listed_due).delete()


@transaction.atomic
def destruction_list_approve(*, destruction_list: DestructionList, user, now: datetime):
    """The DPO approves a list: its records are destroyed by the next run. Only a user with
    the approval permission."""
    if not user.has_perm("retention.approve_destructionlist"):
        raise PermissionDenied
    destruction_list = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
    if destruction_list.status != DestructionList.Status.AWAITING_APPROVAL:
        raise ValidationError("Only a list awaiting approval can be approved.")
    destruction_list.status = DestructionList.Status.APPROVED
    destruction_list.approved_at = now
    destruction_list.approved_by = user
    destruction_list.full_clean()
    destruction_list.save(update_fields=["status", "approved_at", "approved_by"])
    list_event(destruction_list, Action.APPROVED, now=now, user=user)
    return destruction_list
