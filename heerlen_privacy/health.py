"""Liveness and readiness probes for the orchestrator and the operator woken at night.

They live with the configuration because they check the configured services, not any app.
Answers are JSON, never cached, and name the failing part without leaking its details.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2
# The run is nightly; 26 hours leaves two hours of slack for a long run before it is stale.
RETENTION_STALE_AFTER = timedelta(hours=26)
# The beat heartbeat is every 5 minutes: three missed beats mean no scheduled job runs.
BEAT_STALE_AFTER = timedelta(minutes=15)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)


def check_broker():
    options = {"socket_connect_timeout": TIMEOUT_SECONDS, "socket_timeout": TIMEOUT_SECONDS}
    with Connection(
        settings.CELERY_BROKER_URL, connect_timeout=TIMEOUT_SECONDS, transport_options=options
    ) as conn:
        conn.ensure_connection(max_retries=0, timeout=TIMEOUT_SECONDS)
        channel = conn.default_channel
        if hasattr(channel, "client") and hasattr(channel.client, "ping"):
            channel.client.ping()  # the Redis transport connects lazily


def readiness_checks():
    checks = {"database": check_database, "cache": check_cache}
    # In-process tasks (no broker configured) have nothing to reach.
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = check_broker
    return checks


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def retention_report(*, now=None):
    """The nightly retention run is watched, not required: a stale run is reported (and should
    page the operator), but does not take the portal out of service, which would punish the
    residents for a back-office job. Stale: no successful run for RETENTION_STALE_AFTER.

    Also reported, as warnings of their own: `drift`, the published retention rules and the
    policies that disagree now (a promise nothing enforces is a record kept for ever), and
    `uncovered`, the closed records the last successful run found no policy for."""
    from django.utils import timezone

    from retention.models import RetentionRun
    from retention.rules import published_enforced_problems

    now = now or timezone.now()
    last = (
        RetentionRun.objects.filter(status=RetentionRun.Status.SUCCEEDED, dry_run=False)
        .order_by("-started_at")
        .values("started_at", "counts")
        .first()
    )
    started = last["started_at"] if last else None
    stale = started is None or started < now - RETENTION_STALE_AFTER
    return {
        "status": "stale" if stale else "ok",
        "last_success": started.isoformat() if started else None,
        "uncovered": ((last or {}).get("counts") or {}).get("uncovered", 0),
        "drift": published_enforced_problems(today=timezone.localdate(now)),
    }


def beat_report(*, now=None):
    """The one beat process and a worker, seen through the heartbeat they write to the cache
    (heerlen_privacy.celery.record_beat_heartbeat). Without a broker, tasks run in-process
    and there is no beat to watch. Reported like the retention run: a warning, not a 503."""
    from datetime import datetime

    from django.utils import timezone

    from .celery import BEAT_HEARTBEAT_KEY

    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"status": "ok", "last_beat": None}
    now = now or timezone.now()
    stored = cache.get(BEAT_HEARTBEAT_KEY)
    last = datetime.fromisoformat(stored) if stored else None
    stale = last is None or last < now - BEAT_STALE_AFTER
    return {"status": "stale" if stale else "ok", "last_beat": stored}


def retention_warnings(report) -> list[str]:
    warnings = ["retention"] if report["status"] != "ok" else []
    if report["drift"]:
        warnings.append("retention_drift")
    if report["uncovered"]:
        warnings.append("retention_uncovered")
    return warnings


@never_cache
def readyz(request):
    results = {}
    for name, check in readiness_checks().items():
        try:
            check()
        except Exception as exc:  # any failure means "not ready"; the log keeps the detail
            logger.warning("readiness check %s failed: %s", name, type(exc).__name__)
            results[name] = {"status": "fail", "error": type(exc).__name__}
        else:
            results[name] = {"status": "ok"}
    failing = [name for name, result in results.items() if result["status"] != "ok"]
    body = {"status": "fail" if failing else "ok", "failing": failing, "checks": results}
    body["warnings"] = []
    if "database" not in failing:
        body["retention"] = retention_report()
        body["warnings"] += retention_warnings(body["retention"])
    if "cache" not in failing:
        body["beat"] = beat_report()
        if body["beat"]["status"] != "ok":
            body["warnings"].append("beat")
    return JsonResponse(body, status=503 if failing else 200)
