"""Start-up behaviour of config/settings.py, each case in a fresh Python process."""

from __future__ import annotations

import json

import pytest

from tests.config.conftest import SETUP, child_env, run_python, run_setup

_REPORTED = {
    "DEBUG": "s.DEBUG",
    "ALLOWED_HOSTS": "s.ALLOWED_HOSTS",
    "ENGINE": "s.DATABASES['default']['ENGINE']",
    "TASKS": "s.TASKS['default']['BACKEND']",
    "MAILER": "s.MAILERS['default']['BACKEND']",
    "CACHE": "s.CACHES['default']['BACKEND']",
    "SSL": "getattr(s, 'SECURE_SSL_REDIRECT', None)",
    "HSTS": "getattr(s, 'SECURE_HSTS_SECONDS', None)",
    "SESSION_SECURE": "s.SESSION_COOKIE_SECURE",
    "CSRF_SECURE": "s.CSRF_COOKIE_SECURE",
    "STATIC": "s.STORAGES['staticfiles']['BACKEND']",
    "DEMO": "s.DEMO_DATA_ALLOWED",
}
# Start Django, then print the settings above as one JSON line.
REPORT = (
    SETUP
    + "; from django.conf import settings as s; import json; print(json.dumps({"
    + ", ".join(f"{name!r}: {expr}" for name, expr in _REPORTED.items())
    + "}))"
)


def _report(env: dict[str, str]) -> dict:
    result = run_python(REPORT, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _assert_refused(env: dict[str, str], variable: str) -> None:
    result = run_setup(env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert f"Environment variable {variable} " in last_line, result.stderr


def test_a_complete_production_environment_starts_with_production_settings(prod_env):
    result = run_setup(prod_env())
    assert result.returncode == 0, result.stderr

    report = _report(prod_env())
    assert report == {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["clinic.example"],
        "ENGINE": "django.db.backends.sqlite3",
        "TASKS": "django_tasks_db.DatabaseBackend",
        "MAILER": "django.core.mail.backends.smtp.EmailBackend",
        "CACHE": "django.core.cache.backends.redis.RedisCache",
        "SSL": True,
        "HSTS": 31536000,
        "SESSION_SECURE": True,
        "CSRF_SECURE": True,
        "STATIC": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "DEMO": False,
    }


def test_debug_mode_starts_with_no_configuration_at_all():
    report = _report(child_env(DEBUG="1"))

    assert report["DEBUG"] is True
    assert report["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    assert report["TASKS"] == "django.tasks.backends.immediate.ImmediateBackend"
    assert report["MAILER"] == "django.core.mail.backends.console.EmailBackend"
    assert report["DEMO"] is True


def test_production_urls_select_postgres_smtp_and_redis(prod_env):
    report = _report(
        prod_env(
            DATABASE_URL="postgres://clinic:pw@db.internal:5432/stridewell",
            EMAIL_URL="smtp://mailer:pw@smtp.internal:587?tls=1",
            REDIS_URL="redis://cache.internal:6379/0",
        )
    )

    assert report["ENGINE"] == "django.db.backends.postgresql"
    assert report["MAILER"] == "django.core.mail.backends.smtp.EmailBackend"
    assert report["CACHE"] == "django.core.cache.backends.redis.RedisCache"


def test_production_without_secret_key_refuses_to_start(prod_env):
    _assert_refused(prod_env(SECRET_KEY=None), "SECRET_KEY")


def test_production_with_a_short_secret_key_refuses_to_start(prod_env):
    _assert_refused(prod_env(SECRET_KEY="too-short"), "SECRET_KEY")


def test_production_without_a_shared_cache_refuses_to_start(prod_env):
    result = run_setup(prod_env(REDIS_URL=None))

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "Environment variable REDIS_URL must be set when DEBUG is off" in last_line
    assert "shared by all app processes" in last_line


def test_debug_mode_keeps_the_per_process_cache():
    assert _report(child_env(DEBUG="1"))["CACHE"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_production_without_allowed_hosts_refuses_to_start(prod_env):
    _assert_refused(prod_env(ALLOWED_HOSTS=None), "ALLOWED_HOSTS")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://x"),
        ("DATABASE_URL", "postgres://"),
        ("EMAIL_URL", "carrier-pigeon://x"),
        ("REDIS_URL", "http://x"),
        ("ALLOWED_HOSTS", "clinic.example,,www.clinic.example"),
        ("TASKS_BACKEND", "carrier-pigeon"),
        ("LOG_LEVEL", "chatty"),
        ("LOGIN_FAILURE_LIMIT", "0"),
        ("LOGIN_FAILURE_WINDOW_SECONDS", "fifteen minutes"),
        ("SECURE_HSTS_SECONDS", "-1"),
        ("SECURE_SSL_REDIRECT", "sometimes"),
        ("DEMO_DATA_ALLOWED", "perhaps"),
    ],
)
def test_a_malformed_variable_stops_start_up_and_is_named(prod_env, variable, value):
    _assert_refused(prod_env(**{variable: value}), variable)


def test_malformed_debug_is_named_even_without_other_settings():
    _assert_refused(child_env(DEBUG="maybe"), "DEBUG")
