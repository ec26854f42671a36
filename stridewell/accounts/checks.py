"""System check: log-in throttling needs a cache shared by every app process (ADR 0013).

`manage.py check --deploy` reports `accounts.E001` when the default cache keeps its counters
inside each process: every worker would count failures on its own, multiplying each limit by
the number of workers, and a restart would forget them all.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

PER_PROCESS_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)


@register(Tags.security, Tags.caches, deploy=True)
def check_shared_rate_limit_cache(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            f"The default cache ({backend.rsplit('.', 1)[-1]}) keeps rate-limit and log-in "
            "failure counters per process, so log-in throttling is not enforced across "
            "workers and is forgotten on every restart.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so every app process shares "
            "the counters; see docs/operations.md.",
            id="accounts.E001",
        )
    ]
