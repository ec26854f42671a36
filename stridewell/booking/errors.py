"""Why a booking operation was refused, in terms every interface (page, API, admin) can show."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from stridewell.booking.availability import Problem

if TYPE_CHECKING:
    from stridewell.booking.availability import Slot

# What patients read for each reason a start cannot be booked.
PROBLEM_MESSAGES: dict[Problem, str] = {
    Problem.UNKNOWN_PRACTITIONER: "We do not know that practitioner, or they do not offer this.",
    Problem.OFF_GRID: "Appointments start at the times we list; please choose one of them.",
    Problem.IN_PAST: "That time has already passed.",
    Problem.TOO_SOON: "That is too soon to book online for this appointment; please phone us.",
    Problem.BEYOND_HORIZON: "That is further ahead than we take bookings for this appointment.",
    Problem.CLINIC_CLOSED: "The clinic is closed that day.",
    Problem.SUNDAY: "On Sundays we only see emergencies.",
    Problem.OUTSIDE_OPENING_HOURS: "That is outside our opening hours.",
    Problem.PRACTITIONER_NOT_WORKING: "The practitioner is not working at that time.",
    Problem.INSIDE_OPENING_HOURS: (
        "Emergency appointments are for outside opening hours; during opening hours please "
        "book a normal appointment or phone the front desk."
    ),
    Problem.NOT_ON_CALL: "Nobody is on call at that time.",
    Problem.PRACTITIONER_BUSY: "Sorry, that time has just been taken.",
    Problem.NO_ROOM: "Sorry, that time has just been taken.",
    Problem.UNAVAILABLE: "Sorry, that time is not available.",
}


class BookingError(Exception):
    """A refusal with an error code, a message for people and per-field messages.

    `status` is the HTTP status an API answers with (422 for bad input, 409 for conflicts).
    """

    status = 422

    def __init__(
        self,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
        *,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or {}
        if status is not None:
            self.status = status

    @classmethod
    def field(cls, field: str, code: str, message: str) -> BookingError:
        return cls(code, message, {field: [message]})


class SlotUnavailableError(BookingError):
    """The time was taken (by someone faster). Carries the next free slots to offer instead."""

    status = 409

    def __init__(self, message: str = "", next_slots: Sequence[Slot] = ()) -> None:
        message = message or PROBLEM_MESSAGES[Problem.PRACTITIONER_BUSY]
        super().__init__("slot_unavailable", message, {"start": [message]})
        self.next_slots = list(next_slots)

    def with_slots(self, next_slots: Sequence[Slot]) -> SlotUnavailableError:
        return SlotUnavailableError(self.message, next_slots)


def problem_error(problem: Problem) -> BookingError:
    """The refusal for an availability problem: 409 when taken, a specific 422 otherwise."""
    message = PROBLEM_MESSAGES[problem]
    if problem in (Problem.PRACTITIONER_BUSY, Problem.NO_ROOM, Problem.UNAVAILABLE):
        return SlotUnavailableError(message)
    field = "practitioner" if problem == Problem.UNKNOWN_PRACTITIONER else "start"
    return BookingError(problem.value, message, {field: [message]})
