"""Letters go draft → preview → approval → issue.

A letter is written as a `LetterDraft`: saved as often as needed, previewed as the real PDF it
will become, and issued through `letters.letter_issue`. A decision (the answer, a refusal, an
extension or postponement, a complaint's judgement) needs a second person's approval when
`LETTERS_FOUR_EYES` is on (the default): the writer submits it, someone else with
`approve_letter` approves and so issues it, or returns it with a remark. Other letters (the
acknowledgement, the stop-the-clock notice) are issued by the writer after the preview.

Which letters may be written follows the request's status (`workflow.letters_allowed`). An
issued letter is never changed: a correction is a new draft that, once issued, replaces it,
and both stay on record. Drafts are never shown to the resident.

Each service locks the draft and checks its version, so two people acting at once never issue
twice; the caller logs the access.
"""

import datetime
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import html_to_pdf

from . import letters, workflow
from .models import Channel, Event, Letter, LetterDraft, LetterType, Status, SubjectRequest

State = LetterDraft.State

# The letters that decide something for the resident (or, for an extension, about their
# deadline): written by one person, approved by another.
APPROVAL_NEEDED = frozenset({LetterType.ANSWER, LetterType.REFUSAL, LetterType.EXTENSION})


class DraftRefused(Exception):
    """The step cannot be taken; the message says why, for staff."""


def needs_approval(letter_type: str) -> bool:
    return settings.LETTERS_FOUR_EYES and letter_type in APPROVAL_NEEDED


def may_approve(user, draft: LetterDraft) -> bool:
    """Someone with `approve_letter` who never wrote nor submitted any version of it."""
    return (
        draft.state == State.AWAITING_APPROVAL
        and user.has_perm("requests_app.approve_letter")
        and user.pk not in {draft.written_by_id, draft.submitted_by_id, *draft.contributors}
    )


def _contributed(draft: LetterDraft, actor) -> None:
    if actor is not None and actor.pk not in draft.contributors:
        draft.contributors = [*draft.contributors, actor.pk]


def _answerable(request: SubjectRequest, letter_type: str) -> None:
    """An answer reaches a representative only once their authority is on record (the answer
    holds the data of the person they act for); a refusal may go before."""
    if letter_type == LetterType.ANSWER and not workflow.authority_established(request):
        raise DraftRefused(
            _(
                "This request was filed for someone else: record first how the "
                "representative's authority was checked."
            )
        )


def _readable(request: SubjectRequest) -> None:
    """A letter by e-mail is read on the status page, which shows it only to whom confirmed
    the address with the code (or DigiD). Every request by e-mail gets a code when it is filed
    or registered; one registered before that never got one, and would never read it."""
    if request.by_post or request.answer_released() or request.bsn_index:
        return
    if request.channel == Channel.WEB or request.verification_hash:
        return  # the resident has a code to confirm with, and then reads the letter
    raise DraftRefused(
        _(
            "The e-mail address is not confirmed with the code, so the resident cannot read "
            "this letter. Wait until they confirm it, or send the letters by post."
        )
    )


def letters_writable(request: SubjectRequest) -> list[tuple[str, str]]:
    """(value, label) of the letters that may be written on `request` now."""
    issued = set(request.letters.values_list("type", flat=True))
    allowed = workflow.letters_allowed(status=request.status, issued=issued)
    return [
        (value, label)
        for value, label in letters.letter_types_for(request.kind)
        if value in allowed
    ]


@transaction.atomic
def draft_start(*, request: SubjectRequest, letter_type: str, actor, now=None) -> LetterDraft:
    """The open draft of this type on `request`, or a new, empty one: letter fields start
    empty, never from a staff note (one reached a refusal word for word)."""
    if letter_type not in dict(letters_writable(request)):
        raise DraftRefused(
            _("A letter “%(type)s” cannot be written while the request is “%(status)s”.")
            % {
                "type": LetterType(letter_type).label
                if letter_type in LetterType.values
                else letter_type,
                "status": request.get_status_display(),
            }
        )
    SubjectRequest.objects.select_for_update().get(pk=request.pk)
    open_draft = request.letter_drafts.filter(
        type=letter_type, replaces=None, state__in=(State.DRAFT, State.AWAITING_APPROVAL)
    ).first()
    if open_draft:
        return open_draft
    fields = {}
    if letter_type == LetterType.EXTENSION and request.due_date:
        # The computed legal date, which is also the most the letter may promise.
        fields["new_due_date"] = request.due_date.isoformat()
    return LetterDraft.objects.create(
        request=request,
        type=letter_type,
        fields=json.dumps(fields),
        written_by=actor,
        written_at=now or timezone.now(),
        contributors=[actor.pk] if actor else [],
    )


@transaction.atomic
def correction_start(*, letter: Letter, actor, now=None) -> LetterDraft:
    """A draft that will replace `letter` once issued, starting from what the letter said
    (texts written for the resident, never a note)."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if hasattr(letter, "replaced_by"):
        raise DraftRefused(_("This letter was corrected already: correct the newest one."))
    open_draft = letter.corrections.filter(state__in=(State.DRAFT, State.AWAITING_APPROVAL)).first()
    if open_draft:
        return open_draft
    return LetterDraft.objects.create(
        request=letter.request,
        type=letter.type,
        fields=letter.fields,
        replaces=letter,
        written_by=actor,
        written_at=now or timezone.now(),
        contributors=[actor.pk] if actor else [],
    )


def _lock(draft: LetterDraft, expected_version: int | None) -> LetterDraft:
    locked = LetterDraft.objects.select_for_update().select_related("request").get(pk=draft.pk)
    if expected_version is not None and locked.version != expected_version:
        raise DraftRefused(
            _("Someone else changed this letter in the meantime. Reload it and try again.")
        )
    return locked


def _stored(fields: dict) -> dict:
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in fields.items()
    }


@transaction.atomic
def draft_save(
    *, draft: LetterDraft, fields: dict, actor, expected_version: int | None, now=None
) -> LetterDraft:
    """Stores what is written so far; a draft may be incomplete. Only a draft that is not
    waiting for approval can change (the approver must approve what they read)."""
    draft = _lock(draft, expected_version)
    if draft.state != State.DRAFT:
        raise DraftRefused(
            _("This letter is %(state)s: it cannot be changed.")
            % {"state": draft.get_state_display()}
        )
    required = letters.required_fields(letter_type=draft.type, kind=draft.request.kind)
    unknown = set(fields) - set(required)
    if unknown:
        raise letters.LetterInvalid(dict.fromkeys(unknown, "not a field of this letter"))
    draft.fields = json.dumps(_stored(fields), cls=DjangoJSONEncoder, sort_keys=True)
    draft.written_by, draft.written_at = actor, now or timezone.now()
    _contributed(draft, actor)
    draft.version += 1
    draft.save(update_fields=["fields", "written_by", "written_at", "contributors", "version"])
    return draft


def draft_preview_pdf(draft: LetterDraft) -> bytes:
    """The real PDF the letter becomes if issued now. Raises LetterInvalid if incomplete."""
    html = letters.letter_render_preview(
        request=draft.request, letter_type=draft.type, fields=draft.field_values
    )
    return html_to_pdf(html)


@transaction.atomic
def draft_submit(*, draft: LetterDraft, actor, expected_version: int | None, now=None):
    """Asks for a second person's approval of a complete decision letter."""
    draft = _lock(draft, expected_version)
    if draft.state != State.DRAFT or not needs_approval(draft.type):
        raise DraftRefused(_("This letter does not wait for approval."))
    letters.letter_validate(
        request=draft.request, letter_type=draft.type, fields=draft.field_values
    )
    now = now or timezone.now()
    draft.state, draft.submitted_by, draft.returned_with = State.AWAITING_APPROVAL, actor, ""
    draft.version += 1
    draft.save(update_fields=["state", "submitted_by", "returned_with", "version"])
    Event.objects.create(
        request=draft.request,
        type=Event.Type.LETTER_SUBMITTED,
        at=now,
        actor=actor,
        note=draft.type,
    )
    return draft


@transaction.atomic
def draft_return(*, draft: LetterDraft, actor, remark: str, expected_version: int | None, now=None):
    """The approver sends the letter back to be changed, with an internal remark."""
    draft = _lock(draft, expected_version)
    if not may_approve(actor, draft):
        raise DraftRefused(_("Only someone else who may approve letters can return it."))
    if not remark.strip():
        raise DraftRefused(_("Say what must change."))
    draft.state, draft.returned_with = State.DRAFT, remark.strip()
    draft.version += 1
    draft.save(update_fields=["state", "returned_with", "version"])
    Event.objects.create(
        request=draft.request,
        type=Event.Type.LETTER_RETURNED,
        at=now or timezone.now(),
        actor=actor,
        note=draft.type,
    )
    return draft


@transaction.atomic
def draft_issue(*, draft: LetterDraft, actor, expected_version: int | None, now=None) -> Letter:
    """Issues the letter: by its writer when it needs no approval, by the approver when it
    does. The status must still allow it (a correction replaces a letter at any time)."""
    draft = _lock(draft, expected_version)
    request = SubjectRequest.objects.select_for_update().get(pk=draft.request_id)
    approved_by = None
    if needs_approval(draft.type):
        if not may_approve(actor, draft):
            raise DraftRefused(
                _("This letter is a decision: someone else who may approve letters issues it.")
            )
        approved_by = actor
    elif draft.state != State.DRAFT:
        raise DraftRefused(
            _("This letter is %(state)s: it cannot be issued.")
            % {"state": draft.get_state_display()}
        )
    if draft.replaces_id is None:
        issued = set(request.letters.values_list("type", flat=True))
        if draft.type not in workflow.letters_allowed(status=request.status, issued=issued):
            raise DraftRefused(
                _("The request is “%(status)s” now: this letter can no longer be issued.")
                % {"status": request.get_status_display()}
            )
    elif hasattr(Letter.objects.get(pk=draft.replaces_id), "replaced_by"):
        raise DraftRefused(_("This letter was corrected already: correct the newest one."))
    _answerable(request, draft.type)
    _readable(request)
    letter = letters.letter_issue(
        request=request,
        letter_type=draft.type,
        fields=draft.field_values,
        issued_by=draft.written_by or actor,
        approved_by=approved_by,
        replaces=draft.replaces,
        now=now,
    )
    draft.state, draft.letter = State.ISSUED, letter
    draft.version += 1
    draft.save(update_fields=["state", "letter", "version"])
    ground = letter.field_values.get("ground", "")
    if draft.type == LetterType.REFUSAL and request.status == Status.REFUSED and ground:
        # A corrected refusal: the request records the ground its newest letter gives.
        request.refusal_ground = ground
        request.save(update_fields=["refusal_ground"])
    return letter


@transaction.atomic
def draft_discard(*, draft: LetterDraft, actor, expected_version: int | None) -> LetterDraft:
    draft = _lock(draft, expected_version)
    if not draft.is_open:
        raise DraftRefused(
            _("This letter is %(state)s: it cannot be discarded.")
            % {"state": draft.get_state_display()}
        )
    draft.state = State.DISCARDED
    draft.version += 1
    draft.save(update_fields=["state", "version"])
    return draft
