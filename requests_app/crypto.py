"""Protection at rest for what residents write: encrypted fields and blind indexes.

Keys come from their own settings, never from SECRET_KEY: FIELD_ENCRYPTION_KEYS (Fernet keys,
newest first, so a new key can be put in front and old rows re-encrypted with `rotate`) and
BLIND_INDEX_KEY (HMAC-SHA256, so staff can find a request by e-mail address without the
address being stored in plain text). A wrong key fails loudly: it never returns ciphertext.
"""

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


def blind_index(value: str) -> str:
    """A keyed hash for exact-match search: the same input (case- and width-folded) always
    gives the same index, and without the key nobody can tell which input it was."""
    normalized = unicodedata.normalize("NFKC", value).strip().casefold()
    key = settings.BLIND_INDEX_KEY.encode()
    return hmac.new(key, normalized.encode(), hashlib.sha256).hexdigest()


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
