"""Letters to residents: which fields each letter needs, rendering, and issuing.

Letters are written per language, in `templates/requests_app/letters/<lang>/<type>.html`, not
through gettext: a legal letter is read as a whole, and Dutch legal wording (besluit, bezwaar,
gegrond) must be written and reviewed as Dutch sentences, not assembled from translated
fragments. Each legal text lives in one include per language (`_objection.html`,
`_ap_complaint.html`, `_ombudsman.html`, `_grounds.html`); which letters carry them is decided
here, once (`is_decision`, `is_complaint_outcome`), and `_base.html` adds them, so no single
letter template can forget them.

Which letters are decisions
    UAVG art. 34: a written decision of a bestuursorgaan on a request under GDPR art. 15-22 is
    a besluit under the Awb. So the answer and the refusal on such a request carry the
    objection clause (bezwaar within six weeks, Awb art. 6:7) and the right to complain to the
    Autoriteit Persoonsgegevens (GDPR art. 77; art. 12(4) for a refusal). The acknowledgement,
    the extension notice and the stop-the-clock notice decide nothing about the request: no
    objection clause (Awb art. 6:3 - a step towards a decision is no besluit of its own).

Complaints
    Handled under Awb chapter 9: the outcome is a judgement, not a besluit, so no objection
    clause; the letter names the Nationale ombudsman (Awb art. 9:12(2)) and the Autoriteit
    Persoonsgegevens (GDPR art. 77). A complaint's clock does not stop (see deadlines.py) and
    this module has no refusal letter for complaints (setting a complaint aside under Awb 9:8 is
    not modelled yet).
"""

import datetime
import json
import secrets

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.crypto import token_hash
from core.pdf import html_to_pdf

from . import deadlines, outbox, workflow
from .models import (
    Event,
    Kind,
    Letter,
    LetterType,
    OutgoingEmail,
    RefusalGround,
    StatusLink,
    SubjectRequest,
)

OBJECTION_PERIOD_WEEKS = 6
"""Awb art. 6:7: bezwaar is made within six weeks; the period starts the day after the
decision was made known (Awb art. 6:8(1))."""

OMBUDSMAN_PERIOD_YEARS = 1
"""Awb art. 9:24: the ombudsman need not investigate a complaint brought more than a year after
the municipality concluded it."""

LETTER_LANGUAGES = ("nl", "en")
TEXT_MAX_LENGTH = 5000


class Judgement(models.TextChoices):
    """The judgement on a complaint (Awb art. 9:12(1): findings, judgement, conclusions)."""

    WELL_FOUNDED = "well_founded", _("well-founded")
    PARTLY_WELL_FOUNDED = "partly_well_founded", _("partly well-founded")
    UNFOUNDED = "unfounded", _("unfounded")


class LetterInvalid(Exception):
    """The letter cannot be rendered with these fields; `errors` maps each field to why."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__(
            "The letter cannot be rendered: "
            + "; ".join(f"{name}: {why}" for name, why in sorted(self.errors.items()))
        )


class LetterIncomplete(LetterInvalid):
    """Required fields are missing or empty; `fields` names them."""

    def __init__(self, fields):
        self.fields = sorted(fields)
        super().__init__(dict.fromkeys(self.fields, "required"))


class LetterNotApplicable(Exception):
    """This letter type does not exist for this kind of request."""


# What staff write for each letter, on top of what the request itself provides (reference,
# name, dates). A decision names who signs it on behalf of the college.
_ANSWER_FIELDS = {
    Kind.ACCESS: ("data_summary", "purposes", "recipients", "retention", "source"),
    Kind.RECTIFICATION: ("outcome", "recipients_informed"),
    Kind.ERASURE: ("outcome", "recipients_informed"),
    Kind.RESTRICTION: ("outcome", "recipients_informed"),
    Kind.PORTABILITY: ("data_summary",),
    Kind.OBJECTION: ("outcome",),
    Kind.COMPLAINT: ("findings", "judgement", "conclusions"),
}
_OTHER_FIELDS = {
    LetterType.ACKNOWLEDGEMENT: (),
    LetterType.EXTENSION: ("reason", "new_due_date"),
    LetterType.CLOCK_STOPPED: ("awaited", "reason"),
    LetterType.REFUSAL: ("ground", "explanation"),
}
DATE_FIELDS = ("new_due_date",)
CHOICE_FIELDS = {"ground": RefusalGround, "judgement": Judgement}


def is_decision(*, letter_type: str, kind: str) -> bool:
    """A besluit (UAVG art. 34): the answer or refusal on a GDPR art. 15-22 request."""
    return kind != Kind.COMPLAINT and letter_type in (LetterType.ANSWER, LetterType.REFUSAL)


def is_complaint_outcome(*, letter_type: str, kind: str) -> bool:
    return kind == Kind.COMPLAINT and letter_type == LetterType.ANSWER


def required_fields(*, letter_type: str, kind: str) -> tuple[str, ...]:
    if letter_type not in LetterType.values:
        raise LetterNotApplicable(f"No such letter type: {letter_type!r}.")
    if kind == Kind.COMPLAINT and letter_type in (LetterType.CLOCK_STOPPED, LetterType.REFUSAL):
        raise LetterNotApplicable(f"A complaint has no {letter_type} letter.")
    if letter_type == LetterType.ANSWER:
        fields = _ANSWER_FIELDS[kind]
    else:
        fields = _OTHER_FIELDS[letter_type]
    signed = is_decision(letter_type=letter_type, kind=kind) or is_complaint_outcome(
        letter_type=letter_type, kind=kind
    )
    return (*fields, "signatory") if signed else fields


def letter_types_for(kind: str) -> list[tuple[str, str]]:
    """(value, label) of the letters that exist for this kind of request."""
    available = []
    for value, label in LetterType.choices:
        try:
            required_fields(letter_type=value, kind=kind)
        except LetterNotApplicable:
            continue
        available.append((value, label))
    return available


def letter_validate(*, request: SubjectRequest, letter_type: str, fields: dict) -> dict:
    """The fields, cleaned, as stored (JSON-safe). Raises LetterIncomplete naming every
    missing field, or LetterInvalid for unknown fields and values that are not allowed."""
    required = required_fields(letter_type=letter_type, kind=request.kind)
    unknown = set(fields) - set(required)
    if unknown:
        raise LetterInvalid(dict.fromkeys(unknown, "not a field of this letter"))
    missing = [name for name in required if _is_blank(fields.get(name))]
    if missing:
        raise LetterIncomplete(missing)
    cleaned, errors = {}, {}
    for name in required:
        value = fields[name]
        if name in DATE_FIELDS:
            parsed = _as_date(value)
            if parsed is None:
                errors[name] = "not a date (YYYY-MM-DD)"
            elif parsed < timezone.localdate(request.received_at):
                errors[name] = "before the request was received"
            elif name == "new_due_date" and _extended(request) and parsed > request.due_date:
                # The legally computed date is the most we may promise (GDPR art. 12(3), Awb
                # 9:11(2)); a letter once promised 30 June for 3 February.
                errors[name] = f"after the legal due date ({request.due_date.isoformat()})"
            else:
                cleaned[name] = parsed.isoformat()
        elif name in CHOICE_FIELDS:
            allowed = _choices(name, request.kind)
            if value not in allowed:
                errors[name] = "one of " + ", ".join(allowed)
            else:
                cleaned[name] = str(value)
        else:
            text = str(value).strip()
            if len(text) > TEXT_MAX_LENGTH:
                errors[name] = f"longer than {TEXT_MAX_LENGTH} characters"
            cleaned[name] = text
    if errors:
        raise LetterInvalid(errors)
    return cleaned


def letter_language(request: SubjectRequest) -> str:
    return request.language if request.language in LETTER_LANGUAGES else "nl"


def letter_render_html(
    *, request: SubjectRequest, letter_type: str, fields: dict, issued_at: datetime.datetime
) -> str:
    """The letter as HTML in the request's language, from fields cleaned by letter_validate."""
    language = letter_language(request)
    values = {
        name: datetime.date.fromisoformat(value) if name in DATE_FIELDS else value
        for name, value in fields.items()
    }
    context = {
        "request": request,
        "letter_type": letter_type,
        "fields": values,
        "issued_on": timezone.localdate(issued_at),
        "is_decision": is_decision(letter_type=letter_type, kind=request.kind),
        "is_complaint_outcome": is_complaint_outcome(letter_type=letter_type, kind=request.kind),
        "objection_weeks": OBJECTION_PERIOD_WEEKS,
        "ombudsman_years": OMBUDSMAN_PERIOD_YEARS,
        "extension_months": deadlines.GDPR_EXTENSION_MONTHS,
        "postponement_weeks": deadlines.COMPLAINT_MAX_POSTPONEMENT_WEEKS,
        "answer_template": f"requests_app/letters/{language}/answer/{request.kind}.html",
        "has_files": request.response_files.exists(),
        # The address block sits in the window of the envelope (see the print stylesheet).
        "address_lines": request.postal_address.splitlines() if request.by_post else (),
    }
    with translation.override(language):
        return render_to_string(f"requests_app/letters/{language}/{letter_type}.html", context)


def letter_render_preview(*, request: SubjectRequest, letter_type: str, fields: dict) -> str:
    """What the letter would say if issued now: for staff to check before issuing."""
    cleaned = letter_validate(request=request, letter_type=letter_type, fields=fields)
    return letter_render_html(
        request=request, letter_type=letter_type, fields=cleaned, issued_at=timezone.now()
    )


def letter_pdf(letter: Letter) -> bytes:
    """The letter's PDF, from the HTML it was issued with (tagged PDF/UA-1, core/pdf.py)."""
    return html_to_pdf(letter.html)


# Sent in the issuing transaction with `letter` and `now`, once the letter is stored: what
# goes with a letter (the access answer's files, `subjects`) is added before anyone sees it.
letter_issued = Signal()


@transaction.atomic
def letter_issue(
    *,
    request: SubjectRequest,
    letter_type: str,
    fields: dict,
    issued_by=None,
    approved_by=None,
    replaces: Letter | None = None,
    now: datetime.datetime | None = None,
) -> Letter:
    """Issues a letter: validates its fields, stores it as rendered, records it on the
    request's timeline and queues one e-mail notice through the outbox.

    The notice says only that a letter is ready, with a new personal link to the status page
    (the first link's secret was erased once the acknowledgement went out): no personal data,
    no letter content. Raises LetterIncomplete / LetterInvalid / LetterNotApplicable before
    anything is stored."""
    now = now or timezone.now()
    cleaned = letter_validate(request=request, letter_type=letter_type, fields=fields)
    letter = Letter(
        request=request,
        type=letter_type,
        language=letter_language(request),
        issued_at=now,
        issued_by=issued_by,
        approved_by=approved_by,
        replaces=replaces,
        fields=json.dumps(cleaned, cls=DjangoJSONEncoder, sort_keys=True),
        html=letter_render_html(
            request=request, letter_type=letter_type, fields=cleaned, issued_at=now
        ),
    )
    letter.full_clean()
    letter.save()
    letter_issued.send(sender=Letter, letter=letter, now=now)
    if replaces is not None:
        letter_type = f"{letter_type}; corrects the letter of {replaces.issued_at:%Y-%m-%d}"
    if request.by_post or not request.email:
        # Letters by post: no notice goes out; the letter waits in the post tray until staff
        # print it (`post_tray`), and the timeline says so.
        Event.objects.create(
            request=request,
            type=Event.Type.LETTER_ISSUED,
            at=now,
            note=f"{letter_type}; send by post: in the post tray",
        )
        return letter
    Event.objects.create(request=request, type=Event.Type.LETTER_ISSUED, at=now, note=letter_type)
    secret = secrets.token_urlsafe(32)
    link = StatusLink(request=request, secret_hash=token_hash(secret), created_at=now)
    link.full_clean()
    link.save()
    outbox.email_queue(
        request=request, template=OutgoingEmail.Template.LETTER_NOTICE, now=now, secret=secret
    )
    return letter


def _choices(name: str, kind: str) -> tuple[str, ...]:
    """The values a choice field takes; a refusal only the grounds of its kind of request."""
    if name == "ground":
        return workflow.refusal_grounds(kind)
    return tuple(CHOICE_FIELDS[name].values)


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _extended(request: SubjectRequest) -> bool:
    """Extended or postponed: its stored due date is then the legal maximum."""
    return bool(request.due_date and (request.extended_on or request.postponed_weeks))


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None
