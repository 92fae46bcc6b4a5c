"""Benchmark of the retention purge. Run by hand, never in the test suite:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/heerlen_privacy_bench_retention \
    .venv/bin/python bench/purge_bench.py [--sizes 10000 1000000] [--batch-size 5000]

For each size it fills the table with expired debt-signal records (ciphertext-shaped dummy
values, inserted by SQL), times one raw `DELETE` of exactly those rows, fills it again with the
same rows and times `records_purge` on them in a fresh subprocess, whose peak memory (RSS,
`ru_maxrss`) it reports. Targets: purge rate >= 50 % of the raw DELETE rate at
1,000,000 records, and peak memory at 1,000,000 <= 1.2x the peak at 10,000.
"""

import argparse
import base64
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heerlen_privacy.settings")
# DEBUG off, as in production: with DEBUG on, Django keeps every query's SQL in memory.
os.environ["DJANGO_DEBUG"] = "false"
os.environ.setdefault("DJANGO_SECRET_KEY", base64.urlsafe_b64encode(os.urandom(48)).decode())
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", base64.urlsafe_b64encode(b"b" * 32).decode())
os.environ.setdefault("BLIND_INDEX_KEY", "bench-only-blind-index-key-not-for-production")

RUN_AT = dt.datetime(2027, 1, 1, 1, 30, tzinfo=dt.UTC)


def setup():
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")


def ensure_database():
    import psycopg

    url = os.environ["DATABASE_URL"]
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def fill(n):
    from django.db import connection

    from cases.models import ReportingOrganisation

    org, _ = ReportingOrganisation.objects.get_or_create(
        name="Bench landlord", defaults={"kind": "landlord"}
    )
    token = "gAAAAA" + "x" * 94  # the size of a Fernet token of a short name
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE retention_debtsignal RESTART IDENTITY CASCADE")
        cursor.execute(
            """
            INSERT INTO retention_debtsignal (
                public_id, external_reference, created_at, updated_at, bsn, bsn_index,
                outcome, closed_on, legal_hold_reason, retention_status,
                retention_policy_code, retention_period, retention_clock_start,
                retention_action, retention_needs_approval, retention_copied_for,
                startdatum_bewaartermijn, archiefactiedatum, reporting_organisation_id,
                signal_received_on, name, address, gender, administration_number, phone,
                arrears_type, arrears_amount, arrears_since, offer, debt_relief_programme,
                caregiver_reports
            )
            SELECT gen_random_uuid(), '', now(), now(), %(t)s, md5(i::text) || md5(i::text),
                'no_response', '2026-03-01', '', 'scheduled',
                'debt-signal-no-help', 'P6M', 'signal_received',
                'destroy', false, 'no_response@2026-03-01',
                '2026-01-15', '2026-07-16', %(org)s,
                '2026-01-15', %(t)s, %(t)s, '', %(t)s, %(t)s,
                'rent', 850.00, '2025-11-01', 'not_made', '', ''
            FROM generate_series(1, %(n)s) AS i
            """,
            {"t": token, "org": org.pk, "n": n},
        )
        cursor.execute("ANALYZE retention_debtsignal")


def raw_delete(n):
    from django.db import connection, transaction

    fill(n)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM retention_debtsignal "
            "WHERE retention_status = 'scheduled' AND archiefactiedatum <= %s",
            [RUN_AT.date()],
        )
        assert cursor.rowcount == n, cursor.rowcount
    return time.perf_counter() - start


def child(batch_size):
    """In its own process: only the purge, so its peak RSS is the purge's."""
    setup()
    from cases.models import DebtSignal
    from retention.purge import records_purge

    start = time.perf_counter()
    run = records_purge(now=RUN_AT, batch_size=batch_size)
    elapsed = time.perf_counter() - start
    assert not DebtSignal.objects.exists()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": elapsed, "peak_kib": peak_kib, "status": run.status}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        return child(args.batch_size)
    ensure_database()
    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_statements", verbosity=0)
    results = {}
    for n in args.sizes:
        raw = raw_delete(n)
        fill(n)
        out = (
            subprocess.run(
                [sys.executable, __file__, "--child", "--batch-size", str(args.batch_size)],
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        purge = json.loads(out)
        results[n] = {"raw_seconds": raw, **purge}
        print(
            f"{n:>9,} records: raw DELETE {raw:7.2f} s ({n / raw:>10,.0f}/s) | "
            f"purge {purge['seconds']:7.2f} s ({n / purge['seconds']:>10,.0f}/s) | "
            f"rate {raw / purge['seconds']:5.0%} of raw | "
            f"peak RSS {purge['peak_kib'] / 1024:6.1f} MiB",
            flush=True,
        )
    if len(args.sizes) >= 2:
        small, large = results[min(args.sizes)], results[max(args.sizes)]
        print(
            f"peak memory {max(args.sizes):,} / {min(args.sizes):,}: "
            f"{large['peak_kib'] / small['peak_kib']:.2f}x (target <= 1.2x); "
            f"rate at {max(args.sizes):,}: {large['raw_seconds'] / large['seconds']:.0%} "
            "of raw DELETE (target >= 50 %)"
        )


if __name__ == "__main__":
    main()
