import pytest
from django.db import connection

from heerlen_privacy import health
from tests.conftest import TEST_REDIS_URL

DEAD_REDIS_URL = "redis://127.0.0.1:1/0"


def test_healthz_answers_ok_without_touching_services(client):
    # No django_db mark: any database access here would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_on_the_embedded_defaults(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache"}  # no broker when tasks run in-process


@pytest.mark.django_db
def test_readyz_names_the_database_when_it_fails(client, monkeypatch):
    def fail():
        raise OSError("connection refused")

    monkeypatch.setattr(health, "check_database", fail)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]
    assert response.json()["checks"]["database"] == {"status": "fail", "error": "OSError"}


@pytest.mark.django_db
def test_readyz_fails_when_the_cache_loses_what_it_was_given(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


@pytest.mark.redis
@pytest.mark.django_db
def test_readyz_checks_the_real_redis_cache_and_broker(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "heerlen_privacy.redis_cache.SharedClientRedisCache",
            "LOCATION": TEST_REDIS_URL,
        }
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = TEST_REDIS_URL
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert set(response.json()["checks"]) == {"database", "cache", "broker"}


@pytest.mark.django_db
def test_readyz_names_an_unreachable_broker(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = DEAD_REDIS_URL
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_ci_database_is_a_supported_postgresql():
    assert connection.vendor == "postgresql"
    # Django 5.2 supports PostgreSQL 14 and later.
    assert connection.pg_version >= 140000


@pytest.mark.redis
def test_the_redis_cache_reuses_one_client_and_still_works():
    from heerlen_privacy.redis_cache import SharedClientRedisCache

    cache = SharedClientRedisCache(TEST_REDIS_URL, {})
    cache.set("shared-client-test", {"a": 1}, timeout=10)
    assert cache.get("shared-client-test") == {"a": 1}
    assert cache._cache.get_client() is cache._cache.get_client()
    cache.delete("shared-client-test")
    assert cache.get("shared-client-test") is None


@pytest.mark.django_db
def test_readyz_warns_when_the_beat_has_not_beaten_for_three_of_its_beats(
    client, settings, monkeypatch
):
    import datetime as dt

    from django.core.cache import cache
    from django.utils import timezone

    from heerlen_privacy.celery import BEAT_HEARTBEAT_KEY

    settings.CELERY_TASK_ALWAYS_EAGER = False
    now = timezone.now()
    assert health.beat_report(now=now)["status"] == "stale"  # never beat
    cache.set(BEAT_HEARTBEAT_KEY, (now - dt.timedelta(minutes=16)).isoformat())
    assert health.beat_report(now=now)["status"] == "stale"
    cache.set(BEAT_HEARTBEAT_KEY, (now - dt.timedelta(minutes=4)).isoformat())
    assert health.beat_report(now=now)["status"] == "ok"
    cache.delete(BEAT_HEARTBEAT_KEY)
    # The broker itself is checked elsewhere; here only the heartbeat is missing.
    monkeypatch.setattr(health, "readiness_checks", lambda: {"database": health.check_database})
    body = client.get("/readyz").json()
    assert "beat" in body["warnings"]
    assert body["beat"]["status"] == "stale"
    assert body["status"] == "ok"  # a warning for the operator, not an outage for residents


@pytest.mark.django_db
def test_readyz_watches_no_beat_when_tasks_run_in_process(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    body = client.get("/readyz").json()
    assert body["beat"] == {"status": "ok", "last_beat": None}
    assert "beat" not in body["warnings"]
