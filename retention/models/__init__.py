"""The retention engine's own records.

- `retained`: what a record whose destruction date is stored carries (`RetainedRecord`), and
  the vocabulary of record types, retention statuses and legal holds;
- `policies`: which published retention rule applies to which record, and what happens then;
- `log`: the nightly runs, the destruction lists the DPO approves, and the destruction log.
"""

from .log import (
    DestructionList,
    DestructionListEvent,
    DestructionListItem,
    DestructionLogEntry,
    RetentionRun,
    RetentionStatistic,
)
from .policies import RetentionAction, RetentionPolicy
from .retained import (
    LegalHoldReason,
    RecordType,
    RetainedQuerySet,
    RetainedRecord,
    RetentionStatus,
)

__all__ = [
    "DestructionList",
    "DestructionListEvent",
    "DestructionListItem",
    "DestructionLogEntry",
    "LegalHoldReason",
    "RecordType",
    "RetainedQuerySet",
    "RetainedRecord",
    "RetentionAction",
    "RetentionPolicy",
    "RetentionRun",
    "RetentionStatistic",
    "RetentionStatus",
]
