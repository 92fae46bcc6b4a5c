"""A strict JSON parser for the intake API: a size limit read from the stream itself (DRF
reads the stream, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE would not apply), UTF-8 only, no
NUL characters, bounded nesting. Every refusal is a 400 or 413 with a message, never a 500."""

import json

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

# A signal or a case event is well under 4 KiB; 64 KiB leaves room for long notes.
MAX_BODY_BYTES = 64 * 1024
# Our bodies are flat objects; deeper nesting only serves to exhaust the parser.
MAX_DEPTH = 4


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


def _refuse_constant(name):
    raise ValueError(f"{name} is not a number")


def _depth_and_nul(data) -> tuple[int, bool]:
    """Deepest nesting and whether any key or string holds a NUL character (iterative: a
    recursive walk is what deep nesting attacks)."""
    deepest, nul = 0, False
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            deepest = max(deepest, depth)
            for key, item in value.items():
                nul = nul or "\x00" in key
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            deepest = max(deepest, depth)
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            nul = nul or "\x00" in value
    return deepest, nul


def read_text(stream, parser_context, max_bytes: int) -> str:
    """The body as text: at most `max_bytes` (else 413), UTF-8, no NUL character."""
    request = (parser_context or {}).get("request")
    declared = request.META.get("CONTENT_LENGTH") if request is not None else None
    try:
        if declared and int(declared) > max_bytes:
            raise RequestTooLarge
    except ValueError:
        raise ParseError(_("Invalid Content-Length.")) from None
    raw = stream.read(max_bytes + 1) if stream is not None else b""
    if len(raw) > max_bytes:
        raise RequestTooLarge
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError(_("The request body is not valid UTF-8.")) from None
    if "\x00" in text:
        raise ParseError(_("The request body contains a NUL character."))
    return text


class StrictJSONParser(JSONParser):
    max_bytes = MAX_BODY_BYTES

    def parse(self, stream, media_type=None, parser_context=None):
        return strict_json(read_text(stream, parser_context, self.max_bytes))


def strict_json(text: str):
    """JSON without NaN or Infinity, NUL characters or deep nesting; else a ParseError."""
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise ParseError(_("The JSON is nested too deeply.")) from None
    except ValueError as exc:
        message = getattr(exc, "msg", str(exc))
        raise ParseError(_("JSON parse error: %(error)s") % {"error": message}) from None
    depth, nul = _depth_and_nul(data)
    if depth > MAX_DEPTH:
        raise ParseError(_("The JSON is nested too deeply."))
    if nul:
        raise ParseError(_("The request body contains a NUL character."))
    return data
