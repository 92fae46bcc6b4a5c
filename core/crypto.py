"""Protection at rest: encrypted fields, keyed hashes and token hashes, for every app.

Keys come from their own settings, never from SECRET_KEY: FIELD_ENCRYPTION_KEYS (Fernet keys,
newest first, so a new key can be put in front and old rows re-encrypted with `rotate`) and
BLIND_INDEX_KEY (HMAC-SHA256, so staff can find a request by e-mail address without the
address being stored in plain text). A wrong key fails loudly: it never returns ciphertext.

Every HMAC keyed with BLIND_INDEX_KEY goes through `keyed_hash`, which names its purpose: a
code hash can never be mistaken for a blind index or a rate-limit key.
"""

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


def _keyed_state(purpose: Purpose):
    state = hmac.new(settings.BLIND_INDEX_KEY.encode(), digestmod=hashlib.sha256)
    state.update(purpose.prefix.encode())
    return state


def keyed_hash(value: str, *, purpose: Purpose) -> str:
    """HMAC-SHA256 under BLIND_INDEX_KEY of `value`, for `purpose`: without the key nobody
    can tell which input gave it."""
    state = _keyed_state(purpose)
    state.update(value.encode())
    return state.hexdigest()


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
    gives the same index, and without the key nobody can tell which input it was."""
    normalized = unicodedata.normalize("NFKC", value).strip().casefold()
    return keyed_hash(normalized, purpose=Purpose.BLIND_INDEX)


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
