"""Confirming the resident's e-mail address with a one-time code.

The code is sent in the acknowledgement and typed on the status page. It is stored as a keyed
hash, compared in constant time, valid for CODE_VALID, and refused after MAX_ATTEMPTS wrong
tries. Requests never confirmed are removed after UNVERIFIED_KEPT (`unverified_expired`, by the
nightly retention run, which logs each removal): they may have been filed in someone else's
name, and the general statement says so.
"""

import secrets
from datetime import date, timedelta

from django.utils import timezone

from core.crypto import Purpose, keyed_hash, keyed_hash_matches
from core.periods import fixed_period

CODE_DIGITS = 6
CODE_VALID = timedelta(days=3)
MAX_ATTEMPTS = 5
UNVERIFIED_KEPT_PERIOD = "P2W"
"""Published in the general statement (rule `privacy-requests-unconfirmed`, `retained.py`)."""
UNVERIFIED_KEPT = fixed_period(UNVERIFIED_KEPT_PERIOD)
CODE_REQUESTS_PER_HOUR = 3
"""New codes a resident may ask for per hour, from the status page: enough for a lost e-mail,
too few to guess a code of 10**6 values (5 tries each)."""


def unverified_removed_on(received_at) -> date:
    """The day the nightly retention run removes a request nobody confirmed: two full weeks
    from its day of receipt are kept, it goes on the next day, as every period the run
    enforces (`retention.dates`). The queue shows it and the destruction log records it."""
    return timezone.localdate(received_at) + UNVERIFIED_KEPT + timedelta(days=1)


STATUS_LINK_KEPT_PERIOD = "P8W"
STATUS_LINK_KEPT = fixed_period(STATUS_LINK_KEPT_PERIOD)
"""A status link opens its request until eight weeks after the request was closed: the six
weeks to object to our answer (Awb art. 6:7) and two for the post, the same period as the
answer's files (`answer_files.FILES_KEPT`). After that, a link found in a shared browser's
history opens nothing; the status page says so, and so does the general statement (rule
`privacy-status-link`, `retained.py`)."""


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def hash_code(code: str) -> str:
    return keyed_hash(code, purpose=Purpose.VERIFICATION_CODE)


def code_matches(code: str, stored_hash: str) -> bool:
    """Under the current key or, while it is being changed, the previous one."""
    return keyed_hash_matches(code.strip(), stored_hash, purpose=Purpose.VERIFICATION_CODE)
