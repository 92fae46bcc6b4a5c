"""What the intake API writes. Each service validates with `full_clean()` and saves through the
case model's own `save()`, so the destruction date, the policy copied at closing and a legal
hold are recomputed by `retention.rules.record_refresh_retention` exactly as for any other
write. Each event is also added to the case's append-only history (what, when, which client;
never a field value). Time is passed in (`now`/`today`)."""

import hashlib
import json
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.crypto import blind_index, blind_indexes

from .callbacks import help_accepted_changed
from .models import (
    ApiClient,
    CaseHistory,
    ContactAttempt,
    DebtSignal,
    IdempotencyRecord,
    LegalHoldReason,
    ReportingOrganisation,
    SignalReport,
    YouthCase,
)
from .models.intake import IDEMPOTENCY_TTL

# The arrears a reporting party of each kind may signal (Wgs art. 8b; Besluit
# gemeentelijke schuldhulpverlening art. 3-6: rent, health insurance, energy, drinking water).
ARREARS_BY_KIND: dict[str, str] = {
    ReportingOrganisation.Kind.LANDLORD: DebtSignal.ArrearsType.RENT,
    ReportingOrganisation.Kind.HEALTH_INSURER: DebtSignal.ArrearsType.HEALTH_INSURANCE,
    ReportingOrganisation.Kind.ENERGY_COMPANY: DebtSignal.ArrearsType.ENERGY,
    ReportingOrganisation.Kind.WATER_COMPANY: DebtSignal.ArrearsType.WATER,
}


def _actor(client: ApiClient) -> str:
    return f"api:{client.organisation.name}/{client.name}"[:150]


def case_history_entry(*, case, action: str, client: ApiClient, now: datetime) -> CaseHistory:
    """An entry of the case's append-only history (unsaved): what, when, which client."""
    link = {"debt_signal": case} if isinstance(case, DebtSignal) else {"youth_case": case}
    return CaseHistory(at=now, action=action, actor=_actor(client), **link)


def _history(case, *, action: str, client: ApiClient, now: datetime) -> None:
    entry = case_history_entry(case=case, action=action, client=client, now=now)
    entry.full_clean()
    entry.save()


class CaseConflict(Exception):
    """The case cannot take the event now: the API answers 409 with `message`."""

    message: str | Promise = ""


class CaseLocked(CaseConflict):
    message = gettext_lazy(
        "This case is locked by another change, such as the retention run destroying it right "
        "now. Nothing was changed: try again in a minute."
    )


class CaseRestricted(CaseConflict):
    message = gettext_lazy(
        "The use of this case is restricted at the resident's request (GDPR art. 18): only a "
        "legal hold can be placed or lifted. Nothing was changed."
    )


class CaseGone(CaseConflict):
    message = gettext_lazy("This case was destroyed by the retention run while the request waited.")


def _lock_not_available(exc: OperationalError) -> bool:
    if connection.vendor != "postgresql":
        return False
    from psycopg import errors

    return isinstance(exc.__cause__, errors.LockNotAvailable)


def _locked(case, *, nowait: bool = False, restricted_ok: bool = False):
    """The case again, locked until the transaction ends: two events for one case never
    overwrite each other's fields. `nowait`: a case another transaction holds (the retention
    run claims the rows it destroys) raises `CaseLocked` at once, rather than waiting for a
    row that may be gone when the wait ends; a case gone meanwhile raises `CaseGone`."""
    try:
        locked = type(case).objects.select_for_update(nowait=nowait).get(pk=case.pk)
    except type(case).DoesNotExist:
        raise CaseGone from None
    except OperationalError as exc:
        if nowait and _lock_not_available(exc):
            raise CaseLocked from None
        raise
    if locked.restricted_since and not restricted_ok:
        raise CaseRestricted
    return locked


def _help_accepted(case) -> str | None:
    return case.help_accepted if isinstance(case, DebtSignal) else None


def _feedback(case, *, before: str | None, now: datetime) -> None:
    """A debt case whose answer to the offer of help changed: its reporting parties are
    told (`cases.callbacks`). The one call every write of offer or outcome makes."""
    if isinstance(case, DebtSignal) and before is not None:
        help_accepted_changed(case=case, before=before, now=now)


def _case_update(
    case,
    *,
    client: ApiClient,
    now: datetime,
    action: str,
    nowait: bool = False,
    restricted_ok: bool = False,
    **fields,
):
    """One event on a case: locked, changed, validated, saved (which recomputes its
    destruction date) and written to its history, in one transaction."""
    with transaction.atomic():
        case = _locked(case, nowait=nowait, restricted_ok=restricted_ok)
        before = _help_accepted(case)
        for name, value in fields.items():
            setattr(case, name, value)
        case.full_clean()
        case.save()
        _history(case, action=action, client=client, now=now)
        _feedback(case, before=before, now=now)
    return case


def debt_signal_changed_by_staff(*, signal: DebtSignal, before: str, now: datetime) -> None:
    """A case worker changed the signal in the admin: the parties hear of a changed answer."""
    _feedback(signal, before=before, now=now)


def debt_signal_register(
    *, client: ApiClient, data: dict, now: datetime
) -> DebtSignal | SignalReport:
    """A reporting party's early sign of debt (Wgs art. 8b), checked by
    `debt_signal_prepare`.

    A signal for a BSN whose debt case is still open joins that case (`SignalReport`): one
    team contact, one history, and retention counting from the latest signal. Otherwise it
    opens a case. Returns what the party follows: the new case, or its joined signal. (A batch
    applies the same rules to many signals at once: `cases.batches`.)"""
    data = debt_signal_prepare(client=client, data=data, now=now)
    with transaction.atomic():
        bsn = data.get("bsn", "")
        case = open_debt_cases([bsn]).get(blind_index(bsn)) if bsn else None
        if case is not None:
            report = signal_report_build(case=case, client=client, data=data)
            report.full_clean()
            report.save()
            if signal_join_moves_clock(case=case, report=report):
                case.save()  # recomputes the destruction date from the latest signal
            _history(case, action="signal joined", client=client, now=now)
            return report
        signal = DebtSignal(reporting_organisation=client.organisation, **data)
        signal.full_clean()
        signal.save()
        _history(signal, action="registered", client=client, now=now)
    return signal


def debt_signal_prepare(*, client: ApiClient, data: dict, now: datetime) -> dict:
    """The service's rules of a signal: the reporting party is the client's organisation,
    never a field of the request; it signals the arrears of its kind only (ARREARS_BY_KIND);
    the signal is dated today unless the party says otherwise, and not before the arrears."""
    data = dict(data)
    expected = ARREARS_BY_KIND.get(client.organisation.kind)
    given = data.setdefault("arrears_type", expected)
    if expected is None or given != expected:
        raise ValidationError(
            {"arrears_type": [_("This reporting party does not signal these arrears.")]}
        )
    data["signal_received_on"] = data.pop("signal_date", None) or timezone.localdate(now)
    if data["arrears_since"] > data["signal_received_on"]:
        raise ValidationError({"arrears_since": [_("The arrears cannot start after the signal.")]})
    return data


def open_debt_cases(bsns) -> dict[str, DebtSignal]:
    """The open debt case per BSN (given normalised), keyed by the BSN's current blind index,
    locked (the oldest, should there be two). A case indexed under the previous key, while
    the key is being changed, is found too. On PostgreSQL a lock on each index first
    serialises signals for one resident, so two first signals cannot open two cases. Call
    inside a transaction."""
    current = {}  # every index a case may be stored under -> the current one
    for bsn in set(bsns) - {""}:
        variants = blind_indexes(bsn)
        current.update(dict.fromkeys(variants, variants[0]))
    indexes = sorted(set(current.values()))
    if not indexes:
        return {}
    if connection.vendor == "postgresql":
        keys = [int(index[:15], 16) for index in indexes]  # sorted: no deadlock between two
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(key) FROM unnest(%s::bigint[]) key", [keys]
            )
    found: dict[str, DebtSignal] = {}
    for case in (
        DebtSignal.objects.select_for_update()
        # A restricted case (art. 18) takes no more signals: a new one opens a case of its own.
        .filter(bsn_index__in=list(current), closed_on__isnull=True, restricted_since=None)
        .order_by("pk")
    ):
        found.setdefault(current[case.bsn_index], case)
    return found


def signal_report_build(*, case: DebtSignal, client: ApiClient, data: dict) -> SignalReport:
    """A later signal as it joins the open case: its party, arrears line and date. The
    resident's details are the case's already, so the rest of the signal is not stored."""
    return SignalReport(
        debt_signal=case,
        reporting_organisation=client.organisation,
        signal_received_on=data["signal_received_on"],
        administration_number=data.get("administration_number", ""),
        arrears_type=data["arrears_type"],
        arrears_amount=data["arrears_amount"],
        arrears_since=data["arrears_since"],
    )


def signal_join_moves_clock(*, case: DebtSignal, report: SignalReport) -> bool:
    """Retention counts from the latest signal in the case: a later one moves the date the
    clock starts (`DebtSignal.last_signal_on`); True if it did (the case needs saving)."""
    if report.signal_received_on > (case.last_signal_on or report.signal_received_on):
        case.latest_signal_on = report.signal_received_on
        return True
    return False


def youth_case_register(*, client: ApiClient, data: dict, now: datetime) -> YouthCase:
    """A request for youth assistance from the youth case system (Jeugdwet art. 2.3)."""
    case = YouthCase(**data)
    with transaction.atomic():
        case.full_clean()
        case.save()
        _history(case, action="registered", client=client, now=now)
    return case


def contact_attempt_record(
    *, client: ApiClient, signal: DebtSignal, data: dict, now: datetime
) -> ContactAttempt:
    with transaction.atomic():
        signal = _locked(signal)
        attempt = ContactAttempt(debt_signal=signal, **data)
        attempt.full_clean()
        attempt.save()
        _history(signal, action="contact attempt recorded", client=client, now=now)
    return attempt


def debt_signal_record_offer(
    *, client: ApiClient, signal: DebtSignal, offer: str, debt_relief_programme: str, now: datetime
) -> DebtSignal:
    """The offer of help and its answer (Wgs art. 3), before the signal is closed."""
    return _case_update(
        signal,
        client=client,
        now=now,
        action="offer recorded",
        offer=offer,
        debt_relief_programme=debt_relief_programme,
    )


def case_close(*, client: ApiClient, case, outcome: str, closed_on: date, now: datetime, **extra):
    """Closes a case with its outcome: the model copies the policy in force on `closed_on`
    and computes the destruction date."""
    with transaction.atomic():
        case = _locked(case)
        if case.is_closed:
            raise ValidationError({"outcome": [_("This case is already closed.")]})
        opened = case.clock_dates()["signal_received"]
        if closed_on < opened:
            raise ValidationError({"closed_on": [_("A case closes after it was received.")]})
        before = _help_accepted(case)
        case.outcome = outcome
        case.closed_on = closed_on
        for field, value in extra.items():
            setattr(case, field, value)
        case.full_clean()
        case.save()
        _history(case, action="closed", client=client, now=now)
        _feedback(case, before=before, now=now)
    return case


def youth_case_decide(
    *, client: ApiClient, case: YouthCase, decision: str, decision_on: date, now: datetime
) -> YouthCase:
    """The decision (besluit) on the request; retention may count from its date."""
    return _case_update(
        case,
        client=client,
        now=now,
        action="decision recorded",
        decision=decision,
        decision_on=decision_on,
    )


def youth_case_record_objection(
    *, client: ApiClient, case: YouthCase, received_on: date, text: str, now: datetime
) -> YouthCase:
    """An objection (bezwaar, Awb art. 6:4) against the decision: recorded, and the case is
    put on legal hold so that it is not destroyed while the objection runs."""
    with transaction.atomic():
        case = _locked(case, nowait=True)
        case.objection = text
        if not case.legal_hold_reason:
            case.legal_hold_reason = LegalHoldReason.OBJECTION
            case.legal_hold_since = received_on
        case.full_clean()
        case.save()
        _history(case, action="objection recorded", client=client, now=now)
    return case


def case_place_legal_hold(*, client: ApiClient, case, reason: str, since: date, now: datetime):
    """Places a hold. A case the retention run is destroying at this moment cannot be held
    any more: `CaseLocked` at once (409), never a wait that ends in a missing row (500)."""
    return _case_update(
        case,
        client=client,
        now=now,
        nowait=True,
        restricted_ok=True,
        action="legal hold placed",
        legal_hold_reason=reason,
        legal_hold_since=since,
    )


def case_lift_legal_hold(*, client: ApiClient, case, now: datetime):
    """Lifts the hold: a closed case whose destruction date has passed is due at the next run."""
    return _case_update(
        case,
        client=client,
        now=now,
        restricted_ok=True,
        action="legal hold lifted",
        legal_hold_reason="",
        legal_hold_since=None,
    )


def request_fingerprint(*, method: str, path: str, data) -> str:
    """The hash an Idempotency-Key is bound to: the operation and its parsed body (so the
    same JSON with other whitespace or key order is the same request)."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def idempotency_lookup(*, client: ApiClient, key: str, now: datetime) -> IdempotencyRecord | None:
    """The earlier answer for this key, if any; an expired one is forgotten."""
    record = IdempotencyRecord.objects.filter(client=client, key=key).first()
    if record is not None and record.created_at <= now - IDEMPOTENCY_TTL:
        record.delete()
        return None
    return record


def idempotency_claim(
    *, client: ApiClient, key: str, request_hash: str, now: datetime
) -> IdempotencyRecord:
    """Claims the key; raises IntegrityError when another request holds it. Call inside the
    transaction that does the work, so the claim and the work commit or vanish together."""
    return IdempotencyRecord.objects.create(
        client=client, key=key, request_hash=request_hash, created_at=now
    )


def idempotency_complete(*, record: IdempotencyRecord, status: int, body: dict) -> None:
    record.response_status = status
    record.response_body = body
    record.save(update_fields=["response_status", "response_body"])


def idempotency_forget_expired(*, now: datetime) -> int:
    """Removes the answers kept longer than `IDEMPOTENCY_TTL`."""
    deleted, _by_model = IdempotencyRecord.objects.expired(now=now).delete()
    return deleted


def api_client_create(
    *, organisation: ReportingOrganisation, name: str, scopes: list[str], case_domain: str = ""
) -> tuple[ApiClient, str]:
    """A new credential and its token. The token is returned once and stored only hashed:
    hand it over through a channel agreed with the organisation; it cannot be shown again."""
    client = ApiClient(organisation=organisation, name=name, scopes=scopes, case_domain=case_domain)
    token = client.new_token()
    client.full_clean()
    client.save()
    return client, token


def api_client_set_callback(*, client: ApiClient, url: str) -> str:
    """Registers (or, with "", removes) the client's callback URL. A new URL gets a new
    signing secret, returned once to hand over; it is stored encrypted, since each callback
    is signed with it (`cases.callbacks`)."""
    client.callback_url = url
    secret = client.new_callback_secret() if url else ""
    if not url:
        # bandit B105: not a password but the removal of the secret with its URL.
        client.callback_secret = ""  # nosec B105
    client.full_clean()
    client.save(update_fields=["callback_url", "callback_secret"])
    return secret


def api_client_revoke(*, client: ApiClient, now: datetime) -> None:
    """Revoked at once: the next request with its token gets a 401."""
    ApiClient.objects.filter(pk=client.pk, revoked_at__isnull=True).update(revoked_at=now)
