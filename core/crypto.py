"""Protection at rest: encrypted fields, keyed hashes and token hashes, for every app.

Keys come from their own settings, never from SECRET_KEY: FIELD_ENCRYPTION_KEYS (Fernet keys,
newest first, so a new key can be put in front and old rows re-encrypted with `rotate`) and
BLIND_INDEX_KEY (HMAC-SHA256, so staff can find a request by e-mail address without the
address being stored in plain text). A wrong key fails loudly: it never returns ciphertext.
While the blind-index key is being changed, BLIND_INDEX_PREVIOUS_KEY holds the old one:
new values are hashed under the new key only, lookups match under both (`blind_indexes`)
until `rotate_keys --blind-index` has re-keyed every stored index (docs/key-rotation.md).

Every HMAC keyed with BLIND_INDEX_KEY goes through `keyed_hash`, which names its purpose: a
code hash can never be mistaken for a blind index or a rate-limit key.
"""

import base64
import binascii
import datetime
import enum
import hashlib
import hmac
import unicodedata

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


def _fernet():
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored value cannot be decrypted with FIELD_ENCRYPTION_KEYS: is a key missing?"
        ) from exc


def encrypt_bytes(content: bytes) -> bytes:
    """Files kept for a resident (answer files): the same keys, the same Fernet, as bytes."""
    return _fernet().encrypt(content)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored file cannot be decrypted with FIELD_ENCRYPTION_KEYS: is a key missing?"
        ) from exc


def rotate(token: str) -> str:
    """Re-encrypts with the newest key (after one was put in front of FIELD_ENCRYPTION_KEYS)."""
    return _fernet().rotate(token.encode()).decode()


class Rotator:
    """Re-encrypts many tokens (text or bytes) with the newest key, skipping those already
    under it: keys are read once, not per value (`core.keyrotation`)."""

    def __init__(self):
        self._fernet = _fernet()
        # A Fernet key is a 16-byte signing key, then a 16-byte encryption key (the spec).
        self._signing_key = base64.urlsafe_b64decode(settings.FIELD_ENCRYPTION_KEYS[0])[:16]

    def is_current(self, token: bytes | str) -> bool:
        """Whether `token` was made with the newest key: its HMAC (the last 32 bytes, over
        the rest) checks out under that key. Cheaper than decrypting, and it needs no AES."""
        if isinstance(token, str):
            token = token.encode()
        try:
            data = base64.urlsafe_b64decode(bytes(token))
        except (binascii.Error, ValueError):
            return False
        if len(data) < 73:  # version, time, IV, one AES block, HMAC
            return False
        expected = hmac.new(self._signing_key, data[:-32], hashlib.sha256).digest()
        return hmac.compare_digest(expected, data[-32:])

    def rotate(self, token):
        """`token` under the newest key; None when it already is (nothing to write).
        Raises ImproperlyConfigured when no configured key opens it."""
        if not token or self.is_current(token):
            return None
        raw = token.encode() if isinstance(token, str) else bytes(token)
        try:
            rotated = self._fernet.rotate(raw)
        except InvalidToken as exc:
            raise ImproperlyConfigured(
                "A stored value cannot be decrypted with FIELD_ENCRYPTION_KEYS: is a key missing?"
            ) from exc
        return rotated.decode() if isinstance(token, str) else rotated


class Purpose(enum.Enum):
    """What a keyed hash is for. Each purpose hashes its own prefix before the input, except
    blind indexes and destruction-log references: they were stored before purposes were
    named, and a new prefix would orphan every stored value (a log reference's input always
    starts with a record type and a colon, so it never equals a blind index's input)."""

    BLIND_INDEX = "blind-index"
    DESTRUCTION_LOG = "destruction-log"
    VERIFICATION_CODE = "verification"
    RATE_LIMIT = "ratelimit"

    @property
    def prefix(self) -> str:
        if self in (Purpose.BLIND_INDEX, Purpose.DESTRUCTION_LOG):
            return ""
        return f"{self.value}:"


def _keyed_state(purpose: Purpose, key: str | None = None):
    state = hmac.new((key or settings.BLIND_INDEX_KEY).encode(), digestmod=hashlib.sha256)
    state.update(purpose.prefix.encode())
    return state


def blind_index_keys() -> list[str]:
    """BLIND_INDEX_KEY, then BLIND_INDEX_PREVIOUS_KEY while the key is being changed."""
    previous = getattr(settings, "BLIND_INDEX_PREVIOUS_KEY", "")
    keys = [settings.BLIND_INDEX_KEY]
    return [*keys, previous] if previous and previous != keys[0] else keys


def keyed_hash(value: str, *, purpose: Purpose, key: str | None = None) -> str:
    """HMAC-SHA256 under BLIND_INDEX_KEY (or `key`) of `value`, for `purpose`: without the
    key nobody can tell which input gave it."""
    state = _keyed_state(purpose, key)
    state.update(value.encode())
    return state.hexdigest()


def keyed_hash_matches(value: str, stored: str, *, purpose: Purpose) -> bool:
    """Whether `stored` is the keyed hash of `value` under the current or the previous key
    (a code sent just before the key was changed still works)."""
    return bool(stored) and any(
        hmac.compare_digest(keyed_hash(value, purpose=purpose, key=key), stored)
        for key in blind_index_keys()
    )


def keyed_hashes(values, *, purpose: Purpose) -> list[str]:
    """`keyed_hash` of many values from one prepared state: a million cost seconds."""
    base = _keyed_state(purpose)
    hashes = []
    for value in values:
        state = base.copy()
        state.update(value.encode())
        hashes.append(state.hexdigest())
    return hashes


def blind_index(value: str) -> str:
    """A keyed hash for exact-match search: the same input (case- and width-folded) always
    gives the same index, and without the key nobody can tell which input it was. What is
    stored; a lookup uses `blind_indexes`."""
    return keyed_hash(_blind_input(value), purpose=Purpose.BLIND_INDEX)


def blind_indexes(value: str) -> list[str]:
    """Every index `value` may be stored under: the current key's first, then, while the key
    is being changed, the previous key's. Filter with `<field>__in=blind_indexes(value)`."""
    normalized = _blind_input(value)
    return [
        keyed_hash(normalized, purpose=Purpose.BLIND_INDEX, key=key) for key in blind_index_keys()
    ]


def _blind_input(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().casefold()


def token_hash(token: str) -> str:
    """How a random token with 256 bits (a status-link secret, an API token) is stored: a
    plain SHA-256 is enough, as nobody can guess such a token from its hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_name(name: str) -> str:
    """A full name as its blind index sees it: runs of spaces, tabs and line breaks become
    one space, so "Jan  Jansen" and "jan jansen" find the same request (case is folded by
    `blind_index`). Only the whole name is searchable: a part would need an index per part."""
    return " ".join(name.split())


class EncryptedTextField(models.TextField):
    """Text stored encrypted (Fernet: AES-128-CBC with HMAC-SHA256). It cannot be filtered,
    ordered or searched: add a blind index next to it where staff must find rows by it."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None  # a lookup on ciphertext would silently find nothing
        return super().get_lookup(lookup_name)


class EncryptedDateField(EncryptedTextField):
    """A date stored encrypted (as its ISO text): a date of birth is personal data, and
    nothing filters on it. Where a statistic needs an age, keep a coarse derivative (the
    year) next to it and classify that in `core.classification`."""

    def to_python(self, value):
        if value is None or value == "" or isinstance(value, datetime.date):
            return value or None
        return datetime.date.fromisoformat(value)

    def get_prep_value(self, value):
        value = self.to_python(value)
        return None if value is None else encrypt(value.isoformat())

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None
        return datetime.date.fromisoformat(decrypt(value))

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else value.isoformat()

    def formfield(self, form_class=None, choices_form_class=None, **kwargs):
        from django import forms

        return models.Field.formfield(
            self, form_class=form_class or forms.DateField, choices_form_class=None, **kwargs
        )
