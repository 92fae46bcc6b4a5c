"""A last guard on the log output: whatever a caller puts in a URL or a message, a BSN, an
e-mail address or a resident's status-link secret does not reach the logs. Django itself logs
the path of every 4xx ("Not Found: /api/.../<what the client typed>", "Bad Request:
/verzoek/status/<secret>/bevestigen/"), and gunicorn's access log every request line, so the
portal's own care is not enough. `RedactingGunicornLogger` applies the same to gunicorn."""

import logging
import re

from gunicorn.glogging import Logger
from stdnum.nl import bsn

# Nine digits, also as people and URLs write them: 111 222 333, 111.22.23.33, 1112.22.333,
# 6281 94 821, 628/194/821, 628_194_821, 628+194+821 and 628%20194%20821 (a form's or a URL's
# encoding): each digit may be followed by one separator; the eleven-test decides.
NINE_DIGITS = re.compile(r"(?<!\d)(?:\d(?:[ .\-/_+]|%20)?){8}\d(?!\d)")
# What a handler types in the queue's search box travels in the query string (`q=`), also
# encoded once in the admin's kept filters (`q%3D`): it may be a name.
SEARCH = re.compile(r"(?<![\w%])(q(?:=|%3D))(?:(?!&|%26)[^\s\"'])+", re.IGNORECASE)
# An intake API token put in a query string by mistake.
API_TOKEN = re.compile(r"hpi_[0-9a-f]{16}_[\w-]+")
# "@" as typed, percent-encoded once (%40) or twice (%2540, in the admin's kept filters).
# Linear time, whatever a client sends (a header of 8,000 letters once cost a second): a
# match starts only where a run of address characters starts, and the possessive runs
# (`++`) never give characters back.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++(?:@|%40|%2540)[\w-]++(?:\.[\w-]++)+", re.IGNORECASE)
# The secret in a resident's link is a bearer key to their letters and data; also with its
# slashes percent-encoded, as in a `next=` after "Log in with DigiD" on the status page.
STATUS_LINK = re.compile(
    r"((?:/|%2F)verzoek(?:/|%2F)status(?:/|%2F))(?:(?!%2F)[^/\s?#&\"'])+", re.IGNORECASE
)


def _bsn(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group().replace("%20", ""))
    return "[BSN]" if bsn.is_valid(digits) else match.group()


def redact(text: str) -> str:
    text = STATUS_LINK.sub(r"\1[link]", text)
    text = SEARCH.sub(r"\1[search]", text)
    text = API_TOKEN.sub("[token]", text)
    text = NINE_DIGITS.sub(_bsn, text)
    return EMAIL.sub("[e-mail]", text)


class RedactPersonalData(logging.Filter):
    """The message, and the traceback and stack printed under it: an exception's text often
    repeats what it was given (an SMTP server's refusal names the address)."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            # The formatter prints `exc_text` when it is set: the redacted text, once.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RedactingGunicornLogger(Logger):
    """gunicorn's access log with every field redacted: the request line, path, query and
    referrer all carry the address (`logger_class` in gunicorn.conf.py)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(v) if isinstance(v, str) else v for key, v in atoms.items()}
