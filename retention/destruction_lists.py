"""The DPO's review of a destruction list, as Open Archiefbeheer does it: every item is shown
(reference, record type, closing and destruction dates, policy: never what the record holds),
an item can be excluded with a reason (a new destruction date, or a legal hold), and the list is
approved (`purge.destruction_list_approve`) or rejected (its records are postponed to a new
date). A list that waits REMINDER_AFTER gets a reminder to the DPO role. Every step is an
event on the list (`DestructionListEvent`) and a log line, neither with personal data.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core import roles

from . import registry
from .dates import local_today
from .models import DestructionList, DestructionListEvent, DestructionListItem, RetentionStatus

logger = logging.getLogger(__name__)

REMINDER_AFTER = timedelta(weeks=4)
"""A list awaiting approval this long gets a reminder to the DPO role, and again each time
this long passes after the last reminder."""

Action = DestructionListEvent.Action


def list_event(
    destruction_list: DestructionList, action: str, *, now: datetime, user=None, note: str = ""
) -> DestructionListEvent:
    """One step on a list, recorded on the list and in the log (ids and codes only)."""
    event = DestructionListEvent.objects.create(
        destruction_list=destruction_list,
        action=action,
        at=now,
        user=user if user is not None and user.is_authenticated else None,
        note=note[:300],
    )
    logger.info(
        "destruction list %s: %s (user id %s)",
        destruction_list.public_id,
        action,
        event.user_id or "-",
    )
    return event


@dataclass(frozen=True)
class ItemRow:
    """What the DPO sees of one item: no content of the record, and no name."""

    item: DestructionListItem
    number: int
    reference: str
    record_type: str
    closed_on: date | None
    archiefactiedatum: date
    policy_code: str
    on_hold: bool
    gone: bool


def list_items(destruction_list: DestructionList) -> list[ItemRow]:
    """The items of a list with the metadata of their records, read in one query per list:
    the public id as the reference, the closing and destruction dates and the policy."""
    items = list(destruction_list.items.all())
    spec = registry.record(destruction_list.record_type)
    records = {}
    if spec is not None:
        records = {
            row["pk"]: row
            for row in spec.objects.filter(pk__in=[item.record_id for item in items]).values(
                "pk", "public_id", "closed_on", "retention_policy_code", "retention_status"
            )
        }
    rows = []
    for number, item in enumerate(items, start=1):
        record = records.get(item.record_id)
        rows.append(
            ItemRow(
                item=item,
                number=number,
                reference=str(record["public_id"]) if record else "",
                record_type=destruction_list.get_record_type_display(),
                closed_on=record["closed_on"] if record else None,
                archiefactiedatum=item.archiefactiedatum,
                policy_code=(record or {}).get("retention_policy_code")
                or destruction_list.policy_code,
                on_hold=bool(record) and record["retention_status"] == RetentionStatus.ON_HOLD,
                gone=record is None,
            )
        )
    return rows


def _check(user, destruction_list: DestructionList) -> DestructionList:
    if not user.has_perm("retention.approve_destructionlist"):
        raise PermissionDenied
    locked = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
    if locked.status != DestructionList.Status.AWAITING_APPROVAL:
        raise ValidationError(_("Only a list awaiting approval can be changed."))
    return locked


def _record(destruction_list: DestructionList, item: DestructionListItem):
    spec = registry.record(destruction_list.record_type)
    record = spec.objects.select_for_update().filter(pk=item.record_id).first() if spec else None
    if record is None:
        raise ValidationError(_("This record no longer exists."))
    return record


def _postpone(record, new_date: date) -> None:
    """Back to its schedule, not before `new_date` (`rules.record_refresh_retention`)."""
    record.retention_postponed_until = new_date
    if record.retention_status == RetentionStatus.LISTED:
        record.retention_status = RetentionStatus.SCHEDULED
    record.save(update_fields=["retention_postponed_until"])


@transaction.atomic
def destruction_list_exclude(
    *,
    destruction_list: DestructionList,
    item: DestructionListItem,
    user,
    now: datetime,
    exclusion: str,
    reason: str,
    new_date: date | None = None,
    hold_reason: str = "",
) -> DestructionListItem:
    """Takes one item off the list: its record is not destroyed with the list, and gets a new
    destruction date (`exclusion` "postpone", `new_date` after today) or a legal hold
    (`exclusion` "hold", `hold_reason` a `LegalHoldReason`) from today. A reason is required."""
    destruction_list = _check(user, destruction_list)
    item = DestructionListItem.objects.select_for_update().get(
        pk=item.pk, destruction_list=destruction_list
    )
    if item.status != DestructionListItem.Status.LISTED:
        raise ValidationError(_("This item is no longer on the list."))
    today = local_today(now)
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Give the reason the record is kept.")
    if exclusion == DestructionListItem.Exclusion.POSTPONE:
        if new_date is None or new_date <= today:
            errors["new_date"] = _("Give a new destruction date after today.")
    elif exclusion == DestructionListItem.Exclusion.HOLD:
        from .models import LegalHoldReason

        if hold_reason not in LegalHoldReason.values:
            errors["hold_reason"] = _("Choose the reason for the legal hold.")
    else:
        errors["exclusion"] = _("Choose a new date or a legal hold.")
    if errors:
        raise ValidationError(errors)
    record = _record(destruction_list, item)
    if exclusion == DestructionListItem.Exclusion.POSTPONE:
        if new_date is None:  # checked above; this tells mypy
            raise ValueError("A postponement needs a new date.")
        _postpone(record, new_date)
    else:
        record.legal_hold_reason = hold_reason
        record.legal_hold_since = today
        if record.retention_status == RetentionStatus.LISTED:
            record.retention_status = RetentionStatus.SCHEDULED
        record.save(update_fields=["legal_hold_reason", "legal_hold_since"])
    item.status = DestructionListItem.Status.EXCLUDED
    item.exclusion = exclusion
    item.new_date = new_date if exclusion == DestructionListItem.Exclusion.POSTPONE else None
    item.hold_reason = hold_reason if exclusion == DestructionListItem.Exclusion.HOLD else ""
    item.reason = reason.strip()[:300]
    item.decided_at, item.decided_by = now, user
    item.save()
    number = destruction_list.items.filter(pk__lte=item.pk).count()
    list_event(destruction_list, Action.EXCLUDED, now=now, user=user, note=f"#{number} {exclusion}")
    return item


@transaction.atomic
def destruction_list_reject(
    *, destruction_list: DestructionList, user, now: datetime, reason: str, new_date: date
) -> DestructionList:
    """Rejects a list: nothing on it is destroyed; each record still on it goes back to its
    schedule, not before `new_date` (after today), when a run lists it again if still due."""
    destruction_list = _check(user, destruction_list)
    today = local_today(now)
    errors = {}
    if not reason.strip():
        errors["rejection_reason"] = _("Give the reason for rejecting the list.")
    if new_date is None or new_date <= today:
        errors["new_date"] = _("Give a new destruction date after today.")
    if errors:
        raise ValidationError(errors)
    for item in destruction_list.items.filter(status=DestructionListItem.Status.LISTED):
        spec = registry.record(destruction_list.record_type)
        record = (
            spec.objects.select_for_update().filter(pk=item.record_id).first() if spec else None
        )
        if record is not None:
            _postpone(record, new_date)
        item.status = DestructionListItem.Status.RETURNED
        item.new_date = new_date
        item.decided_at, item.decided_by = now, user
        item.save(update_fields=["status", "new_date", "decided_at", "decided_by"])
    destruction_list.status = DestructionList.Status.REJECTED
    destruction_list.rejected_at, destruction_list.rejected_by = now, user
    destruction_list.rejection_reason = reason.strip()[:300]
    destruction_list.save(
        update_fields=["status", "rejected_at", "rejected_by", "rejection_reason"]
    )
    list_event(destruction_list, Action.REJECTED, now=now, user=user, note=f"{new_date:%Y-%m-%d}")
    return destruction_list


def _dpo_addresses() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=roles.DPO))
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [user.email for user in users]


def destruction_lists_remind(*, now: datetime) -> int:
    """Reminds the DPO role of each list awaiting approval for REMINDER_AFTER (and again each
    REMINDER_AFTER after the last reminder). The e-mail names the policy, the number of
    records, the date and the page; no record, no person. Returns how many lists."""
    waiting = DestructionList.objects.filter(
        status=DestructionList.Status.AWAITING_APPROVAL, created_at__lte=now - REMINDER_AFTER
    ).filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMINDER_AFTER))
    addresses = _dpo_addresses()
    reminded = 0
    for destruction_list in waiting.order_by("pk"):
        with transaction.atomic():
            locked = DestructionList.objects.select_for_update(skip_locked=True).filter(
                pk=destruction_list.pk, reminded_at=destruction_list.reminded_at
            )
            if not locked.exists():
                continue
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "list": destruction_list,
                    "weeks": (now - destruction_list.created_at).days // 7,
                    "url": settings.PUBLIC_BASE_URL
                    + reverse("admin:retention_destructionlist_change", args=[destruction_list.pk]),
                }
                subject = render_to_string("retention/email/list_reminder_subject.txt", context)
                body = render_to_string("retention/email/list_reminder.txt", context)
            locked.update(reminded_at=now)
            list_event(
                destruction_list, Action.REMINDED, now=now, note=f"{len(addresses)} recipient(s)"
            )
            if addresses:
                send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, addresses)
            else:
                logger.warning("destruction list reminder: no DPO with an e-mail address")
        reminded += 1
    return reminded
