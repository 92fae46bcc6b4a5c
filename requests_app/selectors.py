"""Reads for the back office that join more than one model: what a request's page shows.

Personal data is read only here and only when asked for: the queue defers `PERSONAL_FIELDS`,
so listing requests never loads (and so never decrypts) what the resident wrote.
"""

from django.utils.translation import gettext

from accesslog.models import AccessLogEntry

from .assurance import Level
from .models import Event, Status, SubjectRequest, Transition

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


def request_timeline(request: SubjectRequest, *, show_text: bool) -> list[dict]:
    """The request's history, newest first: its events, its workflow steps and who opened it
    (the access log, exports aside). Staff notes may be about the resident: without
    `show_text` they are named as hidden, not shown."""
    hidden = gettext("(hidden: personal data)")
    items = []
    for event in Event.objects.filter(request=request).select_related("actor"):
        text = event.text if show_text else (hidden if event.text else "")
        items.append(
            {
                "at": event.at,
                "what": event.get_type_display(),
                "who": event.actor.get_username() if event.actor else "",
                "detail": " ".join(filter(None, [event.note, text])),
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
        items.append(
            {
                "at": step.at,
                "what": gettext("status changed"),
                "who": step.actor.get_username() if step.actor else "",
                "detail": "; ".join(str(d) for d in detail),
            }
        )
    for entry in AccessLogEntry.objects.for_record(request).exclude(
        action=AccessLogEntry.Action.EXPORT
    ):
        items.append(
            {
                "at": entry.at,
                "what": entry.get_action_display(),
                "who": entry.username,
                "detail": entry.purpose,
            }
        )
    return sorted(items, key=lambda item: item["at"], reverse=True)
