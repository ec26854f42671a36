"""config/env.py parsers: each accepted form, and each malformed value naming its variable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    EnvError,
    env_bool,
    env_database,
    env_email,
    env_int,
    env_list,
    env_redis,
    env_str,
)

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_env_error_is_an_improperly_configured_that_names_the_variable():
    error = EnvError("DEBUG", "must be a boolean")

    assert isinstance(error, ImproperlyConfigured)
    assert error.name == "DEBUG"
    assert str(error) == "Environment variable DEBUG must be a boolean"


def test_env_str_returns_the_value_or_the_default(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://clinic.example")
    monkeypatch.delenv("MEDIA_ROOT", raising=False)

    assert env_str("SITE_URL") == "https://clinic.example"
    assert env_str("MEDIA_ROOT", "/srv/media") == "/srv/media"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), (" YES ", True), ("on", True),
     ("0", False), ("False", False), ("no", False), ("off", False), ("", False)],
)  # fmt: skip
def test_env_bool_accepts_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)

    assert env_bool("DEBUG", default=not expected) is expected


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)

    assert env_bool("DEBUG", default=True) is True
    assert env_bool("DEBUG", default=False) is False


def test_env_bool_rejects_anything_else(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(EnvError, match="DEBUG must be a boolean") as caught:
        env_bool("DEBUG", default=False)
    assert caught.value.name == "DEBUG"


def test_env_int_parses_defaults_and_enforces_the_minimum(monkeypatch):
    monkeypatch.setenv("LOGIN_FAILURE_LIMIT", "7")
    assert env_int("LOGIN_FAILURE_LIMIT", default=5, minimum=1) == 7

    monkeypatch.setenv("LOGIN_FAILURE_LIMIT", "  ")
    assert env_int("LOGIN_FAILURE_LIMIT", default=5, minimum=1) == 5

    monkeypatch.setenv("LOGIN_FAILURE_LIMIT", "0")
    with pytest.raises(EnvError, match="LOGIN_FAILURE_LIMIT must be at least 1, got 0"):
        env_int("LOGIN_FAILURE_LIMIT", default=5, minimum=1)

    monkeypatch.setenv("LOGIN_FAILURE_LIMIT", "five")
    with pytest.raises(EnvError, match="LOGIN_FAILURE_LIMIT must be a whole number"):
        env_int("LOGIN_FAILURE_LIMIT", default=5, minimum=1)


def test_env_list_splits_on_commas_and_trims(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "clinic.example, www.clinic.example")

    assert env_list("ALLOWED_HOSTS", default=[]) == ["clinic.example", "www.clinic.example"]


def test_env_list_rejects_empty_items_and_defaults_when_unset(monkeypatch):
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    assert env_list("ALLOWED_HOSTS", default=["localhost"]) == ["localhost"]

    monkeypatch.setenv("ALLOWED_HOSTS", "clinic.example,")
    with pytest.raises(EnvError, match="ALLOWED_HOSTS must be a comma-separated list"):
        env_list("ALLOWED_HOSTS", default=[])


class TestDatabase:
    def test_unset_means_the_sqlite_default_with_immediate_transactions(self, monkeypatch):
        monkeypatch.delenv("DATABASE_URL", raising=False)

        config = env_database("DATABASE_URL", default_sqlite=Path("/srv/stridewell/db.sqlite3"))

        assert config["ENGINE"] == "django.db.backends.sqlite3"
        assert config["NAME"] == "/srv/stridewell/db.sqlite3"
        assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert "PRAGMA foreign_keys=ON" in config["OPTIONS"]["init_command"]
        assert "PRAGMA journal_mode=WAL" in config["OPTIONS"]["init_command"]
        assert config["CONN_MAX_AGE"] == 0
        assert config["ATOMIC_REQUESTS"] is False

    def test_an_explicit_sqlite_url_also_gets_immediate_transactions(self, monkeypatch):
        monkeypatch.setenv("DATABASE_URL", "sqlite:////var/lib/stridewell/clinic.sqlite3")

        config = env_database("DATABASE_URL", default_sqlite=Path("unused"))

        assert config["NAME"] == "/var/lib/stridewell/clinic.sqlite3"
        assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"

    @pytest.mark.parametrize("scheme", ["postgres", "postgresql", "pgsql"])
    def test_postgres_urls_are_parsed_with_health_checks(self, monkeypatch, scheme):
        monkeypatch.setenv("DATABASE_URL", f"{scheme}://clinic:s%40cret@db.internal:5433/sw")

        config = env_database("DATABASE_URL", default_sqlite=Path("unused"))

        assert config["ENGINE"] == "django.db.backends.postgresql"
        assert (config["USER"], config["PASSWORD"]) == ("clinic", "s@cret")
        assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "sw")
        assert config["CONN_MAX_AGE"] == 60
        assert config["CONN_HEALTH_CHECKS"] is True
        assert "transaction_mode" not in config.get("OPTIONS", {})

    @pytest.mark.parametrize(
        ("raw", "problem"),
        [
            ("mysql://x", "must be a sqlite:/// or postgres:// URL, got scheme 'mysql'"),
            ("postgres://", "names no database"),
            ("postgres://db.internal:5432/", "names no database"),
            ("clinic.sqlite3", "must be a sqlite:/// or postgres:// URL"),
        ],
    )
    def test_malformed_urls_name_the_variable(self, monkeypatch, raw, problem):
        monkeypatch.setenv("DATABASE_URL", raw)

        with pytest.raises(EnvError, match=f"DATABASE_URL {problem}"):
            env_database("DATABASE_URL", default_sqlite=Path("unused"))


class TestEmail:
    def test_default_is_used_when_unset(self, monkeypatch):
        monkeypatch.delenv("EMAIL_URL", raising=False)

        assert env_email("EMAIL_URL", default="console://") == {
            "BACKEND": "django.core.mail.backends.console.EmailBackend",
            "OPTIONS": {},
        }

    def test_smtp_with_starttls_and_credentials(self, monkeypatch):
        monkeypatch.setenv("EMAIL_URL", "smtp://mailer%40clinic:p%2Fw@smtp.internal:587?tls=1")

        assert env_email("EMAIL_URL", default="console://") == {
            "BACKEND": SMTP,
            "OPTIONS": {
                "host": "smtp.internal",
                "port": 587,
                "username": "mailer@clinic",
                "password": "p/w",
                "use_ssl": False,
                "use_tls": True,
                "timeout": 10,
            },
        }

    def test_smtps_defaults_to_port_465_with_implicit_tls(self, monkeypatch):
        monkeypatch.setenv("EMAIL_URL", "smtps://smtp.internal")

        options = env_email("EMAIL_URL", default="console://")["OPTIONS"]

        assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)

    def test_plain_smtp_defaults_to_port_25(self, monkeypatch):
        monkeypatch.setenv("EMAIL_URL", "smtp://localhost")

        assert env_email("EMAIL_URL", default="console://")["OPTIONS"]["port"] == 25

    def test_file_backend_takes_its_folder_from_the_path(self, monkeypatch):
        monkeypatch.setenv("EMAIL_URL", "file:///var/spool/stridewell")

        assert env_email("EMAIL_URL", default="console://") == {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": "/var/spool/stridewell"},
        }

    @pytest.mark.parametrize(
        ("raw", "problem"),
        [
            ("carrier-pigeon://x", "must start with one of"),
            ("smtp://", "needs a host"),
            ("smtp://smtp.internal:twenty-five", "has a port that is not a number"),
            ("smtps://smtp.internal?tls=1", "cannot combine smtps://"),
            ("file://", "needs a folder"),
        ],
    )
    def test_malformed_urls_name_the_variable(self, monkeypatch, raw, problem):
        monkeypatch.setenv("EMAIL_URL", raw)

        with pytest.raises(EnvError, match=f"EMAIL_URL {problem}"):
            env_email("EMAIL_URL", default="console://")


class TestRedis:
    def test_unset_means_no_redis(self, monkeypatch):
        monkeypatch.delenv("REDIS_URL", raising=False)

        assert env_redis("REDIS_URL") is None

    @pytest.mark.parametrize(
        "raw", ["redis://127.0.0.1:6379/0", "rediss://cache.internal:6380/1", "unix:///run/r.sock"]
    )
    def test_redis_urls_are_passed_through(self, monkeypatch, raw):
        monkeypatch.setenv("REDIS_URL", raw)

        assert env_redis("REDIS_URL") == raw

    def test_other_schemes_name_the_variable(self, monkeypatch):
        monkeypatch.setenv("REDIS_URL", "http://x")

        with pytest.raises(EnvError, match="REDIS_URL must be a redis:// URL, got 'http://x'"):
            env_redis("REDIS_URL")
