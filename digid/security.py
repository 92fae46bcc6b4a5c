"""The security log: a refused DigiD login, with its reason and never a BSN, a name or a
token. Operators collect the logger `security` (settings.LOGGING); the console handler's
redaction applies to it as to every line."""

import logging

logger = logging.getLogger("security.digid")


def login_refused(reason: str, *, detail: str = "") -> None:
    """One line per refused login. `reason` is one of oidc.REASONS; `detail` says which check
    failed (a library's message about a token, never its content)."""
    logger.warning("DigiD login refused: reason=%s%s", reason, f" ({detail})" if detail else "")
