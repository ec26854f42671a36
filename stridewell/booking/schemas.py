"""API input and output schemas for /api/booking (one pair per operation where they differ)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from stridewell.api.types import CalendarDate, MultiLineText, SingleLineText


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorDetail


class TypeOut(Schema):
    slug: str
    name: str
    description: str
    duration_minutes: int
    price_pence: int = Field(description="What the patient pays, surcharge included.")
    surcharge_pence: int = Field(description="The part of the price that is a surcharge.")
    is_emergency: bool = Field(description="Only outside opening hours, on the on-call rota.")
    eligibility: Literal["new", "returning", "any"]
    needs_confirmation: bool = Field(description="Bookings wait as 'pending' for staff.")


class PractitionerOut(Schema):
    slug: str
    name: str
    title: str


class SlotOut(Schema):
    start: datetime = Field(description="UTC, ISO 8601.")
    end: datetime
    practitioner: str = Field(description="The practitioner's slug.")


class AvailabilityOut(Schema):
    slots: list[SlotOut]


class SlotUnavailableOut(Schema):
    error: ErrorDetail
    next_slots: list[SlotOut] = Field(description="The next free slots to offer instead.")


class HoldIn(Schema):
    type: SingleLineText = Field(max_length=80)
    practitioner: SingleLineText = Field(
        max_length=80, description="A practitioner's slug, or 'any'."
    )
    start: datetime = Field(description="With an offset or Z; must be one of the listed starts.")


class HoldOut(Schema):
    id: str = Field(description="Pass it as 'hold' when booking.")
    type: str
    practitioner: str
    start: datetime
    end: datetime
    expires_at: datetime


class PatientIn(Schema):
    name: SingleLineText = Field(max_length=120)
    email: SingleLineText = Field(max_length=254)
    phone: SingleLineText = Field(max_length=32)


class AppointmentIn(Schema):
    type: SingleLineText = Field(max_length=80)
    practitioner: SingleLineText = Field(
        max_length=80, description="A practitioner's slug, or 'any'."
    )
    start: datetime
    patient: PatientIn
    is_new_patient: bool
    accept_policy: bool = Field(description="Must be true: the cancellation policy was accepted.")
    reason: MultiLineText = Field(
        default="", max_length=2000, description="What is wrong (health data)."
    )
    discount_code: SingleLineText = Field(default="", max_length=40)
    hold: SingleLineText = Field(
        default="", max_length=64, description="The id of your hold, if any."
    )


class BookedOut(Schema):
    id: str
    status: str
    start: datetime
    end: datetime
    practitioner: str
    type: str
    price_pence: int
    discount_percent: int
    final_price_pence: int


class BookingTokenIn(Schema):
    token: SingleLineText = Field(
        max_length=200, description="The secret from the link in our e-mail."
    )


class RescheduleIn(BookingTokenIn):
    start: datetime


class DiaryAppointmentOut(Schema):
    id: str
    status: str
    start: datetime
    end: datetime
    type: str
    practitioner: str
    room: str | None
    patient_name: str
    patient_email: str
    patient_phone: str
    is_new_patient: bool | None
    reason: str
    staff_notes: str
    final_price_pence: int
    hold_expires_at: datetime | None


class DiaryQuery(Schema):
    practitioner: SingleLineText | None = None
    start: CalendarDate
    end: CalendarDate


class StaffBookingIn(AppointmentIn):
    accept_policy: bool = Field(description="True once the caller has heard and accepted it.")


class AppointmentMoveIn(Schema):
    start: datetime
    practitioner: SingleLineText | None = Field(
        default=None, description="Staff only: another physio."
    )


class CancelIn(Schema):
    reason: MultiLineText = Field(default="", max_length=200)
