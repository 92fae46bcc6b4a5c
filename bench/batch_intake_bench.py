"""Benchmark of batch intake (issue 18, item 3). Run by hand, never in the test suite:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/heerlen_privacy_bench_batch \
    .venv/bin/python bench/batch_intake_bench.py [--sizes 1000 10000]

For each size it builds a batch of that many signals of one landlord (distinct residents with
valid BSNs, 2 % of them a second signal for a resident already in the batch, which joins the
open case, and 1 % refused items), stores it as the API does (`signal_batch_create`: parsed,
encrypted in chunks) and times `signal_batch_process`, the worker's whole job. A second run of
the same size, under tracemalloc, gives the peak Python memory of the processing.
Targets: 10,000 signals processed in <= 30 s; the peak at 10,000 about the peak at 1,000
("flat": one chunk of `CHUNK_ITEMS` in memory at a time).
"""

import argparse
import base64
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heerlen_privacy.settings")
# DEBUG off, as in production: with DEBUG on, Django keeps every query's SQL in memory.
os.environ["DJANGO_DEBUG"] = "false"
os.environ.setdefault("DJANGO_SECRET_KEY", base64.urlsafe_b64encode(os.urandom(48)).decode())
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", base64.urlsafe_b64encode(b"b" * 32).decode())
os.environ.setdefault("BLIND_INDEX_KEY", "bench-only-blind-index-key-not-for-production")
os.environ["CELERY_BROKER_URL"] = ""  # the worker's job is called directly below


def setup():
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ensure_database():
    import psycopg

    url = os.environ["DATABASE_URL"]
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def valid_bsns(count, seed):
    """`count` distinct 9-digit numbers passing the eleven-test (test data, not residents)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    found = set()
    while len(found) < count:
        digits = [rng.randrange(10) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10 and digits[0] != 0:
            found.add("".join(map(str, digits)) + str(last))
    return sorted(found)


def items_for(size, seed):
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    residents = valid_bsns(size, seed)
    items = []
    for number in range(1, size + 1):
        bsn = residents[number - 1]
        if number % 50 == 0:  # 2 %: a second signal for a resident earlier in the batch
            bsn = residents[rng.randrange(number - 1)]
        data = {
            "name": f"Bewoner {number}",
            "address": f"Akerstraat {number}, 6411 HA Heerlen",
            "bsn": bsn,
            "phone": "045-1234567",
            "administration_number": f"K-{number}",
            "arrears_amount": f"{rng.randrange(100, 300000) / 100:.2f}",
            "arrears_since": "2026-01-01",
            "signal_date": "2026-02-01",
        }
        if number % 100 == 0:  # 1 %: refused (no name)
            del data["name"]
        items.append({"line": number, "data": data})
    return items


def clean():
    from cases.models import CaseHistory, DebtSignal, SignalBatch, SignalReport

    SignalBatch.objects.all().delete()
    CaseHistory.objects.all().delete()
    SignalReport.objects.all().delete()
    DebtSignal.objects.all().delete()


def client():
    from cases.models import ApiClient, ReportingOrganisation
    from cases.services import api_client_create

    organisation, _created = ReportingOrganisation.objects.get_or_create(
        name="Bench landlord", defaults={"kind": ReportingOrganisation.Kind.LANDLORD}
    )
    found = ApiClient.objects.filter(organisation=organisation).first()
    return (
        found
        or api_client_create(organisation=organisation, name="batch", scopes=["signals:write"])[0]
    )


def run(size, *, memory):
    from django.db import transaction
    from django.utils import timezone

    from cases import batches
    from cases.models import DebtSignal, SignalBatch, SignalReport

    clean()
    items = items_for(size, seed=size)
    batches.signal_batch_dispatch = lambda **kwargs: None  # the worker is called below
    started = time.perf_counter()
    with transaction.atomic():
        batch = batches.signal_batch_create(client=client(), items=items, now=timezone.now())
    stored = time.perf_counter() - started
    del items
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    batches.signal_batch_process(batch_id=batch.pk, now=timezone.now())
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if memory else 0
    if memory:
        tracemalloc.stop()
    batch = SignalBatch.objects.get(pk=batch.pk)
    assert batch.status == SignalBatch.Status.DONE, batch.status
    assert batch.processed == size
    cases, joined = DebtSignal.objects.count(), SignalReport.objects.count()
    assert cases + joined == batch.accepted
    return {
        "size": size,
        "stored_s": stored,
        "processed_s": seconds,
        "per_s": size / seconds,
        "peak_mib": peak / 2**20,
        "accepted": batch.accepted,
        "rejected": batch.processed - batch.accepted,
        "cases": cases,
        "joined": joined,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--time-only", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args()
    ensure_database()
    setup()
    peaks = {}
    for size in args.sizes:
        timed = run(size, memory=False)
        measured = timed if args.time_only else run(size, memory=True)
        peaks[size] = measured["peak_mib"]
        memory = (
            "memory not measured"
            if args.time_only
            else f"tracemalloc peak while processing {measured['peak_mib']:.2f} MiB "
            f"(processing under tracemalloc: {measured['processed_s']:.2f} s)"
        )
        print(
            f"{size:>6} signals: stored in {timed['stored_s']:.2f} s, processed in "
            f"{timed['processed_s']:.2f} s ({timed['per_s']:.0f}/s); "
            f"{timed['accepted']} accepted ({timed['cases']} cases, {timed['joined']} joined), "
            f"{timed['rejected']} refused; {memory}"
        )
    if len(peaks) > 1 and not args.time_only:
        small, large = min(peaks), max(peaks)
        print(f"peak memory {large} / {small}: {peaks[large] / peaks[small]:.2f}x")
    clean()


if __name__ == "__main__":
    main()
