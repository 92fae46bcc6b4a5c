"""Where a data-subject request is carried out: the data sources, behind one interface.

A source holds records about people, found by BSN. The portal's own case records
(`subjects.internal`) are the first; a system outside this database (a ZGW Zaken API, say)
becomes a source by implementing `DataSource` in a module and registering it in its app's
`ready()` (docs/data-sources.md). The request's page and the access answer only talk to
this interface, so they need no change for a new source.

Records travel as `FoundRecord`: plain values, already decrypted, with readable labels and
what GDPR art. 15(1) asks to tell (purposes, categories, recipients, source, retention).
Nothing here is stored; a source is asked again each time.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable


class Role:
    """How the person appears in a record."""

    SUBJECT = "subject"
    REPRESENTATIVE = "representative"


@dataclass(frozen=True)
class Line:
    """One item of personal data: a stable key within its record, a label, the value.
    `provided` marks what the resident (or a party on their behalf) provided: the part that
    the portability export (GDPR art. 20) carries."""

    key: str
    label: str
    value: str
    provided: bool = False


@dataclass(frozen=True)
class Erasure:
    """What the law allows for erasing a record: `allowed`, or the ground for refusing
    (a `requests_app.RefusalGround` value) with the reason in words."""

    allowed: bool
    ground: str = ""
    reason: str = ""


@dataclass(frozen=True)
class FoundRecord:
    """One record about the person, as a source found it."""

    source: str  # the source's key
    record_id: str  # the source's own public id: never a BSN or a name
    record_type: str  # e.g. "debt_signal", "youth_case"
    domain: str  # a `requests_app.Domain` value: who may see it
    title: str
    role: str  # `Role`
    received_on: date | None
    lines: tuple[Line, ...]
    purposes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    reporting_party: str = ""
    retention_period: str = ""
    destruction_date: date | None = None
    statement_version: str = ""
    erasure: Erasure = field(default_factory=lambda: Erasure(allowed=False))
    restricted: bool = False
    # The model instance, for the access log, where the source is this database.
    obj: object = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """Stable across lookups: names a record (and, with a line's key, a line) in the
        handler's art. 15(4) removals."""
        return f"{self.source}:{self.record_type}:{self.record_id}"


class SourceRefused(Exception):
    """The operation is not allowed for this record; the message says why, for staff."""


@runtime_checkable
class DataSource(Protocol):
    """What a source offers. `domains` limits a search to what the caller may see; every
    method takes ids, never a name or an address. Writes raise `SourceRefused` when the law
    or the record's state does not allow them."""

    key: str
    label: str

    def find_by_bsn(self, bsn: str, *, domains: Iterable[str]) -> list[FoundRecord]:
        """Every record about `bsn` in `domains`, as subject or representative."""
        ...

    def export(self, record_id: str) -> FoundRecord | None:
        """One record, all its lines (for the answer and the portability export)."""
        ...

    def erase(self, record_id: str, *, reason: str, now) -> None:
        """Erases the record (GDPR art. 17), leaving the source's own trace of it."""
        ...

    def restrict(self, record_id: str, *, reason: str, now) -> None:
        """Marks the record restricted (GDPR art. 18): kept, not changed, not used."""
        ...


_sources: dict[str, DataSource] = {}


def source_register(source: DataSource) -> None:
    """Adds a source (in an app's `ready()`); registering the same key again replaces it."""
    if not isinstance(source, DataSource):
        raise TypeError(f"{source!r} does not implement DataSource")
    _sources[source.key] = source


def sources() -> list[DataSource]:
    return list(_sources.values())


def source_get(key: str) -> DataSource:
    return _sources[key]


def records_find(bsn: str, *, domains: Iterable[str]) -> list[FoundRecord]:
    """Every source's records about `bsn` within `domains`, oldest first."""
    domains = list(domains)
    if not bsn or not domains:
        return []
    found = [record for source in sources() for record in source.find_by_bsn(bsn, domains=domains)]
    return sorted(found, key=lambda r: (r.received_on or date.min, r.key))
