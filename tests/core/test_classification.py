"""Every column is classified in core.classification, and what is personal, special or secret
is encrypted, hashed, or kept plain for a stated reason."""

from django.apps import apps

from core import classification
from core.classification import CLASSIFICATION, DataClass, Kept
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
