"""Putting an appointment (or a hold) into the diary without ever double-booking.

The order inside every write transaction:
1. delete expired holds that overlap the wanted time (the guard cannot know a hold expired);
2. load availability and check the start with the pure core (the same function that lists it);
3. insert (or update) the row; the database guard has the last word. On PostgreSQL a racing
   transaction waits for ours and then fails with an exclusion violation; we turn that into
   "try the next practitioner / room" or a 409.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q

from stridewell.accounts.models import PractitionerProfile
from stridewell.booking import availability as core
from stridewell.booking.db import is_deadlock, is_overlap_error
from stridewell.booking.errors import BookingError, SlotUnavailableError, problem_error
from stridewell.booking.models import Appointment, AppointmentType, Room, Status
from stridewell.booking.selectors import ANY, AvailabilityContext, availability_load

ROOM_GUARD = "booking_no_room_overlap"


@dataclasses.dataclass(frozen=True, slots=True)
class Times:
    start: datetime
    end: datetime
    blocked_start: datetime
    blocked_end: datetime


def start_check(start: datetime) -> None:
    """Refuse a start without a UTC offset: "10:00" alone is ambiguous twice a year."""
    if start.tzinfo is None or start.utcoffset() is None:
        raise BookingError.field(
            "start",
            "naive_start",
            "Give the start with its UTC offset, e.g. 2026-03-02T09:00:00Z.",
        )


def times_for(appointment_type: AppointmentType, start: datetime) -> Times:
    start_check(start)
    # Aware datetimes in UTC: adding minutes is real time, even across a DST change.
    end = start + timedelta(minutes=appointment_type.duration_minutes)
    return Times(
        start=start,
        end=end,
        blocked_start=start - timedelta(minutes=appointment_type.buffer_before_minutes),
        blocked_end=end + timedelta(minutes=appointment_type.buffer_after_minutes),
    )


def holds_release_expired(*, times: Times, now: datetime) -> int:
    """Delete expired holds overlapping `times` (any practitioner or room): they must not block."""
    deleted, _ = Appointment.objects.filter(
        status=Status.HELD,
        hold_expires_at__lte=now,
        blocked_start__lt=times.blocked_end,
        blocked_end__gt=times.blocked_start,
    ).delete()
    return deleted


def context_for(
    *,
    appointment_type: AppointmentType,
    start: datetime,
    now: datetime,
    exclude_appointment_id: int | None = None,
    ignore_notice: bool = False,
) -> AvailabilityContext:
    """Availability around `start` (its London day), for checking one start."""
    day = start.astimezone(core.LONDON).date()
    context = availability_load(
        appointment_type=appointment_type,
        first_day=day,
        last_day=day,
        now=now,
        exclude_appointment_id=exclude_appointment_id,
    )
    if ignore_notice:
        # Staff booking a caller on the phone may fill a gap at short notice; every other rule
        # (hours, closures, on-call, collisions) still applies.
        rules = dataclasses.replace(context.data.rules, min_notice_minutes=0)
        context = dataclasses.replace(context, data=dataclasses.replace(context.data, rules=rules))
    return context


def refusal(context: AvailabilityContext, *, start: datetime, practitioner: str) -> BookingError:
    """The error to show when nobody (or not the chosen practitioner) is free at `start`."""
    data = context.data
    keys = [d.key for d in data.practitioners] if practitioner == ANY else [practitioner]
    problems = [
        core.slot_problem(data, start=start, practitioner=k) or core.Problem.UNAVAILABLE
        for k in keys
    ]
    if not problems:
        return problem_error(core.Problem.UNKNOWN_PRACTITIONER)
    if any(p in core.TAKEN_PROBLEMS for p in problems):
        return SlotUnavailableError()
    order = list(core.Problem)
    return problem_error(min(problems, key=order.index))


def candidates(
    context: AvailabilityContext,
    *,
    start: datetime,
    practitioner: str,
    preferred: str | None = None,
) -> list[str]:
    """Practitioners free at `start`, best first; raises the right refusal when there are none."""
    data = context.data
    if practitioner == ANY:
        free = [
            d.key
            for d in data.practitioners
            if core.slot_is_available(data, start=start, practitioner=d.key)
        ]
        if free:
            return context.rank(candidates=free, start=start, preferred=preferred)
    elif core.slot_is_available(data, start=start, practitioner=practitioner):
        return [practitioner]
    raise refusal(context, start=start, practitioner=practitioner)


class Clash(StrEnum):
    NONE = "none"
    PRACTITIONER = "practitioner"
    ROOM = "room"


def guarded_write(write: Callable[[], object]) -> Clash:
    """Run one write in a savepoint; say which guard refused it, if one did.

    A deadlock between two racing inserts is retried once: by then the other transaction has
    committed or rolled back, and the guard gives a plain answer.
    """
    for attempt in range(3):
        try:
            with transaction.atomic():
                write()
        except (IntegrityError, OperationalError) as exc:
            if is_deadlock(exc) and attempt < 2:
                continue
            if is_deadlock(exc):
                return Clash.PRACTITIONER
            if not isinstance(exc, IntegrityError) or not is_overlap_error(exc):
                raise
            return Clash.ROOM if ROOM_GUARD in str(exc) else Clash.PRACTITIONER
        return Clash.NONE
    return Clash.PRACTITIONER  # pragma: no cover - the loop always returns


def room_options(context: AvailabilityContext, *, start: datetime) -> list[Room | None]:
    """Rooms free at `start` in the clinic's order; [None] when the type needs no room."""
    if context.rooms is None:
        return [None]
    rooms = [context.room(key) for key in core.rooms_free(context.data, start=start)]
    return [room for room in rooms if room is not None]


def place(
    context: AvailabilityContext,
    *,
    start: datetime,
    ranked: list[str],
    build: Callable[[PractitionerProfile, Room | None], Appointment],
) -> Appointment:
    """Insert the row for the first practitioner (and room) the database accepts.

    Each attempt runs in a savepoint, so a refused insert leaves the transaction usable.
    """
    rooms = room_options(context, start=start)
    for key in ranked:
        practitioner = context.practitioner(key)
        if practitioner is None:
            continue
        for room in rooms:
            appointment = build(practitioner, room)
            clash = guarded_write(functools.partial(appointment.save, force_insert=True))
            if clash == Clash.NONE:
                return appointment
            if clash == Clash.PRACTITIONER:
                break  # someone took this practitioner: try the next one
            # Clash.ROOM: someone took this room: try the next one
    raise SlotUnavailableError()


def practitioner_switch(appointment: Appointment, *, to: PractitionerProfile) -> bool:
    """Move a row to another practitioner at the same time, if the database allows it."""
    clash = guarded_write(
        lambda: Appointment.objects.filter(pk=appointment.pk).update(practitioner=to)
    )
    if clash == Clash.NONE:
        appointment.practitioner = to
    return clash == Clash.NONE


def last_seen_practitioner(*, email: str, user_id: int | None, before: datetime) -> str | None:
    """The practitioner a returning patient saw (or is booked with) most recently."""
    who = Q(patient_email__iexact=email) if email else Q(pk__in=[])
    if user_id is not None:
        who |= Q(patient_id=user_id)
    return (
        Appointment.objects.filter(
            who, status__in=(Status.ARRIVED, Status.CONFIRMED), start__lt=before
        )
        .order_by("-start")
        .values_list("practitioner__slug", flat=True)
        .first()
    )
