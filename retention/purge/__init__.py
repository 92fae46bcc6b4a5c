"""The nightly retention run (`run.records_purge`) and the DPO's destruction lists."""

from .lists import destruction_list_approve
from .records import record_reference, record_references
from .run import DEFAULT_BATCH_SIZE, RUN_LOCK_KEY, records_purge, run_lock

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "RUN_LOCK_KEY",
    "destruction_list_approve",
    "record_reference",
    "record_references",
    "records_purge",
    "run_lock",
]
