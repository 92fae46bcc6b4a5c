"""Benchmark of key rotation (`manage.py rotate_keys`, core/keyrotation.py). Run by hand, never
in the test suite:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/heerlen_rotate_bench \
    .venv/bin/python bench/rotate_bench.py [--rows 100000] [--batch-size 1000]

It fills `--rows` debt signals whose five encrypted columns (BSN, name, address,
administration number, phone) hold real Fernet tokens under an old key, all different, puts a
new key in front and times, each on the whole database:
1. the rotation itself (every token decrypted and encrypted again, one UPDATE per batch);
2. the same command again, as after an interruption: every token is read and recognised as
   done, nothing is written;
3. `rotate_keys --blind-index` after a change of BLIND_INDEX_KEY (each BSN decrypted, its index
   recomputed, one bulk UPDATE per batch).
It then checks a sample with the new key alone. The load average of the machine is printed
with the figures: the rate depends on what else runs.

Measured 2026-12-02 02:22 UTC on the shared 2-core machine while another long benchmark and
other agents ran (load average 6.6 to 8.1), 100,000 rows (500,000 tokens), batch 1000:
- rotation: 55.7 s, 1,796 rows/s (8,982 tokens/s); load average 6.60 before, 7.07 after;
- second run (nothing left to do): 9.9 s, 10,051 rows/s; load 7.07 before, 7.59 after;
- blind-index re-keying: 22.1 s, 4,528 rows/s; load 7.59 before, 8.11 after.
An earlier run at load 5.6-6.7: rotation 53.7 s, second run 7.6 s, and blind-index re-keying
68.6 s while it still wrote with Django's `bulk_update` (one CASE per batch, quadratic in the
batch size); it now writes one UPDATE from arrays, as the rotation does. Filling took 29 s.
"""

import argparse
import base64
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heerlen_privacy.settings")
# DEBUG off, as in production: with DEBUG on, Django keeps every query's SQL in memory.
os.environ["DJANGO_DEBUG"] = "false"
os.environ.setdefault("DJANGO_SECRET_KEY", base64.urlsafe_b64encode(os.urandom(48)).decode())
OLD_KEY = base64.urlsafe_b64encode(os.urandom(32)).decode()
NEW_KEY = base64.urlsafe_b64encode(os.urandom(32)).decode()
os.environ["FIELD_ENCRYPTION_KEYS"] = f"{NEW_KEY},{OLD_KEY}"
OLD_INDEX_KEY = "bench-only-old-blind-index-key-not-for-production"
os.environ["BLIND_INDEX_KEY"] = "bench-only-new-blind-index-key-not-for-production"
os.environ["BLIND_INDEX_PREVIOUS_KEY"] = OLD_INDEX_KEY
COLUMNS = ("bsn", "name", "address", "administration_number", "phone")


def setup():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    call_command("migrate", verbosity=0)


def ensure_database():
    import psycopg

    base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def fill(n: int) -> None:
    """`n` closed debt signals (as the purge bench makes them), each value its own token under
    the old key, the BSN's blind index under the old blind-index key."""
    from cryptography.fernet import Fernet
    from django.db import connection

    from cases.models import ReportingOrganisation
    from core.crypto import Purpose, keyed_hash

    old = Fernet(OLD_KEY)
    org, _ = ReportingOrganisation.objects.get_or_create(
        name="Bench landlord", defaults={"kind": "landlord"}
    )
    bsns = [f"{100000000 + i}" for i in range(n)]
    values = {
        "bsn": bsns,
        "name": [f"Bewoner {i}" for i in range(n)],
        "address": [f"Akerstraat {i}, 6411 HA Heerlen" for i in range(n)],
        "administration_number": [f"ADM-{i:08d}" for i in range(n)],
        "phone": [f"045-{i:07d}" for i in range(n)],
    }
    tokens = {c: [old.encrypt(v.encode()).decode() for v in values[c]] for c in COLUMNS}
    indexes = [keyed_hash(b, purpose=Purpose.BLIND_INDEX, key=OLD_INDEX_KEY) for b in bsns]
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
            SELECT gen_random_uuid(), '', now(), now(), v.bsn, v.bsn_index,
                'no_response', '2026-03-01', '', 'scheduled',
                'debt-signal-no-help', 'P6M', 'signal_received',
                'destroy', false, 'no_response@2026-03-01',
                '2026-01-15', '2026-07-16', %(org)s,
                '2026-01-15', v.name, v.address, '', v.administration_number, v.phone,
                'rent', 850.00, '2025-11-01', 'not_made', '', ''
            FROM unnest(%(bsn)s::text[], %(idx)s::text[], %(name)s::text[], %(address)s::text[],
                        %(adm)s::text[], %(phone)s::text[])
                 AS v(bsn, bsn_index, name, address, administration_number, phone)
            """,
            {
                "org": org.pk,
                "bsn": tokens["bsn"],
                "idx": indexes,
                "name": tokens["name"],
                "address": tokens["address"],
                "adm": tokens["administration_number"],
                "phone": tokens["phone"],
            },
        )
        cursor.execute("ANALYZE retention_debtsignal")


def timed(label: str, n: int, run) -> float:
    load = os.getloadavg()[0]
    started = time.perf_counter()
    written = run()
    took = time.perf_counter() - started
    print(
        f"{label}: {took:.1f} s, {n / took:,.0f} rows/s, written {sum(written.values()):,}; "
        f"load average {load:.2f} before, {os.getloadavg()[0]:.2f} after",
        flush=True,
    )
    return took


def check(sample: int = 100) -> None:
    from django.test import override_settings

    from cases.models import DebtSignal

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY], BLIND_INDEX_PREVIOUS_KEY=""):
        rows = list(DebtSignal.objects.order_by("pk")[:sample])
        assert all(row.name.startswith("Bewoner ") for row in rows)
        assert DebtSignal.objects.with_bsn(rows[0].bsn).get() == rows[0]
    print(f"checked {len(rows)} rows with the new keys alone", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    ensure_database()
    setup()
    from core.keyrotation import blind_indexes_rebuild, encrypted_columns_rotate

    started = time.perf_counter()
    fill(args.rows)
    print(f"filled {args.rows:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
    size = args.batch_size
    took = timed("rotation", args.rows, lambda: encrypted_columns_rotate(batch_size=size))
    print(f"  {args.rows * len(COLUMNS) / took:,.0f} tokens/s", flush=True)
    timed("second run", args.rows, lambda: encrypted_columns_rotate(batch_size=size))
    timed("blind-index re-keying", args.rows, lambda: blind_indexes_rebuild(batch_size=size))
    check()


if __name__ == "__main__":
    main()
