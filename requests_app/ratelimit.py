"""Rate limits on the public forms (counted by `core.ratelimit`: in the cache, under a keyed
hash of the address, never the address).

A form asks `wait_seconds` before it validates and counts with `hit` only a send that was
valid, so a resident correcting their mistakes is never slowed down; a limited send gets its
form back, with what was typed and the true wait. The numbers and their reasons are in the
README ("Rate limits on the forms")."""

from core.ratelimit import DAY, HOUR, attempt, hit, wait_seconds

__all__ = ["attempt", "hit", "wait_seconds"]

# (limit, window in seconds). Requests filed from one connection: a service counter (KCC)
# helping a resident every few minutes, a library PC, or a parent filing for four children
# all stay well below; a script filing hundreds does not.
PER_ADDRESS = ((20, HOUR), (100, DAY))
# Acknowledgements to one e-mail address: a family with several children fits. Beyond it the
# request is still stored and the page is the same, but no e-mail goes out, so nobody learns
# from the answer whether an address filed before, and nobody can flood a mailbox.
PER_EMAIL = ((10, DAY),)
PER_STATUS_ADDRESS = ((60, 60),)
# New confirmation codes per request (see verification.CODE_REQUESTS_PER_HOUR).
PER_CODE_REQUEST = ((3, HOUR), (10, DAY))
