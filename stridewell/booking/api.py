"""/api/booking: appointment types, practitioners, free slots, holds and bookings.

A contract other clients rely on: times are UTC ISO 8601, ids are opaque strings, and every
error has the shape {"error": {"code", "message", "fields"}} (a taken slot adds "next_slots").
The staff diary lives under /api/booking/diary (see api_diary.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Header, Query, Router, Schema, Status
from pydantic import Field

from stridewell.accounts.selectors import practitioner_list_active
from stridewell.api.errors import ApiError
from stridewell.api.types import CalendarDate, SingleLineText
from stridewell.booking.api_common import booking_failure, limited, slot_json
from stridewell.booking.api_diary import router as diary_router
from stridewell.booking.errors import BookingError
from stridewell.booking.links import is_uuid
from stridewell.booking.models import Appointment, Source
from stridewell.booking.schemas import (
    AppointmentIn,
    AvailabilityOut,
    BookedOut,
    BookingTokenIn,
    ErrorOut,
    HoldIn,
    HoldOut,
    PractitionerOut,
    RescheduleIn,
    SlotUnavailableOut,
    TypeOut,
)
from stridewell.booking.selectors import (
    ANY,
    appointment_type_get,
    appointment_type_list_active,
    practitioners_for_type,
    slot_list_available,
)
from stridewell.booking.services.booking import (
    BookingRequest,
    appointment_book,
    booking_receipt,
)
from stridewell.booking.services.changes import (
    appointment_cancel_by_link,
    appointment_reschedule_by_link,
)
from stridewell.booking.services.holds import hold_create, hold_release

router = Router(tags=["booking"])
router.add_router("/diary", diary_router)

MAX_RANGE_DAYS = 62


# --- catalogue ---------------------------------------------------------------------------------


@router.get("/types", response=list[TypeOut], summary="Appointment types patients can book")
def list_types(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "slug": t.slug,
            "name": t.name,
            "description": t.description,
            "duration_minutes": t.duration_minutes,
            "price_pence": t.total_price_pence,
            "surcharge_pence": t.surcharge_pence,
            "is_emergency": t.is_emergency,
            "eligibility": t.eligibility,
            "needs_confirmation": t.needs_confirmation,
        }
        for t in appointment_type_list_active()
    ]


class PractitionerQuery(Schema):
    type: SingleLineText | None = Field(default=None, description="Only those offering this type.")


@router.get(
    "/practitioners",
    response={200: list[PractitionerOut], 422: ErrorOut},
    summary="Practitioners patients can book",
)
def list_practitioners(
    request: HttpRequest, query: Query[PractitionerQuery]
) -> list[dict[str, str]]:
    if query.type:
        appointment_type = appointment_type_get(slug=query.type)
        if appointment_type is None:
            raise ApiError(
                422,
                "unknown_type",
                "We do not offer that appointment type.",
                {"type": ["Unknown type."]},
            )
        people = practitioners_for_type(appointment_type=appointment_type)
    else:
        people = list(practitioner_list_active())
    return [{"slug": p.slug, "name": p.display_name, "title": p.title} for p in people]


# --- availability ------------------------------------------------------------------------------


class AvailabilityQuery(Schema):
    type: SingleLineText = Field(description="An appointment type's slug.")
    practitioner: SingleLineText = Field(
        default=ANY, description="A practitioner's slug, or 'any'."
    )
    start: CalendarDate = Field(description="First London date, YYYY-MM-DD.")
    end: CalendarDate = Field(
        description=f"Last London date (inclusive), at most {MAX_RANGE_DAYS} days on."
    )


@router.get(
    "/availability",
    response={200: AvailabilityOut, 422: ErrorOut},
    summary="Free slots between two London dates",
    description=(
        "Slots start on a grid in London wall-clock time; times are returned in UTC. With "
        "practitioner=any there is one slot per start time, with the practitioner who would "
        "get the booking now. Every slot listed can be booked, until someone else books it."
    ),
)
def availability(request: HttpRequest, query: Query[AvailabilityQuery]) -> dict[str, Any]:
    appointment_type = appointment_type_get(slug=query.type)
    if appointment_type is None:
        raise ApiError(
            422,
            "unknown_type",
            "We do not offer that appointment type.",
            {"type": ["Unknown type."]},
        )
    if query.practitioner != ANY and query.practitioner not in {
        p.slug for p in practitioners_for_type(appointment_type=appointment_type)
    }:
        raise ApiError(
            422,
            "unknown_practitioner",
            "We do not know that practitioner, or they do not offer this.",
            {"practitioner": ["Unknown practitioner."]},
        )
    if query.end < query.start:
        raise ApiError(
            422,
            "invalid_range",
            "The end date is before the start date.",
            {"end": ["Before start."]},
        )
    if query.end - query.start > timedelta(days=MAX_RANGE_DAYS):
        message = f"Ask for at most {MAX_RANGE_DAYS} days at a time."
        raise ApiError(422, "range_too_long", message, {"end": [message]})
    slots = slot_list_available(
        appointment_type=appointment_type,
        practitioner=query.practitioner,
        first_day=query.start,
        last_day=query.end,
    )
    return {"slots": [slot_json(s) for s in slots]}


# --- holds -------------------------------------------------------------------------------------


def _hold_json(held: Appointment) -> dict[str, Any]:
    return {
        "id": str(held.public_id),
        "type": held.appointment_type.slug,
        "practitioner": held.practitioner.slug,
        "start": held.start,
        "end": held.end,
        "expires_at": held.hold_expires_at,
    }


@router.post(
    "/holds",
    response={201: HoldOut, 409: SlotUnavailableOut, 422: ErrorOut, 429: ErrorOut},
    summary="Hold a slot for five minutes",
)
def create_hold(request: HttpRequest, payload: HoldIn) -> Any:
    refused = limited(request, "booking-hold", 30)
    if refused:
        return refused
    try:
        held = hold_create(
            type_slug=payload.type,
            practitioner=payload.practitioner,
            start=payload.start,
            source=Source.API,
        )
    except BookingError as exc:
        return booking_failure(exc)
    return Status(201, _hold_json(held))


@router.delete("/holds/{hold_id}", response={204: None}, summary="Give a held slot back")
def delete_hold(request: HttpRequest, hold_id: str) -> Status[None]:
    if is_uuid(hold_id):
        hold_release(hold_id=hold_id)
    return Status(204, None)


# --- appointments ------------------------------------------------------------------------------


@router.post(
    "/appointments",
    response={201: BookedOut, 409: SlotUnavailableOut, 422: ErrorOut, 429: ErrorOut},
    summary="Book an appointment",
    description=(
        "Send an Idempotency-Key header (e.g. a UUID) to retry safely: the same key with the "
        "same body returns the first answer (header Idempotent-Replayed: true); the same key "
        "with a different body is refused with 422 idempotency_key_reused. A taken slot "
        "answers 409 slot_unavailable with next_slots."
    ),
)
def create_appointment(
    request: HttpRequest,
    payload: AppointmentIn,
    idempotency_key: str = Header(default="", alias="Idempotency-Key", max_length=255),
) -> Any:
    refused = limited(request, "booking-appointment", 20)
    if refused:
        return refused
    booking = BookingRequest(
        type_slug=payload.type,
        practitioner=payload.practitioner,
        start=payload.start,
        name=payload.patient.name,
        email=payload.patient.email,
        phone=payload.patient.phone,
        is_new_patient=payload.is_new_patient,
        accept_policy=payload.accept_policy,
        reason=payload.reason,
        discount_code=payload.discount_code,
        hold=payload.hold,
    )
    # Public and unauthenticated (no CSRF check), so a browser session is deliberately not used
    # to tie the booking to an account: patients are identified by their e-mail address.
    try:
        result = appointment_book(
            request=booking, source=Source.API, idempotency_key=idempotency_key.strip()
        )
    except BookingError as exc:
        return booking_failure(exc)
    response = JsonResponse(result.receipt, status=201)
    if result.is_replay:
        response["Idempotent-Replayed"] = "true"
    return response


@router.post(
    "/appointments/{appointment_id}/cancel",
    response={200: BookedOut, 404: ErrorOut, 409: ErrorOut, 410: ErrorOut, 429: ErrorOut},
    summary="Cancel with the token from the e-mailed link",
)
def cancel_appointment(request: HttpRequest, appointment_id: str, payload: BookingTokenIn) -> Any:
    refused = limited(request, "booking-link", 20)
    if refused:
        return refused
    try:
        cancelled = appointment_cancel_by_link(public_id=appointment_id, raw_token=payload.token)
    except BookingError as exc:
        return booking_failure(exc)
    return booking_receipt(cancelled)


@router.post(
    "/appointments/{appointment_id}/reschedule",
    response={
        200: BookedOut,
        404: ErrorOut,
        409: SlotUnavailableOut,
        410: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Move to another start with the token from the e-mailed link",
)
def reschedule_appointment(request: HttpRequest, appointment_id: str, payload: RescheduleIn) -> Any:
    refused = limited(request, "booking-link", 20)
    if refused:
        return refused
    try:
        moved = appointment_reschedule_by_link(
            public_id=appointment_id, raw_token=payload.token, start=payload.start
        )
    except BookingError as exc:
        return booking_failure(exc)
    return booking_receipt(moved)
