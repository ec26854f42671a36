from stridewell.booking.models.appointments import (
    BLOCKING_STATUSES,
    BOOKED_STATUSES,
    Appointment,
    AppointmentToken,
    IdempotencyRecord,
    Source,
    Status,
    TokenPurpose,
)
from stridewell.booking.models.catalogue import AppointmentType, Eligibility, Room
from stridewell.booking.models.rota import DateOverride, TimeOff, WorkingHours

__all__ = [
    "BLOCKING_STATUSES",
    "BOOKED_STATUSES",
    "Appointment",
    "AppointmentToken",
    "AppointmentType",
    "DateOverride",
    "Eligibility",
    "IdempotencyRecord",
    "Room",
    "Source",
    "Status",
    "TimeOff",
    "TokenPurpose",
    "WorkingHours",
]
