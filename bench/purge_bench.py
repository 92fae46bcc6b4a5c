"""Benchmark of the retention purge. Run by hand, never in the test suite:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/heerlen_privacy_bench_retention \
    .venv/bin/python bench/purge_bench.py [--sizes 10000 1000000] [--batch-size 5000]

For each size it fills the tables with expired debt signals (ciphertext-shaped dummy values,
inserted by SQL), each with a history row, and every other one with a contact attempt and a
case document whose file is on disk. It times plain SQL `DELETE`s of exactly those rows (the
derived rows first, one statement per table, in one transaction), fills everything again and
times `records_purge` on it in a fresh subprocess, whose own peak memory (`VmHWM` of
/proc/self/status, reset by exec) it reports. Before 2026-12-02 it reported `ru_maxrss`, which
Linux carries over fork and exec: the child showed the parent's peak (the parent had read the
file names of every document), so the memory figures measured before then are not the
purge's. On both sides the file unlinks are timed apart from the database work (the purge's
through a timer around the storage's `delete`), and the rate compares the database work.
Targets: purge rate >= 80 % of the plain DELETE rate at 1,000,000 records, and peak memory at
1,000,000 <= 1.2x the peak at 10,000.

Measured 2026-12-02 03:16-03:27 UTC (main after the garbage collector was paused during the
run) on the shared 2-core machine, load average 4.9-5.8 (the test suite and other agents ran
alongside; both sides of one run saw the same load), `--sizes 10000 1000000`, batch 5000,
media on /dev/shm:
10,000: plain DELETE 0.54 s, purge 4.54 s (12 %: the run's fixed cost, the statement PDF and
the rule checks, dominates); peak RSS 119.8 MiB.
1,000,000: plain DELETE 89.44 s (11,180/s), purge 99.78 s (10,022/s): 90 % (target 80 %:
met); unlinks 23.6 s / 14.6 s; peak RSS 119.8 MiB, 1.00x the peak at 10,000 (target met).
The run before it (02:56-03:07, before the collector was paused, load 5.3-6.1) gave 64 %:
the figures are noisy on a loaded machine; compare the two sides within one run.
Where the purge's time went (200,000 records, a per-statement timer, load 7): the commits
44 % (the deferred foreign-key checks of the deleted signals, four referencing tables: the
same work the plain DELETE's single commit does, most of its time), the claim-and-delete
statement 9 %, the derived rows' DELETEs 10 %, the destruction-log and file-queue rows 7 %,
Python's garbage collector 7 % (now paused during the run), the keyed hashes 4 %, the
statement PDF 3 %.
"""

import argparse
import base64
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
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
# The case files go to a scratch folder of their own, removed by the bench (see main).
if "DJANGO_MEDIA_ROOT" not in os.environ:  # the child process inherits the parent's
    os.environ["DJANGO_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="purge-bench-media-")

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
        cursor.execute(
            "TRUNCATE retention_debtsignal, retention_casehistory, retention_contactattempt, "
            "retention_casedocument, retention_pendingfiledeletion RESTART IDENTITY CASCADE"
        )
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
        # The derived rows: a history row each; every other signal a contact attempt and a
        # document whose file is on disk.
        cursor.execute(
            "INSERT INTO retention_casehistory (debt_signal_id, at, action, actor) "
            "SELECT id, now(), 'created', 'bench' FROM retention_debtsignal"
        )
        cursor.execute(
            "INSERT INTO retention_contactattempt (debt_signal_id, attempted_on, channel, "
            "result, note) SELECT id, '2026-01-20', 'phone', 'reached', %s "
            "FROM retention_debtsignal WHERE id %% 2 = 0",
            [token],
        )
        cursor.execute(
            "INSERT INTO retention_casedocument (debt_signal_id, kind, file, added_at) "
            "SELECT id, 'file', 'cases/bench/' || (id / 1000) || '/' || id || '.eml', now() "
            "FROM retention_debtsignal WHERE id % 2 = 0"
        )
        for table in ("debtsignal", "casehistory", "contactattempt", "casedocument"):
            cursor.execute(f"ANALYZE retention_{table}")
        cursor.execute("SELECT file FROM retention_casedocument")
        names = [name for (name,) in cursor.fetchall()]
    write_files(names)


def write_files(names):
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    for name in names:
        path = root / name
        try:
            path.write_bytes(b"Subject: arrears\n")
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"Subject: arrears\n")


def files_left():
    from django.conf import settings

    folder = Path(settings.MEDIA_ROOT) / "cases" / "bench"
    return sum(1 for path in folder.rglob("*.eml")) if folder.exists() else 0


def raw_delete(n):
    """Plain SQL: the derived rows of exactly the due signals, then the signals, in one
    transaction; then the files unlinked, timed apart. Returns (database s, unlink s)."""
    from django.core.files.storage import default_storage
    from django.db import connection, transaction

    fill(n)
    due = (
        "SELECT id FROM retention_debtsignal "
        "WHERE retention_status = 'scheduled' AND archiefactiedatum <= %s"
    )
    day = [RUN_AT.date()]
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM retention_casedocument WHERE debt_signal_id IN ({due}) RETURNING file",  # noqa: S608
            day,
        )
        names = [name for (name,) in cursor.fetchall()]
        for table in ("casehistory", "contactattempt"):
            cursor.execute(
                f"DELETE FROM retention_{table} WHERE debt_signal_id IN ({due})",  # noqa: S608
                day,
            )
        cursor.execute(
            "DELETE FROM retention_debtsignal "
            "WHERE retention_status = 'scheduled' AND archiefactiedatum <= %s",
            day,
        )
        assert cursor.rowcount == n, cursor.rowcount
    database = time.perf_counter() - start
    start = time.perf_counter()
    for name in names:
        default_storage.delete(name)
    unlink = time.perf_counter() - start
    assert files_left() == 0
    return database, unlink


def peak_rss_kib() -> int:
    """This process's own peak RSS: `VmHWM` of /proc/self/status, which exec resets. Not
    `getrusage(RUSAGE_SELF).ru_maxrss`: on Linux that survives fork and exec, so the child
    reported the parent's peak (the parent had just read 500,000 file names)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    sys.exit("No VmHWM in /proc/self/status: the bench measures memory on Linux only.")


def child(batch_size):
    """In its own process: only the purge, so its peak RSS is the purge's."""
    setup()
    from django.core.files.storage import FileSystemStorage

    from cases.models import CaseDocument, CaseHistory, ContactAttempt, DebtSignal
    from retention.models import PendingFileDeletion
    from retention.purge import records_purge

    unlinking = [0.0]
    delete = FileSystemStorage.delete

    def timed_delete(self, name):
        start = time.perf_counter()
        try:
            delete(self, name)
        finally:
            unlinking[0] += time.perf_counter() - start

    FileSystemStorage.delete = timed_delete
    start = time.perf_counter()
    run = records_purge(now=RUN_AT, batch_size=batch_size)
    elapsed = time.perf_counter() - start
    for model in (DebtSignal, CaseHistory, ContactAttempt, CaseDocument, PendingFileDeletion):
        assert not model.objects.exists(), model
    assert files_left() == 0
    peak_kib = peak_rss_kib()
    print(
        json.dumps(
            {
                "seconds": elapsed - unlinking[0],
                "unlink_seconds": unlinking[0],
                "peak_kib": peak_kib,
                "status": run.status,
            }
        )
    )


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
    try:
        compare(args)
    finally:
        shutil.rmtree(os.environ["DJANGO_MEDIA_ROOT"], ignore_errors=True)


def compare(args):
    results = {}
    print(
        f"{'records':>9} | {'plain SQL DELETE':>26} | {'records_purge':>26} | "
        f"{'rate':>4} | {'unlink: SQL / purge':>19} | peak RSS"
    )
    for n in args.sizes:
        raw, raw_unlink = raw_delete(n)
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
            f"{n:>9,} | {raw:7.2f} s ({n / raw:>10,.0f}/s) | "
            f"{purge['seconds']:7.2f} s ({n / purge['seconds']:>10,.0f}/s) | "
            f"{raw / purge['seconds']:4.0%} | "
            f"{raw_unlink:7.2f} s / {purge['unlink_seconds']:7.2f} s | "
            f"{purge['peak_kib'] / 1024:6.1f} MiB",
            flush=True,
        )
    if len(args.sizes) >= 2:
        small, large = results[min(args.sizes)], results[max(args.sizes)]
        print(
            f"peak memory {max(args.sizes):,} / {min(args.sizes):,}: "
            f"{large['peak_kib'] / small['peak_kib']:.2f}x (target <= 1.2x); "
            f"rate at {max(args.sizes):,}: {large['raw_seconds'] / large['seconds']:.0%} "
            "of the plain DELETEs (target >= 80 %)"
        )


if __name__ == "__main__":
    main()
