"""Carrying out a request against the data sources: the verified BSN, the lookup, the
handler's art. 15(4) removals, and the answer's files when the answer letter is issued.

Who may do what is the role table's (`core/roles.py`): a lookup needs `view_personal_data`,
and searches only the domains the user may see (the DPO every domain, a handler their
teams'). The callers log each access; these functions never log personal data.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record_for
from cases.validators import normalize_bsn, validate_bsn
from core.crypto import blind_index
from requests_app import roles
from requests_app.models import Event, Kind, SubjectRequest, VerificationMethod
from requests_app.services import request_lock

from .models import AccessAnswer
from .sources import FoundRecord, records_find

CASE_DOMAINS = ("debt", "youth")
# How staff may have checked the BSN: every method but DigiD (DigiD sets it itself).
STAFF_METHODS = [m for m in VerificationMethod if m != VerificationMethod.DIGID]


class SubjectRefused(Exception):
    """The step cannot be taken; the message says why, for staff."""


def domains_visible(user) -> list[str]:
    """The case domains whose records `user` may see in a request's lookup."""
    if not user.has_perm("requests_app.view_personal_data"):
        return []
    if roles.is_dpo(user):
        return list(CASE_DOMAINS)
    return [domain for domain in roles.team_domains(user) if domain in CASE_DOMAINS]


def bsn_verified(request: SubjectRequest) -> bool:
    """A BSN proven by DigiD, or entered by staff after a recorded check."""
    return bool(request.bsn_index and request.identity_method)


@transaction.atomic
def request_bsn_record(
    *, request: SubjectRequest, bsn: str, method: str, actor, expected_version=None, now=None
) -> SubjectRequest:
    """Records the BSN staff checked (at the counter, by a call-back, ...) and how: the
    request's identity is then verified, and its records can be looked up. Never over a BSN
    DigiD proved. The BSN is stored encrypted with its blind index; the timeline says that and
    how it was checked, never the number."""
    now = now or timezone.now()
    request = request_lock(request, expected_version)
    if request.identity_method == VerificationMethod.DIGID or request.digid_level:
        raise SubjectRefused(_("DigiD proved this person's BSN: it cannot be changed."))
    if not request.is_open:
        raise SubjectRefused(_("The request is closed: no BSN can be recorded on it."))
    if request.bsn_index and not roles.is_dpo(actor):
        raise SubjectRefused(_("A BSN is recorded already: only the DPO can change it."))
    if request.bsn_index and (
        AccessAnswer.objects.filter(request=request).exists()
        or request.letter_drafts.filter(type="answer").exists()
        or request.letters.filter(type="answer").exists()
    ):
        # The answer is being written from the records of this BSN: another one would send
        # records nobody reviewed.
        raise SubjectRefused(_("The answer is being written for this BSN: it cannot change."))
    if method not in STAFF_METHODS:
        raise SubjectRefused(_("Choose how the BSN was checked."))
    bsn = normalize_bsn(bsn)
    try:
        validate_bsn(bsn)
    except ValidationError as exc:
        raise SubjectRefused(" ".join(exc.messages)) from None
    request.bsn, request.bsn_index = bsn, blind_index(bsn)
    request.identity_method, request.identity_verified_at = method, now
    request.version += 1
    request.save(
        update_fields=["bsn", "bsn_index", "identity_method", "identity_verified_at", "version"]
    )
    Event.objects.create(
        request=request, type=Event.Type.BSN_CHECKED, at=now, actor=actor, note=method
    )
    return request


def _bsn_checked_by(request: SubjectRequest):
    event = request.events.filter(type=Event.Type.BSN_CHECKED).order_by("-at", "-pk").first()
    return event.actor if event else None


def subject_records(*, request: SubjectRequest, domains) -> list[FoundRecord]:
    """Every record the sources hold about the request's verified BSN within `domains`."""
    if not bsn_verified(request):
        return []
    bsn = SubjectRequest.objects.only("bsn").get(pk=request.pk).bsn
    return records_find(bsn, domains=domains)


def _answer_for(request, actor, now) -> AccessAnswer:
    if request.kind != Kind.ACCESS:
        raise SubjectRefused(_("Only an access request has an access answer."))
    if request.letters.filter(type="answer").exists():
        raise SubjectRefused(_("The answer was issued: it cannot be changed any more."))
    answer, _created = AccessAnswer.objects.select_for_update().get_or_create(
        request=request, defaults={"updated_at": now}
    )
    return answer


@transaction.atomic
def access_answer_prepare(*, request: SubjectRequest, actor, now=None) -> AccessAnswer:
    """The answer covers every domain someone who looked the records up for it may see: a
    debt handler's look adds the debt records, a youth handler's the youth case (the first
    look alone once decided it, and a youth case went missing). It is assembled from them
    when the answer letter is issued."""
    now = now or timezone.now()
    answer = _answer_for(request, actor, now)
    domains = sorted(set(answer.domains or []) | set(domains_visible(actor)))
    if domains != sorted(answer.domains or []):
        answer.domains = domains
        answer.prepared_by, answer.updated_at = actor, now
        answer.save()
    return answer


@transaction.atomic
def access_answer_line_remove(
    *, request: SubjectRequest, key: str, reason: str, actor, now=None
) -> AccessAnswer:
    """Leaves a record, or one line of it, out of the answer under GDPR art. 15(4) (the
    rights of others: the other parent's data, a reporter's notes), with the reason."""
    now = now or timezone.now()
    if not reason.strip():
        raise SubjectRefused(_("Say why this is left out (GDPR art. 15(4))."))
    answer = _answer_for(request, actor, now)
    if not answer.domains:
        answer.domains = domains_visible(actor)
    answer.removed = {**answer.removed, key[:200]: reason.strip()[:300]}
    answer.prepared_by, answer.updated_at = actor, now
    answer.save()
    return answer


@transaction.atomic
def access_answer_line_restore(*, request: SubjectRequest, key: str, actor, now=None):
    now = now or timezone.now()
    answer = _answer_for(request, actor, now)
    answer.removed = {k: v for k, v in answer.removed.items() if k != key}
    answer.prepared_by, answer.updated_at = actor, now
    answer.save()
    return answer


def access_answer_attach(*, request: SubjectRequest, now: datetime.datetime) -> bool:
    """When the answer letter of an access request is issued (after the second person's
    approval): its PDF, and the JSON and CSV export for portability, become answer files the
    resident downloads. Runs in the letter's transaction: no letter without its files."""
    from requests_app.answer_files import response_file_attach

    from . import answer as assembly

    answer = AccessAnswer.objects.select_for_update().filter(request=request).first()
    if answer is None or answer.attached_at or not bsn_verified(request):
        return False
    records = subject_records(request=request, domains=answer.domains)
    letter = request.letters.filter(type="answer").order_by("-issued_at").first()
    access_log_record_for(
        user=letter.approved_by or letter.issued_by if letter else None,
        action=AccessLogEntry.Action.EXPORT,
        objects=[record.obj for record in records if record.obj is not None],
        purpose=request.reference,
        now=now,
    )
    built = assembly.answer_build(request=request, records=records, removed=answer.removed)
    stamp = f"{request.reference}-{now:%Y%m%d}"
    response_file_attach(
        request=request, name=f"{stamp}-inzage.pdf", content=assembly.answer_pdf(built), now=now
    )
    response_file_attach(
        request=request, name=f"{stamp}-gegevens.json", content=assembly.answer_json(built), now=now
    )
    response_file_attach(
        request=request, name=f"{stamp}-gegevens.csv", content=assembly.answer_csv(built), now=now
    )
    answer.attached_at = now
    answer.save(update_fields=["attached_at"])
    return True


ERASE, RESTRICT = "erase", "restrict"
# Which step each kind of request allows on a record (GDPR art. 17 and 18).
# An objection (art. 21) that is upheld stops the processing it names. The processing this
# portal does with a case record is the record's use by the case workers and the intake API,
# so an upheld objection stops it the way a restriction does: the record is kept and marked,
# and nothing uses or changes it any more (docs/data-sources.md, "Objection").
ACTIONS: dict[str, str] = {
    Kind.ERASURE: ERASE,
    Kind.RESTRICTION: RESTRICT,
    Kind.OBJECTION: RESTRICT,
}


def record_act(*, request: SubjectRequest, key: str, action: str, actor, now=None) -> FoundRecord:
    """Erases or restricts one record the request's person is the subject of, as the request's
    kind allows, within the domains `actor` may see. The law decides per record before
    anything is done (`FoundRecord.erasure`): a youth case is refused with its ground. The
    timeline says what was done to which type of record, never the record's content."""
    from .sources import SourceRefused, source_get

    now = now or timezone.now()
    if ACTIONS.get(request.kind) != action:
        raise SubjectRefused(_("This request does not ask for that."))
    found = {r.key: r for r in subject_records(request=request, domains=domains_visible(actor))}
    record = found.get(key)
    if record is None:
        raise SubjectRefused(_("That record is not one of this person's."))
    if record.role != "subject":
        raise SubjectRefused(_("Only the person the record is about can ask for this."))
    if action == ERASE and not record.erasure.allowed:
        raise SubjectRefused(record.erasure.reason)
    if action == ERASE and not request.digid_level and _bsn_checked_by(request) == actor:
        # Erasure cannot be undone: the BSN a colleague typed is checked by another pair of
        # eyes before anything is destroyed under it.
        raise SubjectRefused(
            _("You recorded this person's BSN: someone else erases their records.")
        )
    source = source_get(record.source)
    try:
        with transaction.atomic():
            if action == ERASE:
                source.erase(record.record_id, reason=request.reference, now=now)
            else:
                source.restrict(record.record_id, reason=request.reference, now=now)
            Event.objects.create(
                request=request,
                type=Event.Type.NOTE,
                at=now,
                actor=actor,
                note=(
                    _("Record erased: %(type)s")
                    if action == ERASE
                    else _("Record restricted: %(type)s")
                )
                % {"type": record.record_type},
            )
    except SourceRefused as refused:
        raise SubjectRefused(str(refused)) from None
    return record
