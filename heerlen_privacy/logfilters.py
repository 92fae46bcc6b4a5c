"""A last guard on the log output: whatever a caller puts in a URL or a message, a BSN or an
e-mail address does not reach the logs. Django itself logs the path of every 404 ("Not
Found: /api/.../<what the client typed>"), so the portal's own care is not enough."""

import logging
import re

from stdnum.nl import bsn

NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def redact(text: str) -> str:
    text = NINE_DIGITS.sub(lambda m: "[BSN]" if bsn.is_valid(m.group()) else m.group(), text)
    return EMAIL.sub("[e-mail]", text)


class RedactPersonalData(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
