"""Read settings from environment variables; a malformed value stops start-up naming it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class EnvError(ImproperlyConfigured):
    """A setting taken from the environment is malformed."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"Environment variable {name} {problem}")
        self.name = name


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise EnvError(name, f"must be a boolean (1/0, true/false, yes/no, on/off), got {raw!r}")


def env_int(name: str, *, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise EnvError(name, f"must be a whole number, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise EnvError(name, f"must be at least {minimum}, got {value}")
    return value


def env_list(name: str, *, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise EnvError(name, f"must be a comma-separated list without empty items, got {raw!r}")
    return items


def env_database(name: str, *, default_sqlite: Path) -> dict[str, Any]:
    """Parse DATABASE_URL (postgres://… or sqlite:///…) into a Django DATABASES entry."""
    import dj_database_url

    raw = os.environ.get(name, "").strip()
    if not raw:
        raw = f"sqlite:///{default_sqlite}"
    scheme = urlsplit(raw).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise EnvError(name, f"must be a sqlite:/// or postgres:// URL, got scheme {scheme!r}")
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(raw, conn_max_age=60))
    except (ValueError, KeyError) as exc:
        raise EnvError(name, f"is not a valid database URL: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if not config.get("NAME"):
            raise EnvError(name, "names no SQLite file (use sqlite:///path/to/file.sqlite3)")
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # IMMEDIATE takes the write lock when a transaction starts, so two writers
            # queue instead of failing half-way with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;",
        }
    else:
        if not config.get("NAME"):
            raise EnvError(name, "names no database (postgres://user@host:5432/dbname)")
        config["CONN_HEALTH_CHECKS"] = True
    config["ATOMIC_REQUESTS"] = False
    return config


def env_email(name: str, *, default: str) -> dict[str, Any]:
    """Parse EMAIL_URL into a Django 6.1 MAILERS["default"] entry.

    smtp://user:password@host:587?tls=1 | smtps://…:465 | console:// | locmem:// | file:///dir
    """
    raw = os.environ.get(name, default).strip() or default
    parts = urlsplit(raw)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise EnvError(
            name, f"must start with one of {', '.join(sorted(backends))}://, got {raw!r}"
        )
    options: dict[str, Any] = {}
    if parts.scheme == "file":
        if not parts.path:
            raise EnvError(name, "needs a folder: file:///path/to/folder")
        options["file_path"] = unquote(parts.path)
    if parts.scheme in {"smtp", "smtps"}:
        if not parts.hostname:
            raise EnvError(name, "needs a host: smtp://host:port")
        try:
            port = parts.port
        except ValueError:
            raise EnvError(name, "has a port that is not a number") from None
        use_tls = query.get("tls", "0").lower() in _TRUE
        if use_tls and parts.scheme == "smtps":
            raise EnvError(name, "cannot combine smtps:// (implicit TLS) with ?tls=1 (STARTTLS)")
        options |= {
            "host": parts.hostname,
            "port": port or (465 if parts.scheme == "smtps" else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": use_tls,
            "timeout": 10,
        }
    return {"BACKEND": backends[parts.scheme], "OPTIONS": options}


def env_redis(name: str) -> str | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    if urlsplit(raw).scheme not in {"redis", "rediss", "unix"}:
        raise EnvError(name, f"must be a redis:// URL, got {raw!r}")
    return raw
