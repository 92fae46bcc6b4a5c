"""The workflow of a request or complaint: the one table of allowed transitions, and the rules
each transition must meet. Pure: nothing here reads the clock or writes the database
(`services.request_transition` applies a transition).

    received ─┬─> verifying identity ─┬─> in progress ─┬─> extended ──> completed
              │                       │                ├─> completed
              └─> in progress         └─> on hold <────┘   (and back)
    any open status ──> refused (with a legal ground) or withdrawn (by staff, or by the
                        resident through their link: `services.request_withdraw`)

* On hold stops the clock of a GDPR request while the municipality waits for the resident
  (GDPR art. 12(6): more proof of identity, or a clarification). Complaints have no stopped
  clock (Awb ch. 9 has none), so a complaint cannot go on hold.
* Extended: for a GDPR request two more months, once, told to the resident with reasons
  within the first month (GDPR art. 12(3)); for a complaint the one postponement of at most
  four weeks, told in writing before the six weeks run out (Awb 9:11(2)).
* Refused needs a structured legal ground (`RefusalGround`) and an explanation: the letter
  must give the resident reasons they can object to (Awb 6:7) or complain about (GDPR art. 77).
* Identity is recorded with the method used (`VerificationMethod`), never a copy of an ID,
  before a GDPR request is worked on.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from . import deadlines
from .models import Kind, LetterType, RefusalGround, Status, VerificationMethod

S = Status
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.RECEIVED: (S.VERIFYING, S.IN_PROGRESS, S.ON_HOLD, S.REFUSED, S.WITHDRAWN),
    S.VERIFYING: (S.IN_PROGRESS, S.ON_HOLD, S.REFUSED, S.WITHDRAWN),
    S.IN_PROGRESS: (S.ON_HOLD, S.EXTENDED, S.COMPLETED, S.REFUSED, S.WITHDRAWN),
    S.ON_HOLD: (S.VERIFYING, S.IN_PROGRESS, S.REFUSED, S.WITHDRAWN),
    S.EXTENDED: (S.ON_HOLD, S.COMPLETED, S.REFUSED, S.WITHDRAWN),
    S.COMPLETED: (),
    S.REFUSED: (),
    S.WITHDRAWN: (),
}

# The letter a transition calls for, written after the step: the notice that the clock stops,
# the extension notice. Issuing it is the letters module's job; the transition service returns
# this type so that the caller can name it.
LETTER_FOR: dict[str, str] = {
    S.ON_HOLD: LetterType.CLOCK_STOPPED,
    S.EXTENDED: LetterType.EXTENSION,
}

# The decision letter a request must have had issued before it closes with this status (an
# answer once went out on a request still "received", and requests closed with none).
LETTER_BEFORE: dict[str, str] = {
    S.COMPLETED: LetterType.ANSWER,
    S.REFUSED: LetterType.REFUSAL,
}

L = LetterType
# The letters staff may write while a request has this status. A closed request gets none but
# corrections of letters already issued (`letter_drafts.correction_start`).
LETTERS_IN: dict[str, tuple[str, ...]] = {
    S.RECEIVED: (L.ACKNOWLEDGEMENT, L.REFUSAL),
    S.VERIFYING: (L.ACKNOWLEDGEMENT, L.REFUSAL),
    S.IN_PROGRESS: (L.ACKNOWLEDGEMENT, L.ANSWER, L.REFUSAL),
    S.ON_HOLD: (L.CLOCK_STOPPED, L.REFUSAL),
    S.EXTENDED: (L.EXTENSION, L.ANSWER, L.REFUSAL),
    S.COMPLETED: (),
    S.REFUSED: (),
    S.WITHDRAWN: (),
}
DECISION_LETTERS = frozenset(LETTER_BEFORE.values())

# A request registered by staff (letter, phone, counter) is acknowledged by letter; a complaint
# must be acknowledged in writing (Awb 9:6).
LETTER_ON_REGISTER = LetterType.ACKNOWLEDGEMENT


class TransitionRefused(Exception):
    """The transition is not allowed, or lacks what it needs; the message says why, for staff."""


def allowed_from(status: str) -> tuple[str, ...]:
    return TRANSITIONS[status]


_EVERY_RIGHT = (
    RefusalGround.MANIFESTLY_UNFOUNDED,
    RefusalGround.IDENTITY_NOT_ESTABLISHED,
    RefusalGround.RESTRICTED_BY_LAW,
)
# The grounds on which each kind of request may be refused, and nothing else: 17(3) does not
# answer an objection. A complaint is not refused but judged (Awb 9:12), in its answer letter.
REFUSAL_GROUNDS: dict[str, tuple[str, ...]] = {
    Kind.ACCESS: (*_EVERY_RIGHT, RefusalGround.RIGHTS_OF_OTHERS),
    Kind.RECTIFICATION: _EVERY_RIGHT,
    Kind.ERASURE: (
        *_EVERY_RIGHT,
        RefusalGround.ERASURE_EXCEPTION,
        RefusalGround.ERASURE_LEGAL_CLAIMS,
    ),
    Kind.RESTRICTION: (*_EVERY_RIGHT, RefusalGround.RESTRICTION_NOT_MET),
    Kind.PORTABILITY: (
        *_EVERY_RIGHT,
        RefusalGround.PORTABILITY_NOT_APPLICABLE,
        RefusalGround.RIGHTS_OF_OTHERS,
    ),
    Kind.OBJECTION: (*_EVERY_RIGHT, RefusalGround.COMPELLING_GROUNDS),
    Kind.COMPLAINT: (),
}


def refusal_grounds(kind: str) -> tuple[str, ...]:
    return REFUSAL_GROUNDS[kind]


def letters_allowed(*, status: str, issued: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The letter types that may be written now. Once a decision letter (answer or refusal) is
    issued the other is not offered: a change of mind goes through a correction."""
    allowed = LETTERS_IN[status]
    if DECISION_LETTERS & set(issued):
        allowed = tuple(t for t in allowed if t not in DECISION_LETTERS)
    return allowed


def authority_established(request) -> bool:
    """A request filed for someone else is answered only once the representative's authority
    is on record: a check by staff (`AuthorityCheck`), or DigiD Machtigen, where the broker
    vouched for it (`representative_bsn_index`). A request for oneself needs none."""
    if not request.capacity or request.representative_bsn_index:
        return True
    return request.authority_checks.exists()


def _labels(statuses):
    return ", ".join(str(Status(s).label) for s in statuses) or _("none (the request is closed)")


def check_transition(  # noqa: C901 (one branch per rule of the table; see its tests)
    *,
    request,
    to_status: str,
    today: datetime.date,
    note: str = "",
    refusal_ground: str = "",
    verification_method: str = "",
    told_on: datetime.date | None = None,
    postponed_weeks: int = 0,
    stops: tuple[deadlines.ClockStop, ...] = (),
    letters_issued: frozenset[str] = frozenset(),
    without_letter_reason: str = "",
) -> None:
    """Raises TransitionRefused unless `request` may go to `to_status` with what is given;
    `letters_issued` are the types of the letters issued on it so far."""
    current = request.status
    if to_status not in TRANSITIONS.get(current, ()):
        raise TransitionRefused(
            _("A request that is “%(current)s” cannot become “%(target)s”. Allowed: %(allowed)s.")
            % {
                "current": Status(current).label,
                "target": Status(to_status).label if to_status in Status.values else to_status,
                "allowed": _labels(TRANSITIONS.get(current, ())),
            }
        )
    received = timezone.localdate(request.received_at)
    if to_status == S.ON_HOLD:
        if request.is_complaint:
            raise TransitionRefused(
                _("A complaint has no stopped clock (General Administrative Law Act, ch. 9).")
            )
        if not note.strip():
            raise TransitionRefused(_("Say why the clock stops: what are we waiting for?"))
    if to_status == S.EXTENDED:
        if not note.strip():
            raise TransitionRefused(_("Give the reasons for the extension."))
        if told_on is None:
            raise TransitionRefused(_("Give the date the resident was told."))
        if told_on > today:
            raise TransitionRefused(_("The resident cannot have been told in the future."))
        if request.is_complaint:
            if not 1 <= postponed_weeks <= deadlines.COMPLAINT_MAX_POSTPONEMENT_WEEKS:
                raise TransitionRefused(
                    _("A complaint may be postponed once, by 1 to %(max)s weeks.")
                    % {"max": deadlines.COMPLAINT_MAX_POSTPONEMENT_WEEKS}
                )
            if request.postponed_weeks:
                raise TransitionRefused(_("A complaint may be postponed only once."))
            if not deadlines.postponement_allowed(received=received, announced=told_on):
                raise TransitionRefused(
                    _("Too late: the postponement must be told within the first six weeks.")
                )
        else:
            if request.extended_on:
                raise TransitionRefused(_("A request may be extended only once."))
            if not deadlines.extension_allowed(received=received, announced=told_on, stops=stops):
                raise TransitionRefused(
                    _("Too late: the extension must be told within the first month.")
                )
    if to_status == S.COMPLETED and not authority_established(request):
        raise TransitionRefused(
            _(
                "This request was filed for someone else: record first how the "
                "representative's authority was checked."
            )
        )
    if to_status == S.REFUSED:
        grounds = refusal_grounds(request.kind)
        if not grounds:
            raise TransitionRefused(
                _(
                    "A complaint is not refused: it is judged (well-founded, unfounded or partly "
                    "well-founded, Awb art. 9:12) in the answer letter."
                )
            )
        if not refusal_ground:
            raise TransitionRefused(_("Choose the legal ground for the refusal."))
        if refusal_ground not in grounds:
            raise TransitionRefused(
                _("This ground does not apply to this kind of request. Grounds: %(grounds)s.")
                % {"grounds": "; ".join(str(RefusalGround(g).label) for g in grounds)}
            )
        if not note.strip():
            raise TransitionRefused(_("Explain the refusal: the resident may object to it."))
    if verification_method == VerificationMethod.KNOWN_EMAIL and not request.email_confirmed:
        raise TransitionRefused(
            _(
                "The e-mail address is not confirmed with the code yet, so it does not prove "
                "who the resident is. Verify their identity another way, or wait until they "
                "confirm it."
            )
        )
    if (
        to_status == S.IN_PROGRESS
        and not request.is_complaint
        and not (request.identity_method or verification_method)
    ):
        raise TransitionRefused(
            _("Record how the resident's identity was verified before working on the request.")
        )
    # Last, so that what the step itself lacks is said first.
    needed = LETTER_BEFORE.get(to_status)
    other = sorted((DECISION_LETTERS - {needed}) & set(letters_issued)) if needed else []
    if needed and needed not in letters_issued and other:
        raise TransitionRefused(
            _("The decision letter issued says otherwise (%(letter)s): correct it first.")
            % {"letter": LetterType(other[0]).label}
        )
    if needed and needed not in letters_issued and not without_letter_reason.strip():
        raise TransitionRefused(
            _(
                "Issue the decision letter (%(letter)s) first, or record why the request "
                "closes without one."
            )
            % {"letter": LetterType(needed).label}
        )
