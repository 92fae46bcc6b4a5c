"""Queueing an e-mail to a resident through the outbox (`models.OutgoingEmail`).

The row and its timeline entry are written in the caller's transaction; the worker is asked to
send it only once that transaction commits, so an e-mail never goes out for something that was
not stored, and a broker that is down loses nothing (`tasks.emails_dispatch_pending` asks
again). Imports run one way: `emails` ← `tasks` ← `outbox` ← `services`, `letters`.
"""

import datetime

from django.db import transaction

from .models import Event, OutgoingEmail, SubjectRequest
from .tasks import email_dispatch


def email_queue(
    *,
    request: SubjectRequest,
    template: str,
    now: datetime.datetime,
    secret: str = "",
    code: str = "",
) -> OutgoingEmail:
    """Records one e-mail of `template` about `request` and has it sent after the commit.
    `secret` (a status link) and `code` (the confirmation code) wait encrypted on the row
    until it is sent, then are erased (`emails.email_send`)."""
    email = OutgoingEmail.objects.create(
        request=request,
        template=template,
        created_at=now,
        link_secret=secret,
        verification_code=code,
    )
    Event.objects.create(request=request, type=Event.Type.EMAIL_QUEUED, at=now, note=template)
    transaction.on_commit(lambda: email_dispatch(email_id=email.pk))
    return email
