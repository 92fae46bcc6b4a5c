"""Every column of every model, classified: the one table that says what is personal.

Classes (`DataClass`):
- none: codes, statuses, amounts, dates of the process, public ids and published texts; they
  say nothing about a person unless joined to an encrypted column.
- personal: identifies a person or is written about one (names, addresses, dates of birth,
  references, free text staff or a case system type).
- special: special-category data (GDPR art. 9), criminal data (art. 10), and the BSN (Wabb).
- secret: what opens something (tokens, codes, keys, password hashes).

How a personal, special or secret column is kept follows from its field: an encrypted field
(`core.crypto.EncryptedTextField` and its subclasses) needs only its class here. Any other way
is written out with `Kept`: a keyed hash (`blind_index`, `keyed_hash`: compared, never read), a
plain hash (SHA-256 of a random token), encrypted by the code that writes it (bytes), or plain,
with the reason it must stay readable (a coarse derivative, staff data the back office needs,
a third-party app's table). tests/core/test_classification.py fails when a column is missing
here, or is personal, special or secret without one of these.

Auto-created many-to-many tables (auth's user-group links) hold only two foreign keys and are
not listed.
"""

import enum
from dataclasses import dataclass


class DataClass(enum.StrEnum):
    NONE = "none"
    PERSONAL = "personal"
    SPECIAL = "special"
    SECRET = "secret"  # noqa: S105  # nosec B105: a class name, not a password


class Storage(enum.StrEnum):
    KEYED_HASH = "keyed hash"
    HASH = "hash"
    ENCRYPTED_BY_CODE = "encrypted by the code that writes it"
    PLAIN = "plain"


@dataclass(frozen=True)
class Kept:
    """A column that is not an encrypted field: how it is stored, and why that is enough."""

    data_class: DataClass
    storage: Storage
    reason: str


Entry = DataClass | Kept
N, P, S, X = DataClass.NONE, DataClass.PERSONAL, DataClass.SPECIAL, DataClass.SECRET


def keyed_hash(data_class: DataClass) -> Kept:
    return Kept(data_class, Storage.KEYED_HASH, "HMAC under BLIND_INDEX_KEY: only compared")


def token_hash(reason: str = "SHA-256 of a random 256-bit token") -> Kept:
    return Kept(X, Storage.HASH, reason)


def plain(data_class: DataClass, reason: str) -> Kept:
    return Kept(data_class, Storage.PLAIN, reason)


def _none(names: str) -> dict[str, Entry]:
    """Columns of class none, named in one string: "id public_id created_at"."""
    return dict.fromkeys(names.split(), N)


STAFF = "a staff member's, not a resident's: the back office shows it and signs in with it"
AXES = "sign-in attempts on /beheer/ (staff); django-axes compares them in plain for the lockout"
# The columns `retention.models.RetainedRecord` adds to every governed record.
RETAINED: dict[str, Entry] = _none(
    "outcome closed_on legal_hold_reason legal_hold_since retention_postponed_until "
    "retention_status retention_policy retention_policy_code retention_period "
    "retention_clock_start retention_action retention_needs_approval retention_copied_for "
    "startdatum_bewaartermijn archiefactiedatum"
)
CASE: dict[str, Entry] = {  # `cases.models.base.CaseRecord`
    **RETAINED,
    **_none("id public_id created_at updated_at"),
    "external_reference": P,
    "bsn": S,
    "bsn_index": keyed_hash(S),
    # GDPR art. 18: the date a resident's restriction was recorded; a process date.
    "restricted_since": N,
}
AXES_ATTEMPT: dict[str, Entry] = {
    **_none("id http_accept path_info attempt_time"),
    "user_agent": plain(P, AXES),
    "ip_address": plain(P, AXES),
    "username": plain(P, AXES),
}

CLASSIFICATION: dict[str, dict[str, Entry]] = {
    # --- Django's and third-party apps -------------------------------------------------------
    "admin.LogEntry": {
        **_none("id action_time user content_type object_id action_flag"),
        # Field names only (Django's change message), never values.
        "change_message": N,
        "object_repr": plain(
            P, "str() of the object: a public id or code for ours, a user name for staff"
        ),
    },
    "auth.Permission": _none("id name content_type codename"),
    "auth.Group": _none("id name"),
    "auth.User": {
        **_none("id last_login is_superuser is_staff is_active date_joined"),
        "password": token_hash("Django's salted password hash (PBKDF2)"),
        "username": plain(P, STAFF),
        "first_name": plain(P, STAFF),
        "last_name": plain(P, STAFF),
        "email": plain(P, STAFF + "; destruction-list reminders go to it"),
    },
    "contenttypes.ContentType": _none("id app_label model"),
    "sessions.Session": {
        "session_key": plain(X, "Django looks a session up by its key; a new key at sign-in"),
        "session_data": plain(
            X, "signed; a resident's BSN, name and e-mail in it are encrypted (digid.session)"
        ),
        "expire_date": N,
    },
    "otp_totp.TOTPDevice": {
        **_none("id user name confirmed throttling_failure_timestamp"),
        **_none("throttling_failure_count created_at last_used_at step t0"),
        **_none("digits tolerance drift last_t"),
        "key": plain(X, "django-otp needs the shared key itself to check a code"),
    },
    "otp_static.StaticDevice": _none(
        "id user name confirmed throttling_failure_timestamp throttling_failure_count created_at "
        "last_used_at"
    ),
    "otp_static.StaticToken": {
        "id": N,
        "device": N,
        "token": plain(X, "django-otp compares the one-time token as typed; used once"),
    },
    "axes.AccessFailureLog": {**AXES_ATTEMPT, "locked_out": N},
    "axes.AccessAttempt": {
        **AXES_ATTEMPT,
        # AXES_SENSITIVE_PARAMETERS masks the password; the rest is the sign-in form.
        "get_data": plain(P, AXES),
        "post_data": plain(P, AXES),
        "failures_since_start": N,
    },
    "axes.AccessAttemptExpiration": _none("access_attempt expires_at"),
    "axes.AccessLog": {
        **AXES_ATTEMPT,
        "logout_time": N,
        "session_hash": token_hash("SHA-256 of the session key"),
    },
    # --- accesslog ---------------------------------------------------------------------------
    "accesslog.AccessLogEntry": {
        **_none("id at user roles action record_type record_id"),
        # A public id or a request number; purposes are the code's own words.
        **_none("record_reference purpose"),
        "username": plain(P, STAFF + "; NEN 7513 asks who, readable by the auditor"),
        "ip_address": plain(P, "the staff member's address: NEN 7513 asks from where"),
        "path": plain(P, "the page a staff member opened: ids only, never the query string"),
    },
    # --- statements: published texts and page counts -----------------------------------------
    "statements.Statement": _none("id created_at updated_at slug order"),
    "statements.StatementVersion": _none(
        "id created_at updated_at statement number status effective_date change_summary_nl "
        "change_summary_en title_nl title_en intro_nl intro_en contact_nl contact_en published_at "
        "published_by"
    ),
    "statements.Section": _none("id order version kind heading_nl heading_en body_nl body_en"),
    "statements.Recipient": _none(
        "id order version role name_nl name_en description_nl description_en"
    ),
    "statements.LegalBasis": _none("id order version law_nl law_en article_nl article_en"),
    "statements.RetentionRule": _none(
        "id order version code condition_nl condition_en period clock_start legal_basis_nl "
        "legal_basis_en"
    ),
    "statements.PageStatistic": _none("id path hour views timed_views seconds"),
    # --- requests_app ------------------------------------------------------------------------
    "requests_app.SubjectRequest": {
        **_none("id public_id reference kind domain status language"),
        **_none("received_at due_date digid_level capacity verified_at"),
        **_none("verification_expires_at verification_attempts withdrawn_at"),
        **_none("closed_at channel registered_by assigned_to identity_method"),
        **_none("identity_verified_at extended_on postponed_weeks refusal_ground"),
        **_none("legal_hold_reason legal_hold_since version delivery"),
        "secret_hash": token_hash(),
        "submission_key": token_hash("SHA-256 of the form's random start token"),
        "name": P,
        "name_index": keyed_hash(P),
        "email": P,
        "email_index": keyed_hash(P),
        "details": S,  # a resident writes what they like: health, debts, youth care
        "bsn": S,
        "bsn_index": keyed_hash(S),
        "representative_bsn": S,
        "representative_bsn_index": keyed_hash(S),
        "subject_name": P,
        "postal_address": P,
        "verification_hash": keyed_hash(X),
    },
    "requests_app.ClockStopPeriod": {**_none("id request start end"), "reason": P},
    "requests_app.AuthorityCheck": {
        **_none("id request evidence checked_by checked_at"),
        "note": P,
    },
    "requests_app.Transition": {
        **_none("id request from_status to_status actor at refusal_ground"),
        **_none("verification_method letter_type"),
        "note": P,
        "without_letter_reason": P,
    },
    "requests_app.Event": {
        **_none("id request type at actor"),
        "note": plain(P, "codes, and an assigned handler's user name (" + STAFF + ")"),
        "text": P,
    },
    "requests_app.Letter": {
        **_none("id public_id request type language issued_at issued_by approved_by replaces"),
        **_none("printed_at printed_by"),
        "fields": S,
        "html": S,
    },
    "requests_app.LetterDraft": {
        **_none("id public_id request type state replaces written_by written_at submitted_by"),
        **_none("letter version contributors"),
        "fields": S,
        "returned_with": P,
    },
    "requests_app.ResponseFile": {
        **_none("id public_id request content_type size uploaded_at"),
        **_none("uploaded_by expires_at purged_at"),
        "original_name": P,
        "content": Kept(S, Storage.ENCRYPTED_BY_CODE, "core.crypto.encrypt_bytes (answer_files)"),
    },
    "requests_app.StatusLink": {
        **_none("id request created_at"),
        "secret_hash": token_hash(),
    },
    "requests_app.OutgoingEmail": {
        **_none("id request template created_at sent_at attempts"),
        "link_secret": X,
        "verification_code": X,
    },
    # Counts per month: no row names a request.
    "requests_app.MonthlyFigures": _none(
        "id month ends_at stored_at received by_kind by_domain completed refused withdrawn "
        "closed_by_kind on_time days_to_answer extended open overdue"
    ),
    # --- retention ---------------------------------------------------------------------------
    "retention.PendingFileDeletion": {
        **_none("id storage queued_at"),
        "name": plain(P, "a storage path to remove; the row goes when the file is gone"),
    },
    "retention.RetentionPolicy": _none("id code record_type outcomes action needs_approval active"),
    "retention.RetentionRun": _none(
        "id public_id started_at finished_at status dry_run today counts error statement "
        "progress_done progress_total progress_at reported_in"
    ),
    "retention.DestructionList": {
        **_none("id public_id policy_code record_type status created_at"),
        **_none("approved_at approved_by rejected_at rejected_by reminded_at"),
        **_none("destroyed_at item_count statement"),
        "rejection_reason": P,
    },
    "retention.DestructionListItem": {
        **_none("id destruction_list record_id archiefactiedatum status"),
        **_none("exclusion new_date hold_reason decided_at decided_by"),
        "reason": P,
    },
    # Notes are the code's own: an item number and its exclusion, a count of recipients.
    "retention.DestructionListEvent": _none("id destruction_list at action user note"),
    "retention.DestructionLogEntry": {
        **_none("id run destruction_list record_type policy_code action"),
        **_none("retention_period archiefactiedatum destroyed_on count"),
        # category: the reporting party's kind or an iJW product category, a coarse code.
        **_none("derived_rows category started_on"),
        "references": keyed_hash(P),
    },
    "retention.RetentionStatistic": _none("id record_type month outcome category count"),
    # --- cases -------------------------------------------------------------------------------
    "cases.ReportingOrganisation": _none("id name kind active"),
    "cases.ApiClient": {
        **_none("id public_id organisation name key_id scopes case_domain"),
        **_none("callback_url created_at last_used_at revoked_at"),
        "token_hash": token_hash(),
        "callback_secret": X,
    },
    "cases.IdempotencyRecord": {
        **_none("id client key created_at response_status"),
        "request_hash": Kept(
            P, Storage.HASH, "SHA-256 of a whole request body, only compared; kept 24 hours"
        ),
        "response_body": N,  # a public id and a status: outputs echo no personal data
    },
    "cases.SignalBatch": {
        **_none("id public_id client status total processed accepted"),
        **_none("created_at finished_at"),
    },
    "cases.SignalBatchChunk": {**_none("id batch first_line"), "payload": S},
    # Errors never echo a value (cases.api.serializers.ChoiceField and the validators).
    "cases.SignalBatchItem": _none("id batch line public_id errors"),
    "cases.CallbackDelivery": {
        **_none("id public_id client dedup_key created_at next_attempt_at"),
        **_none("attempts last_status delivered_at"),
        "payload": N,  # a public id and yes/no
    },
    "cases.DebtSignal": {
        **CASE,
        **_none("reporting_organisation signal_received_on latest_signal_on"),
        # Amounts and dates identify nobody without the encrypted columns.
        **_none("arrears_type arrears_amount arrears_since offer"),
        "name": P,
        "address": P,
        "date_of_birth": P,
        "gender": P,
        "administration_number": P,
        "phone": P,
        "debt_relief_programme": P,
        "caregiver_reports": S,
    },
    "cases.ContactAttempt": {
        **_none("id debt_signal attempted_on channel result"),
        "note": P,
    },
    "cases.YouthCase": {
        **CASE,
        **_none("request_received_on referrer decision decision_on"),
        # Validated as an iJW code (cases.validators): a product, never free text.
        "product_code": N,
        "youth_name": P,
        "youth_date_of_birth": P,
        "representatives": P,
        "contact_details": P,
        "social_network": P,
        "living_situation": P,
        "family_composition": P,
        "involved_professionals": P,
        "objection": P,
        "end_reason": P,
        # Youth assistance is care: what it is and why is health data (GDPR art. 9).
        "safety_risks": S,
        "development_notes": S,
        "counselling_history": S,
        "health_data": S,
        "assistance_requested": S,
        "assistance_delivered": S,
    },
    "cases.YouthRepresentative": {
        **_none("id youth_case capacity"),
        "bsn": S,
        "bsn_index": keyed_hash(S),
    },
    "subjects.AccessAnswer": {
        **_none("id request domains updated_at attached_at"),
        "prepared_by": N,  # a staff account's id
        # The handler's reasons for leaving data out (art. 15(4)) may name another person.
        "removed_json": P,
    },
    "cases.CaseHistory": {
        **_none("id debt_signal youth_case at action"),
        "actor": plain(P, STAFF),
    },
    "cases.CaseDocument": {
        **_none("id debt_signal youth_case kind added_at"),
        "file": plain(P, "a storage path (cases/<year>/<month>/<name>); removed with the case"),
    },
    "cases.SignalReport": {
        **_none("id public_id debt_signal reporting_organisation"),
        **_none("signal_received_on arrears_type arrears_amount arrears_since"),
        **_none("created_at"),
        "administration_number": P,
    },
}


def class_of(entry: Entry) -> DataClass:
    return entry.data_class if isinstance(entry, Kept) else entry


def counts() -> dict[DataClass, int]:
    """How many columns each class has (for the closing note and the docs)."""
    totals = dict.fromkeys(DataClass, 0)
    for fields in CLASSIFICATION.values():
        for entry in fields.values():
            totals[class_of(entry)] += 1
    return totals
