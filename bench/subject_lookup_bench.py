"""Benchmark of finding a person's case records and assembling their access answer. Run by
hand, never in the test suite:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/heerlen_sources_bench \
    .venv/bin/python bench/subject_lookup_bench.py [--debt 1000000] [--youth 100000]

It fills the tables (by SQL, ciphertext-shaped dummy values and random blind indexes) with
`--debt` early signs of debt and `--youth` youth cases, each youth case with a representative
row, then adds one person through the ORM (really encrypted): two debt signals of their own
and a youth case of their child that names them as parent; and a second person with 50 debt
signals. It times:

- the lookup: `subjects.sources.records_find(bsn, domains=all)`, records decrypted and the
  statement versions read, median of 21 warm runs (target <= 50 ms);
- the answer of 50 records: the lookup, `answer_build` (with the access-log query), the PDF,
  the JSON and the CSV, median of 5 runs (target <= 2 s).

Measured: see docs/data-sources.md ("Speed").
"""

import argparse
import base64
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heerlen_privacy.settings")
os.environ["DJANGO_DEBUG"] = "false"
os.environ.setdefault("DJANGO_SECRET_KEY", base64.urlsafe_b64encode(os.urandom(48)).decode())
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", base64.urlsafe_b64encode(b"b" * 32).decode())
os.environ.setdefault("BLIND_INDEX_KEY", "bench-only-blind-index-key-not-for-production")

PERSON, CHILD, MANY = "111222333", "123456782", "999999990"
TOKEN = "gAAAAA" + "x" * 94  # the size of a Fernet token of a short value


def ensure_database():
    import psycopg

    base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    call_command("migrate", verbosity=0)
    call_command("load_statements", verbosity=0)


def fill(n_debt, n_youth):
    from django.db import connection

    from cases.models import ReportingOrganisation

    org, _ = ReportingOrganisation.objects.get_or_create(
        name="Bench landlord", defaults={"kind": "landlord"}
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE retention_debtsignal, retention_youthcase, cases_youthrepresentative, "
            "retention_casehistory, retention_contactattempt, retention_casedocument "
            "RESTART IDENTITY CASCADE"
        )
        cursor.execute(
            """
            INSERT INTO retention_debtsignal (
                public_id, external_reference, created_at, updated_at, bsn, bsn_index,
                outcome, legal_hold_reason, retention_status,
                retention_policy_code, retention_period, retention_clock_start,
                retention_action, retention_needs_approval, retention_copied_for,
                startdatum_bewaartermijn, archiefactiedatum, reporting_organisation_id,
                signal_received_on, name, address, gender, administration_number, phone,
                arrears_type, arrears_amount, arrears_since, offer, debt_relief_programme,
                caregiver_reports
            )
            SELECT gen_random_uuid(), '', now(), now(), %(t)s, md5(i::text) || md5(i::text),
                '', '', 'scheduled', 'debt-signal-no-help', 'P6M', 'signal_received',
                'destroy', false, '', '2026-01-15', '2026-07-16', %(org)s,
                '2026-01-15', %(t)s, %(t)s, '', %(t)s, %(t)s,
                'rent', 850.00, '2025-11-01', 'not_made', '', ''
            FROM generate_series(1, %(n)s) AS i
            """,
            {"t": TOKEN, "org": org.pk, "n": n_debt},
        )
        cursor.execute(
            """
            INSERT INTO retention_youthcase (
                public_id, external_reference, created_at, updated_at, bsn, bsn_index,
                outcome, legal_hold_reason, retention_status,
                retention_policy_code, retention_period, retention_clock_start,
                retention_action, retention_needs_approval, retention_copied_for,
                request_received_on, youth_name, representatives, contact_details,
                social_network, living_situation, family_composition, safety_risks,
                development_notes, counselling_history, involved_professionals, health_data,
                assistance_requested, assistance_delivered, product_code, referrer, decision,
                objection, end_reason
            )
            SELECT gen_random_uuid(), '', now(), now(), %(t)s, md5('y' || i) || md5(i::text),
                '', '', 'open', '', '', '', '', false, '',
                '2026-01-10', %(t)s, %(t)s, %(t)s, '', '', '', %(t)s, '', '', '', %(t)s,
                '', '', '45A01', 'gp', '', '', ''
            FROM generate_series(1, %(n)s) AS i
            """,
            {"t": TOKEN, "n": n_youth},
        )
        cursor.execute(
            "INSERT INTO cases_youthrepresentative (youth_case_id, capacity, bsn, bsn_index) "
            "SELECT id, 'parent', %(t)s, md5('p' || id) || md5(id::text) FROM retention_youthcase",
            {"t": TOKEN},
        )
        cursor.execute("ANALYZE")


def people():
    from cases.models import DebtSignal, ReportingOrganisation, YouthCase, YouthRepresentative

    org = ReportingOrganisation.objects.get(name="Bench landlord")
    common = {
        "reporting_organisation": org,
        "name": "Jan Jansen",
        "address": "Akerstraat 1, 6411 HA Heerlen",
        "arrears_type": "rent",
        "arrears_amount": "850.00",
        "arrears_since": dt.date(2025, 11, 1),
        "phone": "045-1234567",
    }
    for day in (15, 20):
        DebtSignal.objects.create(bsn=PERSON, signal_received_on=dt.date(2026, 1, day), **common)
    case = YouthCase.objects.create(
        bsn=CHILD,
        request_received_on=dt.date(2026, 1, 10),
        youth_name="Sanne de Vries",
        representatives="Jan Jansen; Els Jansen",
        health_data="ADHD-diagnose.",
    )
    YouthRepresentative.objects.create(youth_case=case, capacity="parent", bsn=PERSON)
    for number in range(50):
        DebtSignal.objects.create(
            bsn=MANY, signal_received_on=dt.date(2026, 1, 1) + dt.timedelta(days=number), **common
        )


def timed(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result


def measure():
    from requests_app.models import SubjectRequest
    from subjects import answer
    from subjects.sources import records_find

    domains = ["debt", "youth"]
    found = records_find(PERSON, domains=domains)  # warm: connections, statements, imports
    assert len(found) == 3, len(found)
    median, worst, found = timed(lambda: records_find(PERSON, domains=domains), 21)
    print(
        f"lookup of {len(found)} records: median {median * 1000:.1f} ms, max {worst * 1000:.1f} ms"
    )

    request = SubjectRequest(reference="AVG-BENCH-000001", language="nl")

    def assemble():
        records = records_find(MANY, domains=domains)
        built = answer.answer_build(request=request, records=records, removed={})
        return (
            len(records),
            answer.answer_pdf(built),
            answer.answer_json(built),
            answer.answer_csv(built),
        )

    assemble()  # warm: WeasyPrint's import and the stylesheet
    median, worst, (count, pdf, _json, _csv) = timed(assemble, 5)
    size = len(pdf) // 1024
    print(f"answer of {count} records (PDF {size} KiB): median {median:.2f} s, max {worst:.2f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--debt", type=int, default=1_000_000)
    parser.add_argument("--youth", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="keep the filled tables")
    args = parser.parse_args()
    ensure_database()
    setup()
    if not args.reuse:
        start = time.perf_counter()
        fill(args.debt, args.youth)
        people()
        took = time.perf_counter() - start
        print(f"filled {args.debt} debt signals, {args.youth} youth cases in {took:.0f} s")
    measure()


if __name__ == "__main__":
    main()
