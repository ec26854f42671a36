"""What the availability core is given and what it answers with. Pure Python, no Django.

Split from availability.py to keep that module about the computation; availability.py
re-exports every name here, so callers use `availability.SlotRules` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from stridewell.booking.spans import Span
from stridewell.clinic.hours import LONDON, Interval

# The clinic's rule, not a calendar fact: Sundays are for emergency cover only.
ROUTINE_CLOSED_WEEKDAYS = frozenset({6})
GRID_MINUTES_CHOICES = (5, 10, 15, 20, 30, 60)
MAX_DURATION_MINUTES = 12 * 60
MAX_BUFFER_MINUTES = 4 * 60


class Problem(StrEnum):
    """Why a start cannot be booked, most fundamental first."""

    UNKNOWN_PRACTITIONER = "unknown_practitioner"
    OFF_GRID = "off_grid"
    IN_PAST = "in_past"
    TOO_SOON = "too_soon"
    BEYOND_HORIZON = "beyond_horizon"
    CLINIC_CLOSED = "clinic_closed"
    SUNDAY = "sunday"
    OUTSIDE_OPENING_HOURS = "outside_opening_hours"
    PRACTITIONER_NOT_WORKING = "practitioner_not_working"
    INSIDE_OPENING_HOURS = "inside_opening_hours"
    NOT_ON_CALL = "not_on_call"
    PRACTITIONER_BUSY = "practitioner_busy"
    NO_ROOM = "no_room"
    UNAVAILABLE = "unavailable"


# Problems that mean "someone else has that time": the request was fine when it was made.
TAKEN_PROBLEMS = frozenset({Problem.PRACTITIONER_BUSY, Problem.NO_ROOM, Problem.UNAVAILABLE})


@dataclass(frozen=True, slots=True)
class SlotRules:
    duration_minutes: int
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0
    min_notice_minutes: int = 0
    horizon_days: int = 60
    is_emergency: bool = False
    grid_minutes: int = 15


def rules_problems(rules: SlotRules) -> dict[str, str]:
    """Settings that cannot work, keyed by field name (empty when the rules are usable)."""
    problems: dict[str, str] = {}
    if not 5 <= rules.duration_minutes <= MAX_DURATION_MINUTES:
        problems["duration_minutes"] = (
            f"An appointment lasts between 5 and {MAX_DURATION_MINUTES} minutes."
        )
    for name in ("buffer_before_minutes", "buffer_after_minutes"):
        if not 0 <= getattr(rules, name) <= MAX_BUFFER_MINUTES:
            problems[name] = f"A buffer is between 0 and {MAX_BUFFER_MINUTES} minutes."
    if rules.grid_minutes not in GRID_MINUTES_CHOICES:
        choices = ", ".join(str(g) for g in GRID_MINUTES_CHOICES)
        problems["grid_minutes"] = f"Start times step by one of {choices} minutes."
    if rules.min_notice_minutes < 0:
        problems["min_notice_minutes"] = "The notice cannot be negative."
    if rules.horizon_days < 1:
        problems["horizon_days"] = "Patients must be able to book at least one day ahead."
    elif rules.min_notice_minutes >= rules.horizon_days * 24 * 60:
        problems["min_notice_minutes"] = (
            f"The minimum notice ({rules.min_notice_minutes} minutes) is as long as the booking "
            f"horizon ({rules.horizon_days} days), so nothing could ever be booked."
        )
    return problems


@dataclass(frozen=True, slots=True)
class PractitionerDiary:
    key: str
    working: tuple[Interval, ...] = ()
    on_call: tuple[Interval, ...] = ()
    busy: tuple[Interval, ...] = ()  # buffered blocking intervals of their appointments
    # More busy intervals, already as [start, end) whole minutes since the epoch: a caller
    # holding thousands of rows can skip building a datetime for each.
    busy_minutes: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class RoomDiary:
    key: str
    busy: tuple[Interval, ...] = ()
    busy_minutes: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class AvailabilityInput:
    rules: SlotRules
    practitioners: tuple[PractitionerDiary, ...]
    clinic_open: tuple[Interval, ...]
    now: datetime
    closures: frozenset[date] = frozenset()
    rooms: tuple[RoomDiary, ...] | None = None  # None: the type needs no room
    tz: ZoneInfo = field(default=LONDON)

    def diary(self, key: str) -> PractitionerDiary | None:
        return next((d for d in self.practitioners if d.key == key), None)


@dataclass(frozen=True, slots=True)
class Slot:
    start: datetime
    end: datetime
    practitioner: str


# --- the one computation ------------------------------------------------------------------
