"""The case records the retention engine governs, and the organisations that report them.

- `base`: what both record types share, and the reporting organisations;
- `debt`: early signs of debt (vroegsignalering schulden) and the contact attempts on them;
- `youth`: youth assistance cases (toegang jeugdhulp);
- `derived`: rows derived from one case (history, documents), destroyed with it;
- `intake`: the intake API's credentials and its idempotency records.
"""

from retention.models import LegalHoldReason, RecordType, RetentionStatus

from .base import CaseQuerySet, CaseRecord, ReportingOrganisation
from .debt import ContactAttempt, DebtSignal
from .derived import CaseDocument, CaseHistory
from .intake import ApiClient, CaseDomain, IdempotencyRecord, Scope
from .youth import YouthCase

__all__ = [
    "ApiClient",
    "CaseDocument",
    "CaseDomain",
    "CaseHistory",
    "CaseQuerySet",
    "CaseRecord",
    "ContactAttempt",
    "DebtSignal",
    "IdempotencyRecord",
    "LegalHoldReason",
    "RecordType",
    "ReportingOrganisation",
    "RetentionStatus",
    "Scope",
    "YouthCase",
]
