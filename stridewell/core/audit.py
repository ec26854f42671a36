"""The access log for health data: who read or changed a runner's data, when, what and from where.

Core imports no app, so it holds only the plumbing: `record_access` is what every app calls, and
the app that owns the log (training's `AccessLog`) registers the writer with `register_writer`.
The client address comes from the request being served (`AuditRequestMiddleware` keeps it for
the length of the request), read the same way as the log-in throttle reads it (honouring
`TRUSTED_PROXY_COUNT`). A runner reading their own data is never logged.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse

from stridewell.core.ratelimit import client_ip


@dataclass(frozen=True)
class Access:
    """One runner's data seen or changed: a short stable code and the object, e.g.
    `Access(runner_id=7, what="booking.appointment", obj="3f2c…")`."""

    runner_id: int
    what: str
    obj: str = ""


Writer = Callable[[Any, list[Access], str | None], None]

_writers: list[Writer] = []
_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "audit_request", default=None
)


def register_writer(writer: Writer) -> None:
    """Called once by the app that stores the log (in its AppConfig.ready)."""
    if writer not in _writers:
        _writers.append(writer)


def current_ip() -> str | None:
    request = _request.get()
    if request is None:
        return None
    return client_ip(request) or None


def record_access(*, viewer: Any, accesses: Iterable[Access]) -> None:
    """Log each access by `viewer` to another person's data, all in one INSERT."""
    if not getattr(viewer, "is_authenticated", False):
        return
    rows = [a for a in accesses if a.runner_id != viewer.pk]
    if not rows:
        return
    unique = list(dict.fromkeys(rows))  # frozen dataclasses: duplicates collapse, order kept
    for writer in _writers:
        writer(viewer, unique, current_ip())


class AuditRequestMiddleware:
    """Keeps the request being served so that `record_access` knows where it came from."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
