"""Walk every page route (config/urls.py) and every API operation (the ninja OpenAPI document),
and build a concrete URL for each against the access tests' world."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from stridewell.api.api import api

# Path parameters that name a runner's record: filled from the world (Amara's records).
WORLD_IDS = {
    "runner_id": lambda w: w.runner.pk,
    "entry_id": lambda w: w.entry.pk,
    "alert_id": lambda w: w.alert.pk,
    "session_id": lambda w: w.session.pk,
    "screening_id": lambda w: w.screening.pk,
    "check_in_id": lambda w: w.check_in.pk,
}
# Anything else: a value that names nothing, so the answer shows who may even ask.
FILLERS = {
    "int": "999999",
    "slug": "no-such-thing",
    "str": "no-such-token",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "path": "nothing.txt",
}


def page_routes() -> Iterator[tuple[str, str]]:
    """(name, route) for every page outside the admin and the API (`ns:name`)."""

    def walk(patterns: list[Any], prefix: str, ns: str) -> Iterator[tuple[str, str]]:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                if route in {"admin/", "api/"}:
                    continue
                inner = ":".join(x for x in (ns, p.namespace) if x)
                yield from walk(p.url_patterns, route, inner)
            elif isinstance(p, URLPattern):
                yield (f"{ns}:{p.name}" if ns else str(p.name)), route

    yield from walk(get_resolver().url_patterns, "", "")


def admin_routes() -> Iterator[str]:
    """Every route under /admin/ (the Django admin), as a route pattern."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    admin = next(p for p in get_resolver().url_patterns if str(p.pattern) == "admin/")
    yield from walk(admin.url_patterns, "admin/")


def api_operations() -> Iterator[str]:
    """'METHOD /api/path' for every operation in the published OpenAPI document."""
    for path, ops in api.get_openapi_schema()["paths"].items():
        for method in ops:
            yield f"{method.upper()} {path}"


_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
_API_PARAM = re.compile(r"\{(\w+)\}")


def page_url(route: str, world: SimpleNamespace) -> str:
    def fill(m: re.Match[str]) -> str:
        converter, name = m.group(1) or "str", m.group(2)
        if name in WORLD_IDS:
            return str(WORLD_IDS[name](world))
        return FILLERS[converter]

    if route.startswith("^"):  # a regular-expression route: each named group gets "1"
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route.strip("^$"))
    return "/" + _CONVERTER.sub(fill, route)


def admin_url(route: str) -> str:
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + _CONVERTER.sub(lambda m: FILLERS.get(m.group(1) or "str", "x"), route)


API_WORLD_IDS = {"entry_id": lambda w: w.entry.pk}  # the training API's own records
API_UUIDS = {"hold_id", "appointment_id"}


def api_url(operation: str, world: SimpleNamespace) -> tuple[str, str]:
    method, path = operation.split(" ", 1)

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in API_WORLD_IDS:
            return str(API_WORLD_IDS[name](world))
        if name in API_UUIDS:
            return FILLERS["uuid"]
        return FILLERS["int"] if name.endswith("_id") or name == "number" else FILLERS["slug"]

    return method, _API_PARAM.sub(fill, path)
