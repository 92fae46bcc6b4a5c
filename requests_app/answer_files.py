"""Files sent with an answer, and the portability export: what the resident downloads through
the status link besides letters.

Answer files are checked by their content, not by what their name or the browser says: only
PDF, PNG, JPEG (by their magic bytes), and CSV, JSON or plain text (valid UTF-8 without
control characters) are kept, and the name's extension must match the content. They are served
with the type found here, as an attachment, until they expire; then their content is erased.
"""

import csv
import datetime
import io
import json
import re
import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.crypto import decrypt_bytes, encrypt_bytes
from core.periods import fixed_period

from .letters import OBJECTION_PERIOD_WEEKS
from .models import Event, Kind, LetterType, ResponseFile, SubjectRequest

MAX_BYTES = 10 * 1024 * 1024
"""Big enough for scanned letters and exports; a larger answer is split over several files."""

FILES_KEPT_PERIOD = f"P{OBJECTION_PERIOD_WEEKS + 2}W"
FILES_KEPT = fixed_period(FILES_KEPT_PERIOD)
"""Our choice, not the law's: the resident keeps the answer's files for the objection period
(six weeks, Awb art. 6:7) with two weeks' margin for the post; after that the content is erased
(data minimisation, GDPR art. 5(1)(c)) and staff can attach a file again on request. Published
in the general statement (rule `privacy-answer-files`, `retained.py`)."""

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
CSV, JSON, TEXT = "text/csv", "application/json", "text/plain"
EXTENSIONS = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    CSV: (".csv",),
    JSON: (".json",),
    TEXT: (".txt",),
}
_MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
# Formats that can run or unpack something: named in the refusal so staff know why.
_REFUSED_MAGIC = (
    (b"MZ", _("a Windows program")),
    (b"\x7fELF", _("a Linux program")),
    (b"\xca\xfe\xba\xbe", _("a Mac or Java program")),
    (b"\xcf\xfa\xed\xfe", _("a Mac program")),
    (b"PK\x03\x04", _("a ZIP archive (or an Office file)")),
    (b"Rar!", _("a RAR archive")),
    (b"7z\xbc\xaf", _("a 7-Zip archive")),
)
_TEXT_CONTROLS_ALLOWED = {"\t", "\n", "\r", "\f"}


class FileRefused(Exception):
    """The file is not kept; the message says why, for staff, in the active language."""


def sniff(content: bytes, name: str) -> str:
    """The file's type from its content; raises FileRefused unless it is allowed and its
    name's extension says the same."""
    extension = PurePosixPath(name.lower()).suffix
    for magic, what in _REFUSED_MAGIC:
        if content.startswith(magic):
            raise FileRefused(gettext("The content is %(what)s: not allowed.") % {"what": what})
    found = next((kind for magic, kind in _MAGIC if content.startswith(magic)), None)
    if found is None:
        found = _sniff_text(content, extension)
    if extension not in EXTENSIONS[found]:
        raise FileRefused(
            gettext(
                "The name ends in %(extension)s, but the content is %(found)s: rename it to "
                "end in %(expected)s, or attach the right file."
            )
            % {
                "extension": extension or gettext("(nothing)"),
                "found": found,
                "expected": " / ".join(EXTENSIONS[found]),
            }
        )
    return found


def _sniff_text(content, extension):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            gettext("The content is not PDF, PNG, JPEG or UTF-8 text: not allowed.")
        ) from None
    if any(unicodedata.category(c) == "Cc" and c not in _TEXT_CONTROLS_ALLOWED for c in text):
        raise FileRefused(gettext("The text holds control characters: not allowed."))
    if extension == ".json":
        try:
            json.loads(text)
        except ValueError:
            raise FileRefused(
                gettext("The name ends in .json, but the content is not JSON.")
            ) from None
        return JSON
    return CSV if extension == ".csv" else TEXT


def clean_name(name: str) -> str:
    """The file name without folders or control characters, at most 150 characters."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip(" .")
    if len(base) > 150:
        stem, suffix = PurePosixPath(base).stem, PurePosixPath(base).suffix
        base = stem[: 150 - len(suffix)] + suffix
    return base or "file"


@transaction.atomic
def response_file_attach(
    *,
    request: SubjectRequest,
    name: str,
    content: bytes,
    uploaded_by=None,
    now: datetime.datetime | None = None,
) -> ResponseFile:
    """Keeps a file for the resident to download through the status link until it expires.

    Raises FileRefused for an empty or too large file, a type not allowed, or a name whose
    extension does not match the content. Stored encrypted, in the database (see
    models/letters.py); recorded on the request's timeline without its name."""
    now = now or timezone.now()
    if not request.is_open:
        # A file added after closing would reach a withdrawn request's resident unasked; an
        # answer goes with its letter, before the request closes.
        raise FileRefused(gettext("The request is closed: no file can be added to it."))
    if not content:
        raise FileRefused(gettext("The file is empty."))
    if len(content) > MAX_BYTES:
        raise FileRefused(_too_large())
    name = clean_name(name)
    content_type = sniff(content, name)
    response_file = ResponseFile(
        request=request,
        original_name=name,
        content_type=content_type,
        size=len(content),
        content=encrypt_bytes(content),
        uploaded_at=now,
        uploaded_by=uploaded_by,
        expires_at=now + FILES_KEPT,
    )
    response_file.full_clean()
    response_file.save()
    Event.objects.create(request=request, type=Event.Type.FILE_ADDED, at=now, note=content_type)
    return response_file


def _too_large() -> str:
    return gettext("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}


def upload_read(upload) -> bytes:
    """The content of an uploaded file (Django's UploadedFile), checked as `response_file_attach`
    will check it; raises FileRefused before reading a file above the cap into memory."""
    if upload.size > MAX_BYTES:
        raise FileRefused(_too_large())
    content = upload.read()
    if not content:
        raise FileRefused(gettext("The file is empty."))
    sniff(content, clean_name(upload.name))
    return content


def response_file_content(response_file: ResponseFile) -> bytes:
    return decrypt_bytes(response_file.content)


def response_files_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Erases the content of files past their date; the rows stay, so the resident's page
    can say the file has expired. Returns how many were erased."""
    now = now or timezone.now()
    return ResponseFile.objects.expired(now=now).update(content=b"", purged_at=now)


# --- Portability -----------------------------------------------------------------------------

EXPORT_FORMAT = "heerlen-privacy-portal/request-export"
EXPORT_VERSION = 1
REQUEST_EXPORT_FIELDS = (
    "reference",
    "kind",
    "domain",
    "language",
    "status",
    "received_at",
    "due_date",
    "name",
    "email",
    "details",
    "capacity",
    "subject_name",
    "verified_at",
    "withdrawn_at",
    "closed_at",
)
"""What the resident gave us and what we recorded about their request. Not exported: internal
values that say nothing about the resident (hashes of their link and code, the blind index,
the form's submission key, attempt counters). Data the municipality holds elsewhere (a debt or
youth-assistance case) reaches the resident as answer files, exported from those systems."""


def portability_available(request: SubjectRequest) -> bool:
    """A portability request gets its export once it is answered."""
    return (
        request.kind == Kind.PORTABILITY and request.letters.filter(type=LetterType.ANSWER).exists()
    )


def portability_export(request: SubjectRequest, *, now: datetime.datetime) -> dict:
    """The export (GDPR art. 20), as JSON-ready data: the request, its timeline, the letters
    issued (type and date; the letters themselves are PDFs on the status page) and the answer
    files (name, type, size, dates). Codes, not labels, so a machine can read it."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _iso(now),
        "request": {field: _iso(getattr(request, field)) for field in REQUEST_EXPORT_FIELDS},
        "events": [
            {"type": event.type, "at": _iso(event.at), "note": event.note}
            for event in request.events.all()
        ],
        "letters": [
            {"type": letter.type, "language": letter.language, "issued_at": _iso(letter.issued_at)}
            for letter in request.letters.all()
        ],
        "files": [
            {
                "name": response_file.original_name,
                "content_type": response_file.content_type,
                "size": response_file.size,
                "uploaded_at": _iso(response_file.uploaded_at),
                "expires_at": _iso(response_file.expires_at),
            }
            for response_file in request.response_files.all()
        ],
    }


def portability_csv(export: dict) -> str:
    """The same export as one CSV table of (section, item, field, value): one row per value,
    item numbering the events, letters and files from 1. Safe to open in a spreadsheet (OWASP
    CSV injection): every field is quoted, and every part of a value a spreadsheet might read
    as a cell of its own (the start, and after each `;` that Dutch Excel splits on, `,`, tab
    or line break) that begins with = + - @ tab or CR gets an apostrophe (`_cell`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["section", "item", "field", "value"])
    for field in ("format", "version", "exported_at"):
        writer.writerow(["export", "", field, _cell(export[field])])
    for field, value in export["request"].items():
        writer.writerow(["request", "", field, _cell(value)])
    for section in ("events", "letters", "files"):
        for number, item in enumerate(export[section], start=1):
            for field, value in item.items():
                writer.writerow([section, number, field, _cell(value)])
    return out.getvalue()


def _iso(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# A formula's first character, at the start of the value or of any part after a separator.
_FORMULA_START = re.compile(r"(^|[;,\t\r\n])([ ]*)(?=[=+\-@\t\r])")


def _cell(value):
    text = "" if value is None else str(value)
    return _FORMULA_START.sub(lambda m: m.group(1) + m.group(2) + "'", text)
