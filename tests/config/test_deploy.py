"""`manage.py check --deploy` with production-like settings, as `make check-deploy` runs it."""

from __future__ import annotations

import subprocess
import sys

from tests.config.conftest import PROJECT_ROOT, REDIS_URL

DEPLOY_CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *DEPLOY_CHECK],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_checks_report_no_issues_for_production_settings(prod_env):
    result = _check_deploy(prod_env(SECRET_KEY="0123456789abcdefghijKLMNOPQRSTUVWXYZ-_=+!" * 2))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_checks_catch_a_placeholder_secret_key(prod_env):
    # Long enough for settings.py, but Django flags keys made by startproject's template.
    result = _check_deploy(prod_env(SECRET_KEY="django-insecure-" + "q8Zr1vX4" * 6))

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_deploy_checks_say_why_a_per_process_rate_limit_cache_is_refused(prod_env, tmp_path):
    # Settings refuse to start without REDIS_URL; the check also catches a settings module
    # that swaps in a per-process cache afterwards, and says why.
    (tmp_path / "local_settings.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n"
    )
    env = prod_env(SECRET_KEY="0123456789abcdefghijKLMNOPQRSTUVWXYZ-_=+!" * 2)
    env |= {"DJANGO_SETTINGS_MODULE": "local_settings", "PYTHONPATH": str(tmp_path)}

    result = _check_deploy(env)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "accounts.E001" in output
    assert "keeps rate-limit and log-in failure counters per process" in output
    assert "Set REDIS_URL" in output


def test_the_cache_check_accepts_redis_and_refuses_per_process_backends(settings):
    from django.core.checks import Error

    from stridewell.accounts.checks import check_shared_rate_limit_cache

    for backend in ("locmem.LocMemCache", "dummy.DummyCache"):
        settings.CACHES = {"default": {"BACKEND": f"django.core.cache.backends.{backend}"}}
        [problem] = check_shared_rate_limit_cache()
        assert isinstance(problem, Error)
        assert problem.id == "accounts.E001"

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    assert check_shared_rate_limit_cache() == []
