"""Parsers of a batch of signals: a JSON array, JSON Lines or CSV, each with the fields of the
single-signal API. Every parser gives the same shape, a list of `{"line": n, "data": {...}}`,
or `{"line": n, "error": {...}}` for a line of a file that is not a signal at all: that line
gets its message and the others go on. `line` is the item's number in a JSON array, and the
line of the file for JSON Lines and CSV (the CSV header is line 1).

A body that is not a batch at all (not an array, not UTF-8, a CSV column that is not a field,
no items, too many items) is refused whole with a 400 (or a 413 over `MAX_BATCH_BYTES`)."""

import csv
import io
import json
import re

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

from ..models.batches import MAX_BATCH_ITEMS
from .parsers import MAX_DEPTH, _depth_and_nul, _refuse_constant, read_text, strict_json

# 10,000 signals of about 400 bytes, with room for long addresses.
MAX_BATCH_BYTES = 16 * 1024 * 1024
COLUMN_NAME = re.compile(r"^[a-z_]{1,40}\Z")


def _checked(items: list[dict]) -> list[dict]:
    if not items:
        raise ParseError(_("The batch holds no signals."))
    if len(items) > MAX_BATCH_ITEMS:
        raise ParseError(_("A batch holds at most %(count)d signals.") % {"count": MAX_BATCH_ITEMS})
    return items


class BatchJSONParser(BaseParser):
    """`application/json`: an array of signal objects. Not a DRF `JSONParser`: DRF reads
    those through `request.body`, capped by DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), which a
    batch of 10,000 signals exceeds; the cap here is MAX_BATCH_BYTES."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        data = strict_json(read_text(stream, parser_context, MAX_BATCH_BYTES))
        if not isinstance(data, list):
            raise ParseError(_("Send a JSON array of signals."))
        for number, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                raise ParseError(_("Item %(line)d is not a JSON object.") % {"line": number})
        return _checked([{"line": number, "data": item} for number, item in enumerate(data, 1)])


class JSONLinesParser(BaseParser):
    """`application/jsonl` (also `application/x-ndjson`): one signal object per line; blank
    lines are skipped but counted."""

    media_type = "application/jsonl"

    def parse(self, stream, media_type=None, parser_context=None):
        text = read_text(stream, parser_context, MAX_BATCH_BYTES)
        items = []
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                value = json.loads(raw, parse_constant=_refuse_constant)
            except (ValueError, RecursionError):
                value = None
            depth, nul = _depth_and_nul(value)
            if isinstance(value, dict) and depth <= MAX_DEPTH and not nul:
                items.append({"line": number, "data": value})
            else:
                message = _("This line is not a JSON object of a signal.")
                items.append({"line": number, "error": {"non_field_errors": [message]}})
        return _checked(items)


class NDJSONParser(JSONLinesParser):
    media_type = "application/x-ndjson"


class CSVParser(BaseParser):
    """`text/csv`: a header of field names, then a signal per row; an empty cell is a field
    left out. UTF-8, with or without a byte-order mark; comma-separated."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        from .serializers import DebtSignalCreateSerializer

        text = read_text(stream, parser_context, MAX_BATCH_BYTES).removeprefix("\ufeff")
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        try:
            header = reader.fieldnames or []
        except csv.Error as exc:
            raise ParseError(_("The CSV cannot be read: %(error)s") % {"error": exc}) from None
        known = set(DebtSignalCreateSerializer().fields)
        unknown = [name for name in header if name not in known]
        if unknown or not header:
            # Only what looks like a field name is named: a file without its header row has a
            # resident's name and BSN there, which must not come back in the answer.
            named = [name for name in unknown if COLUMN_NAME.match(name)]
            raise ParseError(
                _(
                    "Unknown CSV columns: %(columns)s (%(count)d in all). Use the fields of the "
                    "single-signal API; the first line names the columns."
                )
                % {"columns": ", ".join(named) or "-", "count": len(unknown)}
            )
        items = []
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise ParseError(
                    _("Line %(line)d of the CSV cannot be read: %(error)s")
                    % {"line": reader.line_num, "error": exc}
                ) from None
            if None in row:  # more cells than columns
                message = _("This line has more cells than the header has columns.")
                items.append({"line": reader.line_num, "error": {"non_field_errors": [message]}})
                continue
            data = {name: value for name, value in row.items() if value not in ("", None)}
            if data:
                items.append({"line": reader.line_num, "data": data})
        return _checked(items)
