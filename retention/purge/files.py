"""Files of destroyed rows: queued in the batch's own transaction, unlinked after it commits.

A row that names a file (a case document) and its queue entry (`PendingFileDeletion`) are
deleted and inserted in one transaction; only after the commit are the files unlinked and
their entries deleted. A run killed in between (SIGKILL, OOM, a hard time limit) leaves queue
entries, never a file that nothing names: every run drains the queue at its start and its end.
Draining is idempotent: a file already gone is no error, an entry drained twice is harmless,
and a file storage refuses to delete stays queued for the next run.
"""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.db import connection

from core.pgarrays import text_array

from ..models import PendingFileDeletion
from . import sql

logger = logging.getLogger(__name__)

DRAIN_BATCH = 5000


def before_unlink() -> None:
    """The moment between a batch's commit and the unlinking of its files: nothing happens
    here. It is a seam for the fault tests only (tests/purge_process.py replaces it to pause
    the run there, so that it is SIGKILLed in exactly that window)."""


def storage_alias(storage) -> str:
    """The `STORAGES` alias of a file field's storage (the default one unless named)."""
    if storage is default_storage:
        return "default"
    return next((alias for alias in settings.STORAGES if storages[alias] is storage), "default")


def queue(*, storage: str, names: list[str], now: datetime) -> list[tuple[int, str, str]]:
    """Queues the files of rows deleted in the current transaction. Returns the entries (id,
    storage, name), for `after_commit` once the transaction has committed; if the run dies
    first, the next run's drain finds them."""
    if not names:
        return []
    table = connection.ops.quote_name(PendingFileDeletion._meta.db_table)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (storage, name, queued_at) "  # nosec B608
                "SELECT %s, unnest(%s::varchar[]), %s RETURNING id",
                [storage, text_array(names), now],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
    else:
        entries = PendingFileDeletion.objects.bulk_create(
            PendingFileDeletion(storage=storage, name=name, queued_at=now) for name in names
        )
        ids = [entry.pk for entry in entries]
    return [(pk, storage, name) for pk, name in zip(ids, names, strict=True)]


def after_commit(rows, unlinked: list) -> None:
    """Once the batch has committed: its files are unlinked, and their entries noted in
    `unlinked` for the next batch's transaction (or the end of the run) to delete, so that a
    batch costs one commit."""
    before_unlink()
    unlinked.extend(unlink_files(rows))


def unlink_files(rows: Iterable[tuple[int, str, str]]) -> list[int]:
    """Removes the files of queue entries (id, storage, name); returns the ids of the entries
    whose file is gone. A file the storage could not delete keeps its entry."""
    done = []
    for pk, alias, name in rows:
        try:
            storages[alias].delete(name)  # a file that is gone already is no error
        except OSError:
            logger.warning("retention: a file could not be deleted from storage; kept queued")
            continue
        done.append(pk)
    return done


def forget(ids) -> int:
    """Deletes the queue entries whose files are gone."""
    if not ids:
        return 0
    return sql.delete_rows(PendingFileDeletion, PendingFileDeletion._meta.pk.column, ids)


def drain() -> int:
    """Unlinks every queued file (of this run's batches, or of a run that died before it
    could): at the start and at the end of every run. Returns the entries removed."""
    removed, last = 0, 0
    while True:
        rows = list(
            PendingFileDeletion.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "storage", "name")[:DRAIN_BATCH]
        )
        if not rows:
            return removed
        last = rows[-1][0]
        removed += forget(unlink_files(rows))
