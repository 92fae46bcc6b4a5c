"""Who is logged in with DigiD: kept in the session, never as a Django user, so a resident can
never become staff and the admin's login is untouched.

The session holds the BSNs, name and e-mail encrypted (sessions are stored in the database in
plain JSON otherwise) and a blind index to find the resident's requests. It ends after
IDLE minutes without a request, whatever the session cookie's own age (30 minutes, for staff).
"""

import time
from dataclasses import dataclass

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from core.crypto import blind_indexes, decrypt, encrypt, rotate
from requests_app.assurance import Level

SESSION_KEY = "digid"
IDLE = 15 * 60  # seconds: the idle time after which a DigiD session ends


@dataclass(frozen=True)
class Resident:
    """A DigiD login. `represented_bsn` is set when the resident acts for someone else (DigiD
    Machtigen): the session then acts for that person."""

    bsn: str
    level: Level
    represented_bsn: str = ""
    name: str = ""
    email: str = ""

    def __repr__(self) -> str:  # never a BSN in a traceback or a log line
        return f"Resident(level={self.level.name}, represented={bool(self.represented_bsn)})"

    @property
    def subject_bsn(self) -> str:
        """The BSN of the person this session acts for."""
        return self.represented_bsn or self.bsn

    @property
    def subject_indexes(self) -> list[str]:
        """The blind indexes a request of this person may be stored under (two while the
        key is being changed): filter with `bsn_index__in`."""
        return blind_indexes(self.subject_bsn)


def resident_store(session, resident: Resident, *, now: float | None = None) -> None:
    """Logs `resident` in: a new session key first (no session fixation)."""
    session.cycle_key()
    session[SESSION_KEY] = {
        "bsn": encrypt(resident.bsn),
        "represented": encrypt(resident.represented_bsn) if resident.represented_bsn else "",
        "level": int(resident.level),
        "name": encrypt(resident.name) if resident.name else "",
        "email": encrypt(resident.email) if resident.email else "",
        "seen": time.time() if now is None else now,
    }


def resident_load(session, *, now: float | None = None) -> Resident | None:
    """The logged-in resident, or None. A session idle for longer than IDLE ends here; any
    other request moves the idle clock on."""
    stored = session.get(SESSION_KEY)
    if not stored:
        return None
    now = time.time() if now is None else now
    if now - stored.get("seen", 0) > IDLE:
        del session[SESSION_KEY]
        return None
    try:
        # Each request re-encrypts the session's tokens under the newest key, so a session
        # that slides on past a key change stays readable once the old key is removed; one
        # that cannot be read any more is a logged-out session, never an error page.
        for name in ("bsn", "represented", "name", "email"):
            if stored.get(name):
                stored[name] = rotate(stored[name])
        resident = Resident(
            bsn=decrypt(stored["bsn"]),
            level=Level(stored["level"]),
            represented_bsn=decrypt(stored["represented"]) if stored["represented"] else "",
            name=decrypt(stored["name"]) if stored["name"] else "",
            email=decrypt(stored["email"]) if stored["email"] else "",
        )
    except (InvalidToken, ImproperlyConfigured):
        del session[SESSION_KEY]
        return None
    stored["seen"] = now
    session.modified = True
    return resident


class ResidentMiddleware:
    """Sets `request.resident`: the Resident logged in with DigiD, or None. A browser without
    a session cookie (every anonymous reader) costs nothing and gets none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.resident = None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            request.resident = resident_load(request.session)
        return self.get_response(request)
