"""Every column is classified in core.classification, and what is personal, special or secret
is encrypted, hashed, or kept plain for a stated reason."""

from django.apps import apps

from core import classification
from core.classification import CLASSIFICATION, DataClass, Kept, Storage
from core.crypto import EncryptedTextField


def _columns():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            yield model._meta.label, field


def test_every_column_of_every_model_has_a_class():
    missing = [
        f"{label}.{field.name}"
        for label, field in _columns()
        if field.name not in CLASSIFICATION.get(label, {})
    ]
    assert not missing, f"classify these in core/classification.py: {missing}"


def test_the_table_names_only_columns_that_exist():
    existing = {(label, field.name) for label, field in _columns()}
    stale = [
        f"{label}.{name}"
        for label, fields in CLASSIFICATION.items()
        for name in fields
        if (label, name) not in existing
    ]
    assert not stale


def _problem(label, field):
    entry = CLASSIFICATION[label][field.name]
    encrypted = isinstance(field, EncryptedTextField)
    if isinstance(entry, Kept):
        if entry.data_class is DataClass.NONE:
            return "class none needs no Kept"
        if encrypted:
            return "an encrypted field needs only its class"
        if not entry.reason.strip():
            return "say why this storage is enough"
        return None
    if entry is DataClass.NONE:
        return "encrypted but classified none" if encrypted else None
    if not encrypted:
        return (
            f"{entry} but stored as {type(field).__name__}: encrypt it, keep a keyed hash, "
            "or write the reason it stays plain (classification.Kept)"
        )
    return None


def test_a_personal_special_or_secret_column_is_protected_or_says_why_not():
    problems = [
        f"{label}.{field.name}: {problem}"
        for label, field in _columns()
        if field.name in CLASSIFICATION.get(label, {}) and (problem := _problem(label, field))
    ]
    assert not problems, problems


def test_a_plain_personal_column_fails_the_check(monkeypatch):
    """The check above can fail: a name stored in a CharField without a reason is caught."""
    monkeypatch.setitem(
        CLASSIFICATION, "accesslog.AccessLogEntry", {"username": DataClass.PERSONAL}
    )
    from accesslog.models import AccessLogEntry

    problem = _problem("accesslog.AccessLogEntry", AccessLogEntry._meta.get_field("username"))
    assert "stored as CharField" in problem


def test_the_intake_fields_the_review_found_plain_are_encrypted_or_a_code():
    debt, youth = CLASSIFICATION["cases.DebtSignal"], CLASSIFICATION["cases.YouthCase"]
    for name in ("external_reference", "date_of_birth", "gender", "debt_relief_programme"):
        assert debt[name] is DataClass.PERSONAL
    assert youth["youth_date_of_birth"] is DataClass.PERSONAL
    assert youth["product_code"] is DataClass.NONE
    assert CLASSIFICATION["requests_app.ClockStopPeriod"]["reason"] is DataClass.PERSONAL


def test_counts_add_up_to_every_column():
    totals = classification.counts()
    assert sum(totals.values()) == len(list(_columns()))
    assert all(totals[data_class] > 0 for data_class in DataClass)


def test_every_column_encrypted_at_rest_is_rotated_with_the_keys():
    """Key rotation (core.keyrotation) finds encrypted fields by type and binary columns by
    declaration: a column encrypted by the code that writes it must be declared there."""
    from core.keyrotation import encrypted_columns

    rotated = {
        (table.model._meta.label, field.name)
        for table in encrypted_columns()
        for field in table.fields
    }
    encrypted = {
        (label, name)
        for label, fields in CLASSIFICATION.items()
        for name, entry in fields.items()
        if entry in (DataClass.PERSONAL, DataClass.SPECIAL, DataClass.SECRET)
        or (isinstance(entry, Kept) and entry.storage is Storage.ENCRYPTED_BY_CODE)
    }
    assert encrypted == rotated


def test_every_blind_index_rekeyed_by_rotation_is_classified_a_keyed_hash():
    from core.keyrotation import blind_index_columns

    for model, indexes in blind_index_columns().items():
        for name in indexes:
            entry = CLASSIFICATION[model._meta.label][name]
            assert isinstance(entry, Kept), name
            assert entry.storage is Storage.KEYED_HASH, name
