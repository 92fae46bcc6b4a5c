"""Key rotation: every encrypted column re-encrypted with the newest key, every blind index
re-keyed (`manage.py rotate_keys`, runbook in docs/key-rotation.md).

Which columns: every `EncryptedTextField` of every model, found by type, and the binary
columns a service encrypts itself (`encrypted_binary_register`, e.g. an answer file's
content). Which indexes: those declared with `blind_index_register` (the source field and its
normalisation); a test fails for a `*_index` column nobody declared.

Resumable by being idempotent, not by a stored resume point: a row already under the newest
key is recognised by its token's HMAC (`crypto.Rotator.is_current`) and not written again, so
a run that was interrupted is simply started again. Each batch commits on its own, its rows
locked meanwhile (a staff edit in between is never overwritten with the old value). Writes are
one bulk UPDATE per batch, in SQL of the column itself: no `save()`, so `updated_at`,
`version` and signals stay as they were; the plaintext never changes. The access log holds no
encrypted column, so its append-only trigger is never asked for an exception.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, models, transaction

from .crypto import EncryptedTextField, Rotator, blind_index

DEFAULT_BATCH_SIZE = 1000
BINARY_BATCH_SIZE = 10
"""Rows per batch of a table with a binary column: an answer file may hold 10 MB, and a batch
holds each token twice (stored and rotated), so memory stays in the hundreds of MB."""

Progress = Callable[[str, int, int], None]
"""Called after each batch with a label, the rows done and the rows in all tables."""

_binary: set[tuple[str, str]] = set()
_indexes: dict[tuple[str, str], tuple[str, Callable[[str], str] | None]] = {}


def encrypted_binary_register(model, field_name: str) -> None:
    """Declares a binary column whose content a service encrypts (`crypto.encrypt_bytes`)."""
    _binary.add((model._meta.label_lower, field_name))


def blind_index_register(
    model, index_field: str, *, source: str, normalise: Callable[[str], str] | None = None
) -> None:
    """Declares that `index_field` holds `blind_index(normalise(source))`, or "" when the
    source is empty: what `rotate_keys --blind-index` recomputes under the new key."""
    _indexes[(model._meta.label_lower, index_field)] = (source, normalise)


@dataclass(frozen=True)
class Columns:
    """The encrypted columns of one table."""

    model: type[models.Model]
    fields: tuple[models.Field, ...]

    @property
    def label(self) -> str:
        return f"{self.model._meta.label} ({', '.join(f.name for f in self.fields)})"


def _models():
    for model in apps.get_models():
        if not model._meta.proxy and model._meta.managed and not model._meta.swapped:
            yield model


def encrypted_columns() -> list[Columns]:
    """Every table with encrypted columns, each column once (inherited fields with the table
    that holds them)."""
    found = []
    for model in _models():
        fields = tuple(
            field
            for field in model._meta.local_concrete_fields
            if isinstance(field, EncryptedTextField)
            or (model._meta.label_lower, field.name) in _binary
        )
        if fields:
            found.append(Columns(model, fields))
    return found


def blind_index_columns() -> dict[type[models.Model], dict[str, tuple]]:
    """Per model, its declared indexes: index field -> (source field, normalisation)."""
    found: dict[type[models.Model], dict[str, tuple]] = {}
    for (label, index_field), declared in sorted(_indexes.items()):
        found.setdefault(apps.get_model(label), {})[index_field] = declared
    return found


def _count(model) -> int:
    return model._base_manager.count()


def encrypted_columns_rotate(
    *, batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None
) -> dict[str, int]:
    """Re-encrypts every encrypted column under the newest key of FIELD_ENCRYPTION_KEYS.
    Returns the rows rewritten per model label (rows already under the newest key, or
    empty, are read but not written)."""
    tables = encrypted_columns()
    total = sum(_count(t.model) for t in tables)
    rotator = Rotator()
    done, written = 0, {}
    for table in tables:
        written[table.model._meta.label] = 0
        size = batch_size
        if any(isinstance(field, models.BinaryField) for field in table.fields):
            size = min(batch_size, BINARY_BATCH_SIZE)
        last = None
        while True:
            with transaction.atomic():
                rows = _read_batch(table, after=last, size=size)
                if not rows:
                    break
                last = rows[-1][0]
                changed = _rotated(rows, rotator)
                _write_batch(table, changed)
            done += len(rows)
            written[table.model._meta.label] += len(changed)
            if progress:
                progress(table.label, done, total)
    return written


def _rotated(rows, rotator: Rotator) -> list[tuple]:
    """The rows with at least one value not under the newest key: (pk, value per column),
    each value the rotated token or the stored one."""
    changed = []
    for pk, *values in rows:
        new = [rotator.rotate(value) for value in values]
        if any(value is not None for value in new):
            changed.append(
                (pk, *(n if n is not None else v for n, v in zip(new, values, strict=True)))
            )
    return changed


def _names(table: Columns):
    quote = connection.ops.quote_name
    return (
        quote(table.model._meta.db_table),
        quote(table.model._meta.pk.column),
        [quote(field.column) for field in table.fields],
    )


def _read_batch(table: Columns, *, after, size: int) -> list[tuple]:
    """The next rows by primary key, raw (ciphertext, not decrypted), locked until the batch
    commits."""
    name, pk, columns = _names(table)
    where, params = ("", []) if after is None else (f"WHERE {pk} > %s", [after])
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = (
        f"SELECT {pk}, {', '.join(columns)} FROM {name} {where} "  # noqa: S608 # nosec B608
        f"ORDER BY {pk} LIMIT %s{lock}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, size])
        return [
            (row[0], *(bytes(v) if isinstance(v, memoryview) else v for v in row[1:]))
            for row in cursor.fetchall()
        ]


def _write_batch(table: Columns, rows: list[tuple]) -> None:
    """One UPDATE for the batch (PostgreSQL: from arrays; elsewhere one statement per row)."""
    if not rows:
        return
    name, pk, columns = _names(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            fields = (table.model._meta.pk, *table.fields)
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
            aliases = [f"c{i}" for i in range(len(columns))]
            sets = ", ".join(
                f"{column} = v.{alias}" for column, alias in zip(columns, aliases, strict=True)
            )
            cursor.execute(
                f"UPDATE {name} AS t SET {sets} "  # noqa: S608 # nosec B608
                f"FROM unnest({arrays}) AS v(pk, {', '.join(aliases)}) WHERE t.{pk} = v.pk",
                [list(column) for column in zip(*rows, strict=True)],
            )
            return
        sets = ", ".join(f"{column} = %s" for column in columns)
        cursor.executemany(
            f"UPDATE {name} SET {sets} WHERE {pk} = %s",  # noqa: S608 # nosec B608
            [(*values, pk_value) for pk_value, *values in rows],
        )


def blind_indexes_rebuild(
    *, batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None
) -> dict[str, int]:
    """Recomputes every declared blind index from its decrypted source under the current
    BLIND_INDEX_KEY. Returns the rows whose index changed, per model label. Idempotent: an
    index already under the current key is not written."""
    declared = blind_index_columns()
    total = sum(_count(model) for model in declared)
    done, written = 0, {}
    for model, indexes in declared.items():
        by_name = {field.name: field for field in model._meta.local_concrete_fields}
        table = Columns(model, tuple(by_name[name] for name in indexes))
        sources = [source for source, _normalise in indexes.values()]
        normalisers = [normalise for _source, normalise in indexes.values()]
        written[model._meta.label] = 0
        last = None
        while True:
            with transaction.atomic():
                rows = model._base_manager.select_for_update().order_by("pk")
                if last is not None:
                    rows = rows.filter(pk__gt=last)
                # values_list decrypts the sources (the field's from_db_value).
                batch = list(rows.values_list("pk", *sources, *indexes)[:batch_size])
                if not batch:
                    break
                last = batch[-1][0]
                changed = _reindexed(batch, normalisers)
                _write_batch(table, changed)
            done += len(batch)
            written[model._meta.label] += len(changed)
            if progress:
                progress(f"{table.label} (blind index)", done, total)
    return written


def _reindexed(batch, normalisers) -> list[tuple]:
    """The rows whose indexes are not all under the current key: (pk, index per field)."""
    width = len(normalisers)
    changed = []
    for pk, *values in batch:
        sources, stored = values[:width], values[width:]
        new = [
            blind_index(normalise(value) if normalise else value) if value else ""
            for value, normalise in zip(sources, normalisers, strict=True)
        ]
        if new != stored:
            changed.append((pk, *new))
    return changed
