"""The post tray: letters to residents whose letters go by post (`Delivery.POST`), waiting to
be printed and put in a window envelope. Printing takes every waiting letter the user may see
in one PDF and marks them printed; the caller logs the access."""

import uuid

from django.db import transaction
from django.utils import timezone

from core.pdf import htmls_to_pdf

from . import roles
from .models import Delivery, Letter


def letters_waiting(user):
    """The issued letters by post not printed yet, of the requests `user` may see."""
    return (
        Letter.objects.filter(
            printed_at__isnull=True,
            replaced_by__isnull=True,  # a corrected letter goes in no envelope
            request__delivery=Delivery.POST,
            request__in=roles.requests_visible_to(user),
        )
        .select_related("request")
        .defer("html", "fields")
        .order_by("issued_at", "pk")
    )


@transaction.atomic
def letters_print(*, user, public_ids, now=None) -> tuple[bytes, list[Letter]]:
    """One PDF of the waiting letters named by `public_ids` (those the user saw in the tray;
    a letter printed by someone else meanwhile is left out), marked printed by `user`."""
    now = now or timezone.now()
    public_ids = [value for value in public_ids if _is_uuid(value)]
    chosen = list(
        letters_waiting(user)
        .filter(public_id__in=public_ids)
        .select_for_update(of=("self",), skip_locked=True)
        .defer(None)
    )
    if not chosen:
        return b"", []
    pdf = htmls_to_pdf([letter.html for letter in chosen])
    Letter.objects.filter(pk__in=[letter.pk for letter in chosen]).update(
        printed_at=now, printed_by=user
    )
    return pdf, chosen


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
