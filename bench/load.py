"""Load test of the public portal. Run by hand, never in the test suite; loopback only:

    .venv/bin/python bench/load.py [--duration 60] [--readers 8] [--residents 24]

It prepares a bench database (`heerlen_privacy_bench_load`: created, migrated, statements
loaded), starts gunicorn on 127.0.0.1 with production settings (gunicorn.conf.py; DEBUG off,
fresh keys, PostgreSQL, the cache in Redis db 6, the Celery broker in Redis db 7, no worker),
and runs for `--duration` seconds:

- readers: fetch statement pages, the statements API and the statements' PDFs in a loop;
- residents: each files requests through the real form, like a person: GET the form (CSRF
  cookie and the signed `started` token), wait the minimum time the form requires
  (`requests_app.forms.MIN_SECONDS`), POST it, expect a 302 to the status page.

The form's rate limits count per client address and per e-mail address, so every virtual
resident uses its own address (X-Forwarded-For, which the portal trusts only with
DJANGO_BEHIND_TLS_PROXY=true, as behind the municipality's proxy) and its own e-mail address
for each request: a limit hit would be a 429 and is counted as an error.

It reports requests per second, p50/p99 latency and errors per kind, then checks that every
accepted request (a 302 to its status page) is in the database: the rows created during the
run are counted, and each status link is looked up by its hash.
"""

import argparse
import base64
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"
DATABASE = "heerlen_privacy_bench_load"
REDIS = "redis://127.0.0.1:6379"
CACHE_DB, BROKER_DB = 6, 7


def environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "heerlen_privacy.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "BLIND_INDEX_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "CACHE_URL": f"{REDIS}/{CACHE_DB}",
        "CELERY_BROKER_URL": f"{REDIS}/{BROKER_DB}",
        "DJANGO_BEHIND_TLS_PROXY": "true",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_STATIC_ROOT": tempfile.mkdtemp(prefix="heerlen-load-static-"),
        "EMAIL_URL": "dummymail://",
    }
    os.environ.update(env)  # this process reads the bench database too
    return env


def prepare(env):
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_statements"], ["collectstatic", "--noinput"]):
        subprocess.run([*manage, *command, "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    for db in (CACHE_DB, BROKER_DB):  # the bench's own Redis databases start empty
        subprocess.run(["redis-cli", "-n", str(db), "FLUSHDB"], check=True, capture_output=True)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, workers, threads):
    """The production settings of gunicorn.conf.py (gthread, the redacting access log, here to
    the log file), on the bench's port, with the workers and threads asked for."""
    log = open(Path(tempfile.gettempdir()) / "heerlen-load-gunicorn.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "heerlen_privacy.wsgi:application",
        ],
        cwd=ROOT,
        env={
            **env,
            "GUNICORN_BIND": f"{HOST}:{port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process, log.name
        except OSError:
            time.sleep(0.3)
    process.kill()
    sys.exit(f"gunicorn did not start; see {log.name}")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.errors = defaultdict(lambda: defaultdict(int))
        self.accepted_secrets = []

    def record(self, kind, seconds, error=None):
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[kind][error] += 1


class Client:
    """One keep-alive connection; reconnects after an error."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            return response, response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def timed(stats, client, kind, method, path, expect, **kwargs):
    started = time.perf_counter()
    try:
        response, body = client.request(method, path, **kwargs)
    except (OSError, http.client.HTTPException) as exc:
        stats.record(kind, time.perf_counter() - started, type(exc).__name__)
        return None, None
    error = None if response.status == expect else f"HTTP {response.status}"
    stats.record(kind, time.perf_counter() - started, error)
    return response, body


def reader(port, stop, stats, pages, pdfs, number):
    client = Client(port)
    plan = [("page", path) for path in pages] + [("api", "/api/statements/")]
    plan += [("pdf", path) for path in pdfs]
    i = number
    while not stop.is_set():
        kind, path = plan[i % len(plan)]
        timed(stats, client, kind, "GET", path, 200)
        i += 1


FIELD = re.compile(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"')
_counter = iter(range(1, 10**9))
_counter_lock = threading.Lock()


def next_resident():
    with _counter_lock:
        n = next(_counter)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}", f"bewoner{n}@example.nl"


def resident(port, stop, stats, wait):
    client = Client(port)
    while not stop.is_set():
        address, email = next_resident()
        headers = {"X-Forwarded-For": address}
        response, body = timed(
            stats, client, "form GET", "GET", "/verzoek/inzage/", 200, headers=headers
        )
        if response is None or response.status != 200:
            continue
        fields = dict(FIELD.findall(body.decode()))
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", ""))
        if not cookie or set(fields) != {"csrfmiddlewaretoken", "started"}:
            stats.record("form GET", 0, "no CSRF token or started field")
            continue
        # A person reads and types; the form refuses faster answers. The server closes an
        # idle keep-alive connection after 2 s, so the POST goes on a new one, as a browser's.
        client.close()
        if stop.wait(wait):
            break
        form = {
            **fields,
            "name": "Bewoner Belasting",
            "email": email,
            "domain": "other",
            "details": "",
            "capacity": "",
            "subject_name": "",
            "website": "",
        }
        response, _body = timed(
            stats,
            client,
            "form POST",
            "POST",
            "/verzoek/inzage/",
            302,
            body=urlencode(form),
            headers={
                **headers,
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie.group(1)}",
            },
        )
        location = response.getheader("Location", "") if response is not None else ""
        match = re.search(r"/verzoek/status/([^/]+)/$", location)
        if response is not None and response.status == 302:
            if match:
                with stats.lock:
                    stats.accepted_secrets.append(match.group(1))
            else:
                stats.record("form POST", 0, "302 elsewhere than a status page")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--residents", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    options = parser.parse_args()
    options.duration = min(options.duration, 300)  # bounded, whatever is asked

    env = environment()
    print("preparing the bench database (migrate, load_statements, collectstatic)...")
    prepare(env)
    import django

    django.setup()
    from core.crypto import token_hash
    from requests_app.forms import MIN_SECONDS
    from requests_app.models import SubjectRequest
    from statements.models import StatementVersion

    versions = list(
        StatementVersion.objects.published().values_list("statement__slug", "number").distinct()
    )
    slugs = sorted({slug for slug, _number in versions})
    pages = ["/", *(f"/{slug}/" for slug in slugs), *(f"/en/{slug}/" for slug in slugs)]
    pdfs = [f"/{slug}/versies/{number}/pdf/" for slug, number in versions]
    before = SubjectRequest.objects.count()

    port = free_port()
    process, log = start_gunicorn(env, port, options.workers, options.threads)
    print(
        f"gunicorn on {HOST}:{port} ({options.workers} workers x {options.threads} threads); "
        f"{options.readers} readers, {options.residents} residents, {options.duration:.0f} s; "
        f"{len(pages)} pages, {len(pdfs)} PDFs"
    )
    stats, stop = Stats(), threading.Event()
    wait = MIN_SECONDS + 0.5
    threads = [
        threading.Thread(target=reader, args=(port, stop, stats, pages, pdfs, i))
        for i in range(options.readers)
    ]
    threads += [
        threading.Thread(target=resident, args=(port, stop, stats, wait))
        for _ in range(options.residents)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        stop.wait(options.duration)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.monotonic() - started
        process.terminate()
        process.wait(timeout=30)

    print(f"\n{'kind':<10} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}  errors")
    total = 0
    for kind in ("page", "api", "pdf", "form GET", "form POST"):
        latencies = stats.latencies.get(kind, [])
        total += len(latencies)
        if not latencies:
            continue
        errors = ", ".join(f"{n}x {e}" for e, n in stats.errors[kind].items()) or "0"
        print(
            f"{kind:<10} {len(latencies):>8} {len(latencies) / elapsed:>7.1f} "
            f"{statistics.median(latencies) * 1000:>8.0f} "
            f"{percentile(latencies, 0.99) * 1000:>8.0f}  {errors}"
        )
    print(f"{'all':<10} {total:>8} {total / elapsed:>7.1f}  over {elapsed:.1f} s")

    accepted = stats.accepted_secrets
    created = SubjectRequest.objects.count() - before
    found = SubjectRequest.objects.filter(
        secret_hash__in=[token_hash(secret) for secret in accepted]
    ).count()
    print(
        f"\naccepted (302 to a status page): {len(accepted)}; rows created during the run: "
        f"{created}; accepted requests found by their status link: {found}"
    )
    failed = sum(n for kind in stats.errors.values() for n in kind.values())
    if not (len(accepted) == created == found) or not accepted:
        print("FAIL: an accepted request is missing from the database (or none was accepted)")
        sys.exit(1)
    print(f"OK: every accepted request is in the database. Errors: {failed}. Log: {log}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
