"""Production settings hash passwords with Argon2 (tests swap in MD5 only for speed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _hashers_in(env_overrides: dict[str, str]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "STRIDEWELL_TESTING"}}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides}
    code = "from django.conf import settings; print('\\n'.join(settings.PASSWORD_HASHERS))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.split()


def test_production_hashes_new_passwords_with_argon2():
    hashers = _hashers_in(
        {
            "SECRET_KEY": "p" * 64,
            "ALLOWED_HOSTS": "clinic.example",
            "DATABASE_URL": "",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        }
    )

    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.MD5PasswordHasher" not in hashers


def test_the_fast_test_hasher_is_only_used_under_test():
    hashers = _hashers_in({"STRIDEWELL_TESTING": "1"})

    assert hashers[0] == "django.contrib.auth.hashers.MD5PasswordHasher"
