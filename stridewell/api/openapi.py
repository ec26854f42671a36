"""Keep the OpenAPI document honest about the error answers every operation can give.

The error handlers in `stridewell.api.errors` answer for every operation alike: 401 without
credentials, 403 on a failed CSRF check or a missing right, 404 for an unknown id in the path
(or anything a signed-in caller names that is not theirs),
400 for a body that is not JSON, 413 for a body over the upload limit and 422 for input that
does not validate. Declaring those by hand on each operation is how some got forgotten, so
`responses_complete` adds whichever applies to each operation, once, when the API is built.
An operation's own declarations (e.g. a 409 with `next_slots`) are kept as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ninja import NinjaAPI, Schema
from ninja.operation import Operation


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):  # the one error shape: {"error": {"code", "message", "fields"}}
    error: ErrorDetail


_BODY_SOURCES = frozenset({"body", "form", "file"})


def api_operations(api: NinjaAPI) -> Iterator[tuple[str, Operation]]:
    """Every operation of the API with its path under the API root, e.g. /plan/weeks/{number}."""
    for bound in api._get_bound_routers():
        for path, view in bound.path_operations.items():
            parts = [part.strip("/") for part in (bound.prefix, path) if part.strip("/")]
            for operation in view.operations:
                yield "/" + "/".join(parts), operation


def statuses_expected(path: str, operation: Operation) -> set[int]:
    """The error statuses this operation can answer with, from what it takes in."""
    sources = {getattr(model, "__ninja_param_source__", None) for model in operation.models}
    expected: set[int] = set()
    if any(source is not None for source in sources):
        expected.add(422)
    if sources & _BODY_SOURCES:
        expected.update({400, 413})
    if "path" in sources or "{" in path:
        expected.add(404)
    if operation.auth_callbacks:
        # 404 too: whatever a signed-in caller names (a runner, an entry, a plan) that does not
        # exist for them is answered "not found", never "forbidden", so nothing leaks.
        expected.update({401, 403, 404})
    return expected


def responses_complete(api: NinjaAPI) -> None:
    """Declare, on every operation, each error status it can answer with (see module doc)."""
    for path, operation in api_operations(api):
        # An operation answering with one status other than 200 must return Status(...):
        # with more statuses declared, ninja no longer picks the only one for a bare value.
        models: dict[Any, Any] = operation.response_models
        for status in sorted(statuses_expected(path, operation) - set(models)):
            models[status] = operation._create_response_model(ErrorOut)
