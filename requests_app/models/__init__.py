"""The models of data-subject requests and complaints, one module per subject:

* `choices`: what a request is, where it came from, where it stands (`Status`, `CLOSED_STATUSES`);
* `requests`: the request or complaint itself, and its clock stops;
* `events`: its history, append-only: the workflow's steps and the timeline;
* `outbox`: the e-mails to residents, sent by a worker;
* `letters`: letters issued, answer files, and extra links to the status page;
* `authority`: the recorded check of a representative's authority;
* `figures`: the report's figures per month, kept when the requests are destroyed.

Import them from here: `from requests_app.models import SubjectRequest`.
"""

from .authority import AuthorityCheck
from .choices import (
    CLOSED_STATUSES,
    Capacity,
    Channel,
    Delivery,
    Domain,
    Kind,
    LegalHold,
    LetterType,
    RefusalGround,
    Status,
    VerificationMethod,
)
from .events import Event, Transition
from .figures import MonthlyFigures
from .letters import Letter, LetterDraft, ResponseFile, ResponseFileQuerySet, StatusLink
from .outbox import OutgoingEmail, OutgoingEmailQuerySet
from .requests import ClockStopPeriod, SubjectRequest, SubjectRequestQuerySet

__all__ = [
    "CLOSED_STATUSES",
    "AuthorityCheck",
    "Capacity",
    "Channel",
    "ClockStopPeriod",
    "Delivery",
    "Domain",
    "Event",
    "Kind",
    "LegalHold",
    "Letter",
    "LetterDraft",
    "LetterType",
    "MonthlyFigures",
    "OutgoingEmail",
    "OutgoingEmailQuerySet",
    "RefusalGround",
    "ResponseFile",
    "ResponseFileQuerySet",
    "Status",
    "StatusLink",
    "SubjectRequest",
    "SubjectRequestQuerySet",
    "Transition",
    "VerificationMethod",
]
