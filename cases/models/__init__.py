"""The case records the retention engine governs, and the organisations that report them.

- `base`: what both record types share, and the reporting organisations;
- `debt`: early signs of debt (vroegsignalering schulden) and the contact attempts on them;
- `youth`: youth assistance cases (toegang jeugdhulp);
- `derived`: rows derived from one case (history, documents), destroyed with it;
- `intake`: the intake API's credentials and its idempotency records;
- `reports`: later signals that joined an open debt case;
- `callbacks`: the outbox of callbacks telling reporting parties whether help was accepted;
- `batches`: batches of signals posted at once, until processed.
"""

from retention.models import LegalHoldReason, RecordType, RetentionStatus

from .base import CaseQuerySet, CaseRecord, ReportingOrganisation
from .batches import SignalBatch, SignalBatchChunk, SignalBatchItem
from .callbacks import CallbackDelivery
from .debt import ContactAttempt, DebtSignal, HelpAccepted
from .derived import CaseDocument, CaseHistory
from .intake import ApiClient, CaseDomain, IdempotencyRecord, Scope
from .reports import SignalReport
from .youth import YouthCase, YouthRepresentative

__all__ = [
    "ApiClient",
    "CallbackDelivery",
    "CaseDocument",
    "CaseDomain",
    "CaseHistory",
    "CaseQuerySet",
    "CaseRecord",
    "ContactAttempt",
    "DebtSignal",
    "HelpAccepted",
    "IdempotencyRecord",
    "LegalHoldReason",
    "RecordType",
    "ReportingOrganisation",
    "RetentionStatus",
    "Scope",
    "SignalBatch",
    "SignalBatchChunk",
    "SignalBatchItem",
    "SignalReport",
    "YouthCase",
    "YouthRepresentative",
]
