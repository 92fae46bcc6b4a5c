"""The engine governs what the apps declare, and names none of them itself."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from retention import registry
from retention.models import RecordType
from retention.models.policies import AGE_ONLY_OUTCOMES

ROOT = Path(__file__).resolve().parents[2]


def test_every_record_type_the_policies_name_is_declared_by_an_app():
    """Records governed by outcome are declared as records; the access log, which expires by
    age alone, as an expiring copy (its policy names only the outcome "logged")."""
    declared = {spec.record_type for spec in registry.records()}
    assert declared | set(AGE_ONLY_OUTCOMES) == set(RecordType.values)
    assert not declared & set(AGE_ONLY_OUTCOMES)
    assert "access_log_entries_removed" in {e.name for e in registry.expiring()}


def test_cases_store_their_dates_and_requests_have_theirs_computed():
    assert {spec.record_type for spec in registry.stored()} == {"debt_signal", "youth_case"}
    assert {spec.record_type for spec in registry.computed()} == {"subject_request"}
    assert {e.name for e in registry.expiring()} >= {
        "requests_unverified",
        "response_files_erased",
        "idempotency_records_removed",
    }


def test_a_record_without_stored_dates_must_say_when_it_is_closed():
    with pytest.raises(ValueError, match="closed"):
        registry.register(
            get_user_model(),
            record_type="test_only",
            outcomes=("x",),
            start_event=lambda record, clock_start: None,
        )
    assert registry.record("test_only") is None


NEVER_IMPORTS = {
    "retention": {"requests_app", "cases"},
    "statements": {"requests_app", "cases", "retention", "accesslog"},
    "requests_app": {"retention", "cases"},
    "core": {"requests_app", "cases", "retention", "statements", "accesslog"},
}


@pytest.mark.parametrize("app", sorted(NEVER_IMPORTS))
def test_imports_run_one_way(app):
    forbidden = NEVER_IMPORTS[app]
    found = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in forbidden]
    assert found == []


def test_a_record_type_or_model_declared_twice_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from requests_app.models import SubjectRequest

    with pytest.raises(ImproperlyConfigured, match="twice"):
        registry.register(
            get_user_model(),
            record_type="subject_request",
            outcomes=("closed",),
            start_event=lambda record, clock_start: None,
        )
    with pytest.raises(ImproperlyConfigured, match="twice"):
        registry.register(
            SubjectRequest,
            record_type="another_type",
            outcomes=("closed",),
            start_event=lambda record, clock_start: None,
        )
    with pytest.raises(ImproperlyConfigured, match="twice"):
        registry.register_expiring(name="response_files_erased", purge=lambda *, now: 0)
    assert registry.record("subject_request").model is SubjectRequest


def test_expiring_copies_name_either_their_own_purge_or_the_records_the_run_removes():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="`purge` or `records`"):
        registry.register_expiring(name="neither")
    with pytest.raises(ImproperlyConfigured, match="`purge` or `records`"):
        registry.register_expiring(name="both", purge=lambda *, now: 0, records=lambda *, now: None)
    with pytest.raises(ImproperlyConfigured, match="record_type"):
        registry.register_expiring(name="unlogged", records=lambda *, now: None)
    assert {e.name for e in registry.expiring()}.isdisjoint({"neither", "both", "unlogged"})
