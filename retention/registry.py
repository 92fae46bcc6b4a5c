"""Which models the retention engine governs, declared by the apps that own them.

Each app lists what it keeps in a module `<app>/retained.py`, as the admin's `admin.py`:

- `RECORDS`: records governed by a published retention rule, as dicts with
  - `model`: "app_label.ModelName";
  - `record_type`: a `RecordType` value, the policies' vocabulary;
  - `outcomes`: the outcomes a policy may name for it;
  - `start_event(record, clock_start) -> date | None`: the date the period counts from
    (brondatum) for a `RetentionRule.ClockStart`, None if unknown;
  - `closed` (records without stored dates only): a `Q` selecting closed records, and
    `start_field`: the date(time) field a coarse filter on the start can use;
  - `statistic_field` (optional): the column kept as the category when a record is
    anonymised (a statistical residue without personal data), with `statistic_category`:
    maps its value to a known category, "" for anything else, so free text (a name, a BSN)
    never survives as a category.
- `EXPIRING`: derived copies with a shorter life of their own (answer files, unconfirmed
  requests, remembered API answers), as dicts with `name`, `purge(*, now) -> int` and
  optionally `count(*, now) -> int` for a dry run. One with a fixed period the statements
  publish also names it: `rule` (the retention rule's code) and `period` (ISO 8601, the very
  string the app computes its clock from).
  An expiring copy that is a record of its own (an unconfirmed request) names, instead of
  `purge`, `records(*, now) -> QuerySet` of those to remove, with `record_type`, `start_field`
  (the date(time) its period counts from) and optionally `category_field` (a coarse category
  without personal data, such as a request's type): the run removes them and writes a
  destruction-log line for each, as for any other record.
- `BEFORE_RUN`: callables `(*, now)` the run calls before it destroys anything, so what an app
  must keep of its records (a report's figures) is kept first. One that raises stops the run.
- `LIMITS`: other fixed periods the app enforces and the statements publish, without
  destroying anything (how long a status link works), as dicts with `rule` and `period`.

Published = enforced (`rules.published_enforced_problems`) compares the rules in force with
the active policies and with these `rule`/`period` pairs, in both directions.

A model inheriting `RetainedRecord` stores its destruction date, recomputed on save, so due
records are a plain filter. Any other model has its dates computed in the run from its start
event. Apps that may not import the engine (requests) still declare themselves: `retained.py`
holds plain data, and retention reads it (`autodiscover`, from `RetentionConfig.ready`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q


@dataclass(frozen=True)
class Retained:
    model: type[Model]
    record_type: str
    outcomes: tuple[str, ...]
    start_event: Callable[[Model, str], date | None]
    closed: Q | None = None
    start_field: str = ""
    statistic_field: str = ""
    statistic_category: Callable[[Any], str] | None = None

    def category(self, value) -> str:
        """The statistics category of a `statistic_field` value: only a known one."""
        if self.statistic_category is None:
            return ""
        return self.statistic_category(value) or ""

    @property
    def objects(self) -> Any:
        """The model's records, through its default manager: for a model that stores its
        dates, a `RetainedQuerySet` (due, uncovered, on_hold)."""
        return self.model._default_manager.all()

    @property
    def stores_dates(self) -> bool:
        # Deferred: retention.models imports this module (policies check outcomes here).
        from .models import RetainedRecord

        return issubclass(self.model, RetainedRecord)


@dataclass(frozen=True)
class Expiring:
    name: str
    purge: Callable[..., int] | None = None
    count: Callable[..., int] | None = field(default=None)
    rule: str = ""
    period: str = ""
    records: Callable[..., Any] | None = None
    record_type: str = ""
    start_field: str = ""
    category_field: str = ""


_records: dict[str, Retained] = {}
_expiring: dict[str, Expiring] = {}
_enforced: dict[str, str] = {}
_before_run: list[Callable[..., Any]] = []


def register(
    model: type[Model] | str,
    *,
    record_type: str,
    outcomes,
    start_event,
    closed: Q | None = None,
    start_field: str = "",
    statistic_field: str = "",
    statistic_category=None,
) -> Retained:
    if isinstance(model, str):
        model = apps.get_model(model)
    spec = Retained(
        model=model,
        record_type=record_type,
        outcomes=tuple(outcomes),
        start_event=start_event,
        closed=closed,
        start_field=start_field,
        statistic_field=statistic_field,
        statistic_category=statistic_category,
    )
    governed = {other.model: other.record_type for other in _records.values()}
    if record_type in _records or model in governed:
        # A second declaration would silently end the first's purge, or purge one model
        # under two periods.
        raise ImproperlyConfigured(
            f"{model._meta.label}: record type {record_type!r} or the model is declared twice."
        )
    if statistic_field and statistic_category is None:
        raise ImproperlyConfigured(
            f"{model._meta.label}: a `statistic_field` needs a `statistic_category` that keeps "
            "only known categories."
        )
    if not spec.stores_dates and (closed is None or not start_field):
        raise ValueError(
            f"{model._meta.label}: without stored dates, name `closed` and `start_field`."
        )
    _records[record_type] = spec
    return spec


def register_expiring(
    *,
    name: str,
    purge=None,
    count=None,
    rule: str = "",
    period: str = "",
    records=None,
    record_type: str = "",
    start_field: str = "",
    category_field: str = "",
) -> Expiring:
    if name in _expiring:
        raise ImproperlyConfigured(f"Expiring copies {name!r} are declared twice.")
    if (purge is None) == (records is None):
        raise ImproperlyConfigured(f"Expiring copies {name!r}: name `purge` or `records`.")
    if records is not None and not (record_type and start_field and rule and period):
        raise ImproperlyConfigured(
            f"Expiring records {name!r}: name `record_type`, `start_field`, `rule` and `period`."
        )
    spec = Expiring(
        name=name,
        purge=purge,
        count=count,
        rule=rule,
        period=period,
        records=records,
        record_type=record_type,
        start_field=start_field,
        category_field=category_field,
    )
    if rule:
        register_limit(rule=rule, period=period)
    _expiring[name] = spec
    return spec


def register_limit(*, rule: str, period: str) -> None:
    """A fixed period an app enforces itself, published as retention rule `rule`."""
    from core.periods import parse_period

    if rule in _enforced:
        raise ImproperlyConfigured(f"The period of rule {rule!r} is declared twice.")
    try:
        parse_period(period)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Rule {rule!r}: {exc}") from exc
    _enforced[rule] = period


def enforced_periods() -> dict[str, str]:
    """{rule code: ISO period} of every fixed period the apps enforce themselves."""
    return dict(_enforced)


def records() -> list[Retained]:
    return list(_records.values())


def record(record_type: str) -> Retained | None:
    return _records.get(record_type)


def stored() -> list[Retained]:
    """The records whose destruction date is stored on them."""
    return [spec for spec in _records.values() if spec.stores_dates]


def computed() -> list[Retained]:
    """The records whose destruction date the run computes from their start event."""
    return [spec for spec in _records.values() if not spec.stores_dates]


def expiring() -> list[Expiring]:
    return list(_expiring.values())


def register_before_run(prepare: Callable[..., Any]) -> None:
    if prepare not in _before_run:
        _before_run.append(prepare)


def before_run() -> list[Callable[..., Any]]:
    return list(_before_run)


def autodiscover() -> None:
    """Reads `RECORDS`, `EXPIRING`, `LIMITS` and `BEFORE_RUN` of every installed app's
    `retained` module."""
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.retained"
        if find_spec(name) is None:
            continue
        module = import_module(name)
        for declaration in getattr(module, "RECORDS", ()):
            register(**declaration)
        for declaration in getattr(module, "EXPIRING", ()):
            register_expiring(**declaration)
        for declaration in getattr(module, "LIMITS", ()):
            register_limit(**declaration)
        for prepare in getattr(module, "BEFORE_RUN", ()):
            register_before_run(prepare)
