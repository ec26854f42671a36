"""/api/booking/diary: the staff diary. Staff see and change everyone's; a physio their own.

Anonymous callers get 401, runners 403, and a physio asking for a colleague's appointment gets
404 (ids reveal nothing about diaries you cannot open).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router, Status

from stridewell.api.auth import api_auth
from stridewell.api.errors import ApiError
from stridewell.booking.api_common import booking_failure
from stridewell.booking.audit import appointments_audit
from stridewell.booking.diary import diary_appointments, diary_visible_practitioners
from stridewell.booking.errors import BookingError
from stridewell.booking.links import is_uuid
from stridewell.booking.models import Appointment, Source
from stridewell.booking.permissions import diary_can_manage, diary_can_open
from stridewell.booking.schemas import (
    AppointmentMoveIn,
    CancelIn,
    DiaryAppointmentOut,
    DiaryQuery,
    ErrorOut,
    SlotUnavailableOut,
    StaffBookingIn,
)
from stridewell.booking.services import changes
from stridewell.booking.services.booking import BookingRequest, appointment_book, iso_utc

router = Router(tags=["booking diary"], auth=api_auth)

MAX_DIARY_DAYS = 31


def _require_diary(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if not diary_can_open(user):
        raise PermissionDenied("Only clinic staff and physiotherapists have a diary.")
    return user


def diary_json(a: Appointment) -> dict[str, Any]:
    return {
        "id": str(a.public_id),
        "status": a.status,
        "start": iso_utc(a.start),
        "end": iso_utc(a.end),
        "type": a.appointment_type.slug,
        "practitioner": a.practitioner.slug,
        "room": a.room.slug if a.room else None,
        "patient_name": a.patient_name,
        "patient_email": a.patient_email,
        "patient_phone": a.patient_phone,
        "is_new_patient": a.is_new_patient,
        "reason": a.reason,
        "staff_notes": a.staff_notes,
        "final_price_pence": a.final_price_pence,
        "hold_expires_at": iso_utc(a.hold_expires_at) if a.hold_expires_at else None,
    }


def _appointment(user: Any, appointment_id: str) -> Appointment:
    appointment = (
        Appointment.objects.select_related("appointment_type", "practitioner", "room")
        .filter(public_id=appointment_id)
        .first()
        if is_uuid(appointment_id)
        else None
    )
    if appointment is None or not diary_can_manage(user, appointment.practitioner_id):
        raise ApiError(404, "not_found", "No such appointment in a diary you can open.")
    return appointment


@router.get(
    "/appointments",
    response={200: list[DiaryAppointmentOut], 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="Appointments in a diary between two London dates",
)
def list_appointments(request: HttpRequest, query: Query[DiaryQuery]) -> list[dict[str, Any]]:
    user = _require_diary(request)
    if query.end < query.start or (query.end - query.start).days > MAX_DIARY_DAYS:
        message = f"Give an end date on or after the start, at most {MAX_DIARY_DAYS} days on."
        raise ApiError(422, "invalid_range", message, {"end": [message]})
    visible = diary_visible_practitioners(user)
    if query.practitioner:
        visible = [p for p in visible if p.slug == query.practitioner]
        if not visible:
            raise PermissionDenied("You can only open your own diary.")
    rows = diary_appointments(practitioners=visible, first_day=query.start, last_day=query.end)
    appointments_audit(viewer=user, appointments=rows, what="booking.diary")
    return [diary_json(a) for a in rows]


@router.get(
    "/appointments/{appointment_id}",
    response={200: DiaryAppointmentOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="One appointment in a diary you can open",
)
def get_appointment(request: HttpRequest, appointment_id: str) -> dict[str, Any]:
    user = _require_diary(request)
    appointment = _appointment(user, appointment_id)
    appointments_audit(viewer=user, appointments=[appointment], what="booking.appointment")
    return diary_json(appointment)


@router.post(
    "/appointments",
    response={
        201: DiaryAppointmentOut,
        401: ErrorOut,
        403: ErrorOut,
        409: SlotUnavailableOut,
        422: ErrorOut,
    },
    summary="Book for a caller on the phone",
    description=(
        "As POST /api/booking/appointments; short notice is allowed, every other rule applies."
    ),
)
def book_for_caller(request: HttpRequest, payload: StaffBookingIn) -> Any:
    user = _require_diary(request)
    if not user.is_clinic_staff and payload.practitioner not in {
        p.slug for p in diary_visible_practitioners(user)
    }:
        raise PermissionDenied("You can only book into your own diary.")
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
    )
    try:
        result = appointment_book(request=booking, source=Source.DIARY, booked_by=user)
    except BookingError as exc:
        return booking_failure(exc)
    appointments_audit(viewer=user, appointments=[result.appointment], what="booking.book")
    return Status(201, diary_json(result.appointment))


def _act(request: HttpRequest, appointment_id: str, action: Any, what: str, **kwargs: Any) -> Any:
    user = _require_diary(request)
    appointment = _appointment(user, appointment_id)
    appointments_audit(viewer=user, appointments=[appointment], what=what)
    try:
        changed = action(appointment_id=appointment.pk, actor=user, **kwargs)
    except BookingError as exc:
        return booking_failure(exc)
    changed = Appointment.objects.select_related("appointment_type", "practitioner", "room").get(
        pk=changed.pk
    )
    return diary_json(changed)


_ACTION_RESPONSES = {
    200: DiaryAppointmentOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
}


@router.post(
    "/appointments/{appointment_id}/confirm",
    response=_ACTION_RESPONSES,
    summary="Confirm a pending request",
)
def confirm(request: HttpRequest, appointment_id: str) -> Any:
    return _act(request, appointment_id, changes.appointment_confirm, "booking.confirm")


@router.post(
    "/appointments/{appointment_id}/arrived",
    response=_ACTION_RESPONSES,
    summary="The patient has arrived",
)
def arrived(request: HttpRequest, appointment_id: str) -> Any:
    return _act(request, appointment_id, changes.appointment_mark_arrived, "booking.arrived")


@router.post(
    "/appointments/{appointment_id}/no-show",
    response=_ACTION_RESPONSES,
    summary="The patient did not come",
)
def no_show(request: HttpRequest, appointment_id: str) -> Any:
    return _act(request, appointment_id, changes.appointment_mark_no_show, "booking.no-show")


@router.post(
    "/appointments/{appointment_id}/cancel", response=_ACTION_RESPONSES, summary="Cancel (staff)"
)
def cancel(request: HttpRequest, appointment_id: str, payload: CancelIn) -> Any:
    return _act(
        request, appointment_id, changes.appointment_cancel, "booking.cancel", reason=payload.reason
    )


@router.post(
    "/appointments/{appointment_id}/move",
    response={**_ACTION_RESPONSES, 409: SlotUnavailableOut, 422: ErrorOut},
    summary="Move to another time or physio (staff)",
)
def move(request: HttpRequest, appointment_id: str, payload: AppointmentMoveIn) -> Any:
    return _act(
        request,
        appointment_id,
        changes.appointment_move,
        "booking.move",
        start=payload.start,
        practitioner=payload.practitioner,
    )
