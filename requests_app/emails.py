"""Sending what the outbox holds. Subjects carry the reference only: no personal data."""

from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from .models import Event, OutgoingEmail
from .verification import CODE_VALID, STATUS_LINK_KEPT


def email_send(*, email_id: int, now=None) -> bool:
    """Sends one outbox row unless it was sent already. Returns whether it sent now.

    The row is locked while sending, so two workers never send the same e-mail; should the
    process die between the SMTP hand-over and the commit, the row is sent again (at least
    once: a resident may, rarely, get the same message twice, never none)."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .select_related("request")
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        request = email.request
        with translation.override(request.language):
            context = {
                "request": request,
                "status_url": "",
                "code": email.verification_code,
                "code_valid_days": CODE_VALID.days,
                "link_kept_weeks": STATUS_LINK_KEPT.days // 7,
                # "your complaint" for a complaint, "your request" for the rest.
                "noun": (
                    pgettext("your …", "complaint")
                    if request.is_complaint
                    else pgettext("your …", "request")
                ),
            }
            if email.link_secret:
                path = reverse("requests:status", kwargs={"secret": email.link_secret})
                context["status_url"] = settings.PUBLIC_BASE_URL + path
            subject = render_to_string(f"requests_app/email/{email.template}_subject.txt", context)
            body = render_to_string(f"requests_app/email/{email.template}.txt", context)
        message = EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[request.email],
        )
        try:
            message.send()
        except SMTPException as exc:
            # The server's refusal names the address; the retry and the worker's log get
            # only what went wrong (the outbox row says to whom).
            raise SMTPException(f"{type(exc).__name__} for e-mail {email_id}") from None
        email.sent_at = now or timezone.now()
        # bandit B105: not a password but the erasure of the secrets once the mail is sent.
        email.link_secret = email.verification_code = ""  # nosec B105
        email.save(update_fields=["attempts", "sent_at", "link_secret", "verification_code"])
        Event.objects.create(
            request=request, type=Event.Type.EMAIL_SENT, at=email.sent_at, note=email.template
        )
        return True
