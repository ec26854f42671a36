"""Map every failure to `{"error": {"code", "message", "fields"}}` with the right 4xx/5xx."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.operation import PathView
from ninja.parser import Parser
from ninja.types import DictStrAny

from stridewell.core.text import bad_text_paths

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """Raise from an endpoint to answer with a specific status and error code."""

    def __init__(
        self, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}


TOO_LARGE_MESSAGE = "The request is too large. Send less data, or a smaller file."


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


_SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})


def _ninja_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Name each error by the field the client sent, e.g. ("body", "payload", "email") → "email".

    ninja prefixes the location with the source and, for schema parameters, the Python
    parameter name; neither means anything to a client. A field that happens to be called
    "body" or "path" is kept, because only the leading parts are removed.
    """
    fields: dict[str, list[str]] = {}
    for err in errors:
        loc = [str(part) for part in err.get("loc", ())]
        if loc and loc[0] in _SOURCES:
            loc = loc[1:]
        if len(loc) >= 2:
            loc = loc[1:]
        key = ".".join(loc) or "__all__"
        message = str(err.get("msg", "Invalid value."))
        # pydantic prefixes our own ValueError messages; the sentence is enough on its own.
        message = message.removeprefix("Value error, ")
        fields.setdefault(key, []).append(message)
    return fields


_NINJA_BAD_BODY = "Cannot parse request body"
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
}


def _method_not_allowed(self: PathView) -> HttpResponse:
    allowed = sorted({method for operation in self.operations for method in operation.methods})
    message = f"This address does not accept that method. Use {', '.join(allowed)}."
    response = JsonResponse(error_body("method_not_allowed", message), status=405)
    response["Allow"] = ", ".join(allowed)
    return response


class StrictParser(Parser):
    """ninja's JSON parser, refusing what no operation can use before it reaches a schema.

    - A body that is not a JSON object (`[null, null]`, `null`, `3`): every operation with a
      body takes an object, and ninja would otherwise read a list as an object of defaults.
    - Text with NUL or lone surrogates anywhere in the body, the query string or a form:
      nothing a database cannot store gets past, whatever the schema. The full rule (no
      control characters at all) is on each field, in `stridewell.api.types`.
    """

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ApiError(
                422,
                "invalid",
                "The request body must be a JSON object.",
                {"__all__": ['Send a JSON object, e.g. {"field": "value"}.']},
            )
        _refuse_bad_text(data)
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> DictStrAny:
        result = super().parse_querydict(data, list_fields, request)
        _refuse_bad_text(result)
        return result


def _refuse_bad_text(data: Any) -> None:
    problems = bad_text_paths(data)
    if problems:
        fields = {path: [message] for path, message in problems.items()}
        raise ApiError(422, "invalid", "Some fields are not valid.", fields)


def install_error_handlers(api: NinjaAPI) -> None:
    # ninja 1.7 answers a wrong HTTP method itself, as plain text, without raising anything
    # an exception handler could catch; replacing that one method keeps the error shape.
    PathView._not_allowed = _method_not_allowed  # type: ignore[method-assign]

    api.parser = StrictParser()

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        # Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE (or a file over the
        # upload cap): the client sent too much, which is a 413, not our failure.
        return respond(request, 413, error_body("too_large", TOO_LARGE_MESSAGE))

    @api.exception_handler(MultiPartParserError)
    def on_bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        message = "The request body is not valid multipart/form-data (check the boundary)."
        return respond(request, 400, error_body("bad_request", message))

    @api.exception_handler(TooManyFieldsSent)
    def on_too_many_fields(request: HttpRequest, exc: TooManyFieldsSent) -> HttpResponse:
        return respond(request, 413, error_body("too_large", TOO_LARGE_MESSAGE))

    @api.exception_handler(TooManyFilesSent)
    def on_too_many_files(request: HttpRequest, exc: TooManyFilesSent) -> HttpResponse:
        return respond(request, 413, error_body("too_large", TOO_LARGE_MESSAGE))

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, error_body(exc.code, exc.message, exc.fields))

    @api.exception_handler(NinjaValidationError)
    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields = _ninja_fields(list(exc.errors))
        if any("JSON" in m for msgs in fields.values() for m in msgs) and "__all__" in fields:
            return respond(
                request, 400, error_body("bad_json", "The request body is not valid JSON.", fields)
            )
        return respond(request, 422, error_body("invalid", "Some fields are not valid.", fields))

    @api.exception_handler(ValidationError)
    def on_django_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return respond(request, 422, error_body("invalid", "Some fields are not valid.", fields))

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request, 401, error_body("unauthenticated", "Log in or send a valid Bearer token.")
        )

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, error_body("forbidden", str(exc) or "You may not do that."))

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body("not_found", "No such resource."))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        cause = exc.__cause__
        if isinstance(cause, ApiError):  # raised by StrictParser while ninja read the body
            return on_api_error(request, cause)
        if isinstance(cause, RequestDataTooBig):  # request.body read by ninja's body parser
            return on_too_big(request, cause)
        if exc.status_code == 400 and str(exc).startswith(_NINJA_BAD_BODY):
            # ninja's own wording ("Cannot parse request body") says nothing about what to fix.
            return respond(
                request, 400, error_body("bad_json", "The request body is not valid JSON.")
            )
        code = _HTTP_CODES.get(exc.status_code, "error")
        return respond(request, exc.status_code, error_body(code, str(exc)))

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("unhandled API error on %s %s", request.method, request.path)
        return respond(
            request, 500, error_body("server_error", "Something went wrong on our side.")
        )
