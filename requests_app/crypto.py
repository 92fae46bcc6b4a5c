"""Moved to `core.crypto`. Frozen migrations of earlier releases import this path."""

from core.crypto import EncryptedTextField, blind_index, normalise_name  # noqa: F401
