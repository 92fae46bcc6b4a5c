"""Key rotation (`manage.py rotate_keys`, core/keyrotation.py): re-encryption under the newest
Fernet key, resumable after an interruption, and the blind-index key changed with lookups
that work under both keys meanwhile."""

import base64
import io
import os
import secrets

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, models

from cases.models import DebtSignal
from core import keyrotation
from core.crypto import EncryptedTextField, Purpose, keyed_hash
from digid.session import Resident
from requests_app import verification
from requests_app.answer_files import response_file_attach, response_file_content
from requests_app.assurance import Level
from requests_app.models import ResponseFile, SubjectRequest
from tests.cases.factories import DebtSignalFactory
from tests.requests_app.factories import subject_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"x" * 200


def _fernet_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def _raw(model, pk, column):
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        value = cursor.fetchone()[0]
    return bytes(value) if isinstance(value, memoryview) else value


@pytest.fixture
def old_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [_fernet_key()]
    return settings.FIELD_ENCRYPTION_KEYS[0]


def test_rotation_re_encrypts_every_column_so_that_only_the_new_key_opens_it(settings, old_key):
    request = subject_request(name="Henk Vermeulen", details="burn-out, schuldhulp")
    stored = response_file_attach(request=request, name="inzage.pdf", content=PDF)
    signal = DebtSignalFactory(name="Maria Peters", bsn="123456782")
    before = SubjectRequest.objects.get(pk=request.pk)
    signal_updated = DebtSignal.objects.get(pk=signal.pk).updated_at
    old_tokens = (
        _raw(SubjectRequest, request.pk, "name"),
        _raw(ResponseFile, stored.pk, "content"),
    )

    new_key = _fernet_key()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    out = io.StringIO()
    call_command("rotate_keys", batch_size=2, stdout=out)
    assert "requests_app.SubjectRequest: 1 rows re-encrypted" in out.getvalue()
    assert "requests_app.ResponseFile (original_name, content) — " in out.getvalue()  # progress
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key removed

    after = SubjectRequest.objects.get(pk=request.pk)
    assert (after.name, after.details) == ("Henk Vermeulen", "burn-out, schuldhulp")
    assert response_file_content(ResponseFile.objects.get(pk=stored.pk)) == PDF
    assert ResponseFile.objects.get(pk=stored.pk).original_name == "inzage.pdf"
    changed = DebtSignal.objects.get(pk=signal.pk)
    assert (changed.name, changed.bsn) == ("Maria Peters", "123456782")
    new_tokens = (
        _raw(SubjectRequest, request.pk, "name"),
        _raw(ResponseFile, stored.pk, "content"),
    )
    assert all(new != old for new, old in zip(new_tokens, old_tokens, strict=True))
    # Nothing else changed: no save(), so no version bump and no new updated_at.
    assert after.version == before.version
    assert changed.updated_at == signal_updated


def test_without_the_rotation_removing_the_old_key_fails_loudly(settings, old_key):
    request = subject_request(name="Henk Vermeulen")
    settings.FIELD_ENCRYPTION_KEYS = [_fernet_key()]
    with pytest.raises(ImproperlyConfigured):
        SubjectRequest.objects.get(pk=request.pk).name  # noqa: B018


def test_an_interrupted_rotation_resumes_and_writes_only_what_was_left(settings, old_key):
    requests = [subject_request(name=f"Bewoner {n}") for n in range(5)]
    new_key = _fernet_key()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]

    class Interrupted(Exception):
        pass

    def stop_after_two_batches(label, done, total):
        if label.startswith("requests_app.SubjectRequest") and done >= 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        keyrotation.encrypted_columns_rotate(batch_size=1, progress=stop_after_two_batches)
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    readable = []
    for request in requests:
        try:
            readable.append(SubjectRequest.objects.get(pk=request.pk).name)
        except ImproperlyConfigured:
            readable.append(None)
    assert readable[:2] == ["Bewoner 0", "Bewoner 1"]
    assert readable[2:] == [None, None, None]

    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    written = keyrotation.encrypted_columns_rotate(batch_size=2)
    assert written["requests_app.SubjectRequest"] == 3  # the two done are recognised
    assert keyrotation.encrypted_columns_rotate(batch_size=2)["requests_app.SubjectRequest"] == 0
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert [SubjectRequest.objects.get(pk=r.pk).name for r in requests] == [
        f"Bewoner {n}" for n in range(5)
    ]


def test_a_value_no_key_opens_stops_the_rotation_before_anything_is_lost(settings, old_key):
    subject_request(name="Henk Vermeulen")
    settings.FIELD_ENCRYPTION_KEYS = [_fernet_key()]  # the old key forgotten too early
    with pytest.raises(ImproperlyConfigured):
        keyrotation.encrypted_columns_rotate()


@pytest.fixture
def rekeyed(settings):
    """The blind-index key changed: (old key, new key), the old one as previous key."""
    old = settings.BLIND_INDEX_KEY
    new = secrets.token_urlsafe(48)
    return old, new


def test_blind_index_lookups_match_under_both_keys_during_the_transition_then_the_new(
    settings, rekeyed
):
    old, new = rekeyed
    request = subject_request(name="Jan  Jansen", email="jan@example.nl", bsn="123456782")
    SubjectRequest.objects.filter(pk=request.pk).update(
        bsn_index=keyed_hash("123456782", purpose=Purpose.BLIND_INDEX)
    )
    signal = DebtSignalFactory(bsn="111222333")

    settings.BLIND_INDEX_KEY = new
    assert not SubjectRequest.objects.find_person("jan@example.nl").exists()  # old index only
    settings.BLIND_INDEX_PREVIOUS_KEY = old
    assert list(SubjectRequest.objects.find_person("JAN@example.nl")) == [request]
    assert list(SubjectRequest.objects.find_person("jan jansen")) == [request]
    assert list(DebtSignal.objects.with_bsn("111222333")) == [signal]
    resident = Resident(bsn="123456782", level=Level.SUBSTANTIEEL)
    assert SubjectRequest.objects.get(pk=request.pk).digid_released(resident)

    call_command("rotate_keys", blind_index=True, verbosity=0)
    settings.BLIND_INDEX_PREVIOUS_KEY = ""
    assert list(SubjectRequest.objects.find_person("jan@example.nl")) == [request]
    assert list(SubjectRequest.objects.find_person("Jan Jansen")) == [request]
    assert list(DebtSignal.objects.with_bsn("111222333")) == [signal]
    stored = SubjectRequest.objects.get(pk=request.pk)
    assert stored.bsn_index == keyed_hash("123456782", purpose=Purpose.BLIND_INDEX, key=new)
    assert stored.representative_bsn_index == ""  # an empty source stays empty
    assert stored.digid_released(resident)
    settings.BLIND_INDEX_KEY = old  # the old key finds nothing any more
    assert not SubjectRequest.objects.find_person("jan@example.nl").exists()


def test_a_debt_signal_joins_the_open_case_indexed_under_the_previous_key(settings, rekeyed):
    from cases.services import open_debt_cases

    old, new = rekeyed
    case = DebtSignalFactory(bsn="111222333")
    settings.BLIND_INDEX_KEY, settings.BLIND_INDEX_PREVIOUS_KEY = new, old
    found = open_debt_cases(["111222333"])
    assert found == {keyed_hash("111222333", purpose=Purpose.BLIND_INDEX, key=new): case}


def test_a_confirmation_code_sent_before_the_key_changed_still_matches(settings, rekeyed):
    old, new = rekeyed
    stored = verification.hash_code("123456")
    settings.BLIND_INDEX_KEY, settings.BLIND_INDEX_PREVIOUS_KEY = new, old
    assert verification.code_matches("123456", stored)
    assert not verification.code_matches("654321", stored)
    settings.BLIND_INDEX_PREVIOUS_KEY = ""
    assert not verification.code_matches("123456", stored)


def test_every_encrypted_or_blind_index_column_is_known_to_the_rotation():
    """A new `*_index` column or binary column that nobody declared would be left under the
    old key: declare it in its app's ready() (core/keyrotation.py)."""
    declared = {
        (model._meta.label_lower, field)
        for model, fields in keyrotation.blind_index_columns().items()
        for field in fields
    }
    rotated = {
        (t.model._meta.label_lower, f.name)
        for t in keyrotation.encrypted_columns()
        for f in t.fields
    }
    for model in apps.get_models():
        for field in model._meta.local_concrete_fields:
            key = (model._meta.label_lower, field.name)
            if isinstance(field, models.CharField) and field.name.endswith("_index"):
                assert key in declared, f"{key}: blind index not declared"
            if isinstance(field, models.BinaryField | EncryptedTextField):
                assert key in rotated, f"{key}: encrypted column not rotated"
        for source, _normalise in keyrotation.blind_index_columns().get(model, {}).values():
            assert isinstance(model._meta.get_field(source), EncryptedTextField)
