"""Recording every look at personal data: the one way entries enter the access log.

NEN 7513 asks for who (the user and their role then), whose data (the record, never its
content), what (view, export, change, or an attempt that was denied), when, from where (the
client's address) and why (the purpose). Entries are append-only (models.AccessLogEntry).
"""

from django.db.models import Model
from django.utils import timezone

from core.http import client_ip

from .models import AccessLogEntry

Action = AccessLogEntry.Action


def _roles(user) -> str:
    if user is None or not user.is_authenticated:
        return ""
    names = sorted(group.name for group in user.groups.all())
    if user.is_superuser:
        names.insert(0, "superuser")
    return ", ".join(names)[:200]


def _entry(*, request, action, obj, purpose, now, roles=None):
    user = request.user if request.user.is_authenticated else None
    return AccessLogEntry(
        at=now,
        user=user,
        username=user.get_username() if user else "",
        roles=_roles(user) if roles is None else roles,
        action=action,
        record_type=obj._meta.label_lower,
        record_id=str(obj.pk),
        record_reference=str(getattr(obj, "reference", "") or "")[:64],
        purpose=purpose[:200],
        ip_address=client_ip(request),
        path=request.path[:300],
    )


def access_log_record(
    *, request, action: str, obj: Model, purpose: str = "", now=None
) -> AccessLogEntry:
    """Adds one entry: `request.user` did `action` on `obj` (any model with personal data),
    for `purpose`. Call it where the data is shown, exported or changed, and where access is
    refused (Action.DENIED)."""
    entry = _entry(
        request=request, action=action, obj=obj, purpose=purpose, now=now or timezone.now()
    )
    entry.full_clean()
    entry.save()
    return entry


def access_log_record_many(*, request, action: str, objects, purpose: str = "", now=None) -> int:
    """One entry per record, inserted in batches: an export of a thousand rows costs a few
    queries, not a thousand."""
    now = now or timezone.now()
    roles = _roles(request.user)
    entries = [
        _entry(request=request, action=action, obj=obj, purpose=purpose, now=now, roles=roles)
        for obj in objects
    ]
    AccessLogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def access_log_record_for(*, user, action: str, objects, purpose: str = "", now=None) -> int:
    """Entries for a look at personal data that no page made, on behalf of `user`: what a
    service reads while it acts for them (the access answer assembled when its letter is
    issued). No address and no page: there was no HTTP request."""
    now = now or timezone.now()
    roles = _roles(user)
    entries = [
        AccessLogEntry(
            at=now,
            user=user,
            username=user.get_username() if user else "",
            roles=roles,
            action=action,
            record_type=obj._meta.label_lower,
            record_id=str(obj.pk),
            record_reference=str(getattr(obj, "reference", "") or "")[:64],
            purpose=purpose[:200],
        )
        for obj in objects
    ]
    AccessLogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
