"""Run Django start-up in a child process with a chosen environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SETUP = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
    " django.setup()"
)
REDIS_URL = "redis://127.0.0.1:6379/0"
GOOD_SECRET_KEY = "k3v9-prod-like-secret-for-tests-only-" + "x7Q2" * 6  # 61 characters
# What settings.py (and Django's checks) read: a child starts from none of these unless a test
# sets it.
SETTINGS_VARIABLES = {
    "STRIDEWELL_TESTING", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL", "EMAIL_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "TASKS_BACKEND", "LOG_LEVEL",
    "SITE_URL", "DEFAULT_FROM_EMAIL", "MEDIA_ROOT", "LOGIN_FAILURE_LIMIT",
    "LOGIN_FAILURE_WINDOW_SECONDS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "DEMO_DATA_ALLOWED", "DJANGO_SETTINGS_MODULE", "TRUSTED_PROXY_COUNT",
    "LOGIN_DELAY_BASE_SECONDS", "LOGIN_DELAY_MAX_SECONDS", "LOGIN_ADDRESS_ACCOUNT_LIMIT",
    "LOGIN_ACCOUNT_UNTRUSTED_LIMIT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by config.testing for Playwright; never in production
}  # fmt: skip


def child_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(values)
    return env


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """A complete, valid production environment (SQLite in tmp_path), with overrides."""
    values = {
        "DEBUG": "0",
        "SECRET_KEY": GOOD_SECRET_KEY,
        "ALLOWED_HOSTS": "clinic.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        # Production refuses per-process rate-limit counters (ADR 0013).
        "REDIS_URL": REDIS_URL,
    } | overrides
    return child_env(**{k: v for k, v in values.items() if v is not None})


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def run_setup(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_python(SETUP, env)


@pytest.fixture
def prod_env(tmp_path):
    def build(**overrides: str | None) -> dict[str, str]:
        return production_env(tmp_path, **overrides)

    return build
