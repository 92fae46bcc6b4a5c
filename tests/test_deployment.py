"""There is no Docker engine here: check what can be checked of the production stack."""

import importlib
import json
import re
import runpy
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from heerlen_privacy.logfilters import RedactingGunicornLogger

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
PORTAL_SERVICES = ["migrate", "load-statements", "web", "worker", "beat"]


def gunicorn_config(**environ):
    """gunicorn.conf.py loaded as gunicorn loads it, each value through gunicorn's validator."""
    from gunicorn.config import Config

    config = Config()
    with pytest.MonkeyPatch.context() as patch:
        for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_THREADS"):
            patch.delenv(name, raising=False)
        for name, value in environ.items():
            patch.setenv(name, value)
        namespace = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    for key, value in namespace.items():
        if key in config.settings:
            config.set(key, value)
    return config


def assert_command_exists(argv):
    """Each entry point the stack starts must exist in the project."""
    program, *args = argv
    if program == "python":
        assert args[0] == "manage.py"
        assert (ROOT / "manage.py").exists()
        assert args[1] in get_commands(), f"no management command {args[1]}"
    elif program == "gunicorn":
        # Every gunicorn setting comes from the one config file.
        assert args[:2] == ["-c", "gunicorn.conf.py"], args
        module, attr = args[2].split(":")
        assert callable(getattr(importlib.import_module(module), attr))
        assert gunicorn_config().logger_class is RedactingGunicornLogger
    elif program == "celery":
        assert args[0] == "-A"
        package = importlib.import_module(args[1])
        assert package.celery_app.main == "heerlen_privacy"
        assert args[2] in ("worker", "beat")
    else:
        pytest.fail(f"unknown program {program}")


@pytest.mark.parametrize("service", PORTAL_SERVICES)
def test_every_portal_service_runs_a_command_of_the_project(service):
    definition = COMPOSE["services"][service]
    assert definition["build"] == "."
    assert_command_exists(definition["command"])


def test_the_image_default_command_exists():
    cmd = re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.M).group(1)
    assert_command_exists(json.loads(cmd))


def test_gunicorn_config_serves_like_production():
    config = gunicorn_config()
    assert config.address == [("127.0.0.1", 8000)]  # loopback unless the image says otherwise
    assert (config.workers, config.threads, config.worker_class_str) == (2, 4, "gthread")
    assert config.accesslog == "-"  # on stdout, through the redacting logger
    config = gunicorn_config(GUNICORN_BIND="0.0.0.0:8000", GUNICORN_WORKERS="3")
    assert (config.address, config.workers) == ([("0.0.0.0", 8000)], 3)  # noqa: S104
    assert "ENV GUNICORN_BIND=0.0.0.0:8000" in DOCKERFILE


def test_the_image_copies_only_files_that_exist():
    for line in re.findall(r"^COPY (?:--\S+ )*(.+)$", DOCKERFILE, re.M):
        *sources, _target = shlex.split(line)
        for source in sources:
            assert (ROOT / source).exists(), source


def test_the_image_installs_the_runtime_lock_without_dev_tools():
    assert "pip install --require-hashes -r requirements.lock" in DOCKERFILE
    runtime = (ROOT / "requirements.lock").read_text().lower()
    assert "django==5.2." in runtime
    for dev_tool in ("pytest", "playwright", "ruff"):
        assert f"\n{dev_tool}==" not in runtime


# `name==version \` and then one `--hash=sha256:...` line per file of that version.
LOCK_ENTRY = re.compile(
    r"^([a-z0-9][a-z0-9._-]*)==(\S+)(?: \\\n +--hash=sha256:[0-9a-f]{64})+$", re.M
)


def locked(name):
    """{package: version} of a lock file, each entry checked to carry sha256 hashes."""
    text = (ROOT / name).read_text()
    entries = dict(LOCK_ENTRY.findall(text))
    requirement_lines = re.findall(r"^[^#\s-]", text, re.M)
    assert len(entries) == len(requirement_lines), f"{name}: an entry without hashes"
    return entries


def test_the_locks_pin_every_package_with_hashes_and_agree():
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert runtime
    assert dev
    assert {package: dev.get(package) for package in runtime} == runtime  # dev ⊇ runtime
    assert "--require-hashes -r requirements-dev.lock" in (ROOT / "Makefile").read_text()


def test_the_image_has_the_system_libraries_weasyprint_needs():
    for package in ("libpango-1.0-0", "libharfbuzz-subset0", "gettext"):
        assert package in DOCKERFILE


def test_exactly_one_beat_process():
    beat = COMPOSE["services"]["beat"]
    assert beat["deploy"]["replicas"] == 1
    others = [s for name, s in COMPOSE["services"].items() if name != "beat"]
    assert not any("beat" in s.get("command", []) or "-B" in s.get("command", []) for s in others)


def test_services_wait_for_a_migrated_database():
    for service in ("web", "worker", "beat"):
        depends = COMPOSE["services"][service]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_the_stack_uses_postgres_and_redis():
    env = COMPOSE["services"]["web"]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["CACHE_URL"].startswith("redis://")
    assert env["CELERY_BROKER_URL"].startswith("redis://")
