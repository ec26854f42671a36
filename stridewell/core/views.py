from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # The clinic's structured data (opening hours, address) lets search engines and maps show
    # the right hours; it is built by the clinic app and only rendered here.
    from stridewell.clinic.selectors import clinic_jsonld

    return render(request, "core/home.html", {"clinic_jsonld": clinic_jsonld(request=request)})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {"error": {"code": "not_found", "message": "No such resource.", "fields": {}}},
            status=404,
        )
    return render(request, "404.html", status=404)


def _error_json(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)


@csrf_exempt
def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any address under /api/ that no operation answers: a 404 in the API's error shape."""
    return _error_json("not_found", "No such resource.", 404)


_TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 handler (SuspiciousOperation). A body over the upload limits is a 413."""
    too_large = isinstance(exception, _TOO_LARGE)
    if _wants_json(request):
        if too_large:
            message = "The request is too large. Send less data, or a smaller file."
            return _error_json("too_large", message, 413)
        return _error_json("bad_request", "The request could not be understood.", 400)
    if too_large:
        return render(request, "413.html", status=413)
    return HttpResponse("Bad Request (400)", content_type="text/plain", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {
                "error": {
                    "code": "server_error",
                    "message": "Something went wrong on our side.",
                    "fields": {},
                }
            },
            status=500,
        )
    # No context processors here: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


@login_required
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    """The logged-in person's own data as a JSON file (right of access and portability)."""
    from stridewell.core.personal_data import personal_data_export

    document = personal_data_export(user=request.user)
    response = JsonResponse(document, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="stridewell-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response
