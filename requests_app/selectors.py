"""Reads for the back office that join more than one model: what a request's page shows.

Personal data is read only here and only when asked for: the queue defers `PERSONAL_FIELDS`,
so listing requests never loads (and so never decrypts) what the resident wrote.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accesslog.models import AccessLogEntry

from .assurance import Level
from .models import (
    AuthorityCheck,
    Channel,
    Event,
    LetterType,
    OutgoingEmail,
    Status,
    SubjectRequest,
    Transition,
)

TIMELINE_PAGE_SIZE = 50

# The access log stores its purposes in English, as written; the timeline shows them in the
# reader's language.
PURPOSES = {
    "handling the request (GDPR art. 12)": _("handling the request (GDPR art. 12)"),
    "audit": _("audit"),
    "renew status link": _("renew status link"),
    "note": _("note"),
    "registered": _("registered"),
    "transition": _("status change"),
    "letter": _("letter"),
    "writing a letter": _("writing a letter"),
    "found by name or e-mail address": _("found by name or e-mail address"),
    "authority check": _("authority check"),
}
# The choices a stored code after "<prefix>: " belongs to.
PURPOSE_CODES = {
    "status": (_("status"), Status),
    "letter issued": (_("letter issued"), LetterType),
    "writing a letter": (_("writing a letter"), LetterType),
}
EVENT_NOTES = {
    Event.Type.LETTER_ISSUED: LetterType,
    Event.Type.EMAIL_QUEUED: OutgoingEmail.Template,
    Event.Type.EMAIL_SENT: OutgoingEmail.Template,
    Event.Type.REGISTERED: Channel,
    Event.Type.AUTHORITY_CHECKED: AuthorityCheck.Evidence,
}


def purpose_label(purpose: str) -> str:
    """An access-log purpose in the reader's language: "status: in_progress" → "status: in
    behandeling"."""
    head, _sep, code = purpose.partition(": ")
    if head in PURPOSE_CODES:
        label, choices = PURPOSE_CODES[head]
        if code in choices.values:
            return f"{label}: {choices(code).label}"
    return str(PURPOSES.get(purpose, purpose))


def _event_note(event: Event) -> str:
    choices = EVENT_NOTES.get(event.type)
    if choices is not None and event.note in choices.values:
        return str(choices(event.note).label)
    return event.note


PERSONAL_FIELDS = ["name", "email", "details", "subject_name", "bsn", "representative_bsn"]


def request_personal_data(request: SubjectRequest) -> list[tuple[str, str]]:
    """(label, value) of what the resident gave us about themselves, decrypted."""
    row = SubjectRequest.objects.only(*PERSONAL_FIELDS, "capacity", "digid_level").get(
        pk=request.pk
    )
    digid = []
    if row.bsn:  # filed with DigiD: whose BSN, and who filed it for them
        digid = [
            (gettext("BSN of the person it concerns (DigiD)"), row.bsn),
            (
                gettext("BSN of the representative who filed it (DigiD)"),
                row.representative_bsn or "—",
            ),
            (gettext("DigiD level"), Level(row.digid_level).label if row.digid_level else "—"),
        ]
    return [
        *digid,
        (gettext("Name"), row.name),
        (gettext("E-mail address"), row.email or "—"),
        (gettext("Acting for someone else as"), row.get_capacity_display() or "—"),
        (gettext("Name of the person it concerns"), row.subject_name or "—"),
        (gettext("The request in the resident's words"), row.details or "—"),
    ]


def request_timeline(
    request: SubjectRequest, *, show_text: bool, with_views: bool = False
) -> list[dict]:
    """The request's history, newest first, in the reader's language: its events, its workflow
    steps and what staff did with it (the access log; who merely opened it only `with_views`,
    exports never). Staff notes may be about the resident: without `show_text` they are named
    as hidden, not shown."""
    hidden = gettext("(hidden: personal data)")
    items = []
    for event in Event.objects.filter(request=request).select_related("actor"):
        text = event.text if show_text else (hidden if event.text else "")
        items.append(
            {
                "at": event.at,
                "what": event.get_type_display(),
                "who": event.actor.get_username() if event.actor else "",
                "detail": " ".join(filter(None, [_event_note(event), text])),
            }
        )
    for step in Transition.objects.filter(request=request).select_related("actor"):
        detail = [f"{Status(step.from_status).label} → {Status(step.to_status).label}"]
        if step.refusal_ground:
            detail.append(step.get_refusal_ground_display())
        if step.verification_method:
            detail.append(step.get_verification_method_display())
        if step.letter_type:
            detail.append(gettext("letter called for: %s") % step.get_letter_type_display())
        if step.note:
            detail.append(step.note if show_text else hidden)
        if step.without_letter_reason:
            reason = step.without_letter_reason if show_text else hidden
            detail.append(gettext("closed without a decision letter: %s") % reason)
        items.append(
            {
                "at": step.at,
                "what": gettext("status changed"),
                "who": step.actor.get_username() if step.actor else "",
                "detail": "; ".join(str(d) for d in detail),
            }
        )
    hidden_actions = [AccessLogEntry.Action.EXPORT]
    if not with_views:
        hidden_actions.append(AccessLogEntry.Action.VIEW)
    for entry in AccessLogEntry.objects.for_record(request).exclude(action__in=hidden_actions):
        items.append(
            {
                "at": entry.at,
                "what": entry.get_action_display(),
                "who": entry.username,
                "detail": purpose_label(entry.purpose),
            }
        )
    return sorted(items, key=lambda item: item["at"], reverse=True)
