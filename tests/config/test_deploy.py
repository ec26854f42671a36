"""`manage.py check --deploy` with production-like settings, as `make check-deploy` runs it."""

from __future__ import annotations

import subprocess
import sys

from tests.config.conftest import PROJECT_ROOT

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
