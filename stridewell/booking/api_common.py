"""Helpers shared by the booking API modules: error answers, slot JSON, ids, rate limits."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from stridewell.api.errors import ApiError, error_body
from stridewell.booking.availability import Slot
from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.services.booking import iso_utc
from stridewell.core.ratelimit import client_ip, rate_limit_hit, too_many_requests

PATIENT_FIELDS = {"name": "patient.name", "email": "patient.email", "phone": "patient.phone"}


def slot_json(slot: Slot) -> dict[str, str]:
    return {
        "start": iso_utc(slot.start),
        "end": iso_utc(slot.end),
        "practitioner": slot.practitioner,
    }


def booking_failure(exc: BookingError) -> HttpResponse:
    """The API answer for a refused booking operation (a taken slot adds next_slots)."""
    fields = {PATIENT_FIELDS.get(k, k): v for k, v in exc.fields.items()}
    if isinstance(exc, SlotUnavailableError):
        body = error_body(exc.code, exc.message, fields) | {
            "next_slots": [slot_json(s) for s in exc.next_slots]
        }
        return JsonResponse(body, status=409)
    raise ApiError(exc.status, exc.code, exc.message, fields)


def limited(request: HttpRequest, scope: str, limit: int) -> HttpResponse | None:
    """None while the client is within `limit` requests per ten minutes, else the 429."""
    decision = rate_limit_hit(key=f"{scope}:{client_ip(request)}", limit=limit, window_seconds=600)
    return None if decision.allowed else too_many_requests(request, decision)
