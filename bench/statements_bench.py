"""Benchmark of the statement pages and PDFs. Run by hand, never in the test suite:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/heerlen_privacy_bench \
    CACHE_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/statements_bench.py

It needs wrk (apt-get install wrk) and loopback only. It prints four ratios, each measured side
by side in one run on this machine:

1. the cached statement page served by gunicorn, against the same HTML served as a static
   file by WhiteNoise through the same gunicorn (target: >= 80 %); in the same runs, the
   cached public API answer of the same statement against the cached page (target: >= 80 %);
2. a cache hit against an uncached render of the same page, in-process (target: >= 5x);
3. a fresh statement PDF against a minimal-CSS reference document with the same text
   (target: <= 3x).
"""

import base64
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/toegang-jeugdhulp/"
API = "/api/statements/toegang-jeugdhulp/?lang=en"
PORT = 8765
WRK_SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heerlen_privacy.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "k3y0123456789abcdef" * 4)
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", base64.urlsafe_b64encode(os.urandom(32)).decode())
os.environ.setdefault("BLIND_INDEX_KEY", "bench-" + os.urandom(24).hex())
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
os.environ.setdefault("DJANGO_STATIC_ROOT", str(ROOT / "bench" / ".staticfiles"))
sys.path.insert(0, str(ROOT))


def sh(*args, **kwargs):
    return subprocess.run(args, cwd=ROOT, check=True, **kwargs)


def manage(*args):
    sh(sys.executable, "manage.py", *args, "--verbosity", "0")


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 (loopback)
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def start_gunicorn():
    return subprocess.Popen(
        [
            "taskset", "-c", "0",
            str(Path(sys.executable).parent / "gunicorn"),
            # This bench's own settings (sync workers, no access log), not gunicorn.conf.py,
            # which gunicorn would otherwise read from the working directory by itself.
            "-c", "/dev/null",
            "heerlen_privacy.wsgi:application",
            "--bind", f"127.0.0.1:{PORT}",
            "--workers", "2",
            "--control-socket", str(ROOT / "bench" / ".gunicorn.ctl"),
            "--log-level", "warning",
        ],
        cwd=ROOT,
    )  # fmt: skip


def wrk(url):
    """Requests/s and p99 latency (ms) of one wrk run on the other core."""
    if True:
        out = subprocess.run(
            ["taskset", "-c", "1", "wrk", "-t1", "-c16", f"-d{WRK_SECONDS}s", "--latency", url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        if "Non-2xx" in out or "Socket errors" in out:
            raise SystemExit(f"errors from {url}:\n{out}")
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
        return rate, float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def http_ratio():
    manage("migrate", "--noinput")
    manage("load_statements")
    manage("collectstatic", "--noinput")
    server = start_gunicorn()
    try:
        html = wait_for(f"http://127.0.0.1:{PORT}{PAGE}")
    finally:
        server.terminate()
        server.wait()
    # The same bytes as a static file, which WhiteNoise indexes when the server starts.
    static_copy = Path(os.environ["DJANGO_STATIC_ROOT"]) / "bench" / "statement.html"
    static_copy.parent.mkdir(parents=True, exist_ok=True)
    static_copy.write_bytes(html)
    server = start_gunicorn()
    try:
        wait_for(f"http://127.0.0.1:{PORT}/static/bench/statement.html")
        wait_for(f"http://127.0.0.1:{PORT}{PAGE}")
        wait_for(f"http://127.0.0.1:{PORT}{API}")
        # Alternating runs, so that noise on this shared machine hits all sides alike.
        pairs, api_pairs = [], []
        for _ in range(RUNS):
            page = wrk(f"http://127.0.0.1:{PORT}{PAGE}")
            static = wrk(f"http://127.0.0.1:{PORT}/static/bench/statement.html")
            api = wrk(f"http://127.0.0.1:{PORT}{API}")
            pairs.append((page, static))
            api_pairs.append((api, page))
            print(
                f"  page {page[0]:,.0f} req/s (p99 {page[1]:.1f} ms), "
                f"static {static[0]:,.0f} req/s (p99 {static[1]:.1f} ms): "
                f"{page[0] / static[0]:.0%}; "
                f"API {api[0]:,.0f} req/s (p99 {api[1]:.1f} ms): {api[0] / page[0]:.0%} of the page"
            )
    finally:
        server.terminate()
        server.wait()
    print(f"page size: {len(html):,} bytes")
    ratio = statistics.median(page[0] / static[0] for page, static in pairs)
    print(f"median ratio over {RUNS} pairs: {ratio:.0%} (target >= 80 %)")
    api_ratio = statistics.median(api[0] / page[0] for api, page in api_pairs)
    print(f"API answer against the cached page, median: {api_ratio:.0%} (target >= 80 %)")


def in_process_ratio():
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from statements.cache import forget_local

    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get(PAGE).status_code == 200

    def per_request(clear, n=200):
        timings = []
        for _ in range(n):
            if clear:
                cache.clear()
                forget_local()
            start = time.perf_counter()
            client.get(PAGE)
            timings.append(time.perf_counter() - start)
        return statistics.median(timings)

    uncached = per_request(clear=True, n=60)
    hit = per_request(clear=False)
    print(f"uncached render: {uncached * 1000:.2f} ms; cache hit: {hit * 1000:.2f} ms")
    print(f"ratio: {uncached / hit:.1f}x (target >= 5x)")


def pdf_ratio():
    from django.utils import translation
    from pypdf import PdfReader
    from weasyprint import HTML

    from statements import pdf
    from statements.models import Statement

    version = Statement.objects.get(slug=PAGE.strip("/")).current_version()
    with translation.override("nl"):
        pdf.render_pdf(version)  # first render parses the stylesheet, once per process
        from django.template.loader import render_to_string

        html = render_to_string("statements/pdf.html", {"version": version})
        text = re.sub(r"<[^>]+>", " ", html)
        reference_html = "".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
        # Interleaved, so that noise on this shared machine hits both sides alike.
        fresh, reference = [], []
        for _ in range(11):
            start = time.perf_counter()
            document = pdf.render_pdf(version)
            fresh.append(time.perf_counter() - start)
            start = time.perf_counter()
            HTML(string=f"<html><body>{reference_html}</body></html>").write_pdf()
            reference.append(time.perf_counter() - start)
    pages = len(PdfReader(io.BytesIO(document)).pages)
    fresh_ms = statistics.median(fresh) * 1000
    print(f"statement PDF ({len(document):,} bytes, {pages} pages): {fresh_ms:.0f} ms")
    print(f"minimal-CSS reference, same text: {statistics.median(reference) * 1000:.0f} ms")
    print(f"ratio: {statistics.median(fresh) / statistics.median(reference):.2f}x (target <= 3x)")


if __name__ == "__main__":
    if not shutil.which("wrk"):
        raise SystemExit("needs wrk: apt-get install wrk")
    print("== HTTP: cached page against the same HTML as a static file")
    http_ratio()
    print("== in-process: cache hit against uncached render")
    in_process_ratio()
    print("== PDF: fresh statement against a minimal-CSS reference")
    pdf_ratio()
