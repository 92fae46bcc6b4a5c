"""Case records, the retention policies that govern them, and the proof of destruction.

- `cases`: the records the statements promise to delete on time (early signs of debt, access to
  youth assistance) and the organisations that report them;
- `policies`: which published retention rule applies to which record, and what happens then;
- `intake`: the intake API's credentials and its idempotency records;
- `log`: the nightly runs, the destruction lists the DPO approves, and the destruction log.
"""

from .cases import (
    CaseDocument,
    CaseHistory,
    ContactAttempt,
    DebtSignal,
    LegalHoldReason,
    RecordType,
    ReportingOrganisation,
    RetentionStatus,
    YouthCase,
)
from .intake import ApiClient, CaseDomain, IdempotencyRecord, Scope
from .log import (
    DestructionList,
    DestructionListItem,
    DestructionLogEntry,
    RetentionRun,
    RetentionStatistic,
)
from .policies import RetentionAction, RetentionPolicy

__all__ = [
    "ApiClient",
    "CaseDocument",
    "CaseDomain",
    "CaseHistory",
    "ContactAttempt",
    "DebtSignal",
    "DestructionList",
    "DestructionListItem",
    "DestructionLogEntry",
    "IdempotencyRecord",
    "LegalHoldReason",
    "RecordType",
    "ReportingOrganisation",
    "RetentionAction",
    "RetentionPolicy",
    "RetentionRun",
    "RetentionStatistic",
    "RetentionStatus",
    "Scope",
    "YouthCase",
]
