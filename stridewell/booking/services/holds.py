"""Holding a slot for five minutes while the patient types their details."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from stridewell.booking.db import retry_deadlocks
from stridewell.booking.errors import BookingError
from stridewell.booking.models import Appointment, Source, Status
from stridewell.booking.selectors import ANY, appointment_type_get
from stridewell.booking.services import placing

HOLD_MINUTES = 5


def hold_release(*, hold_id: uuid.UUID | str | None) -> bool:
    """Give a held slot back (e.g. the patient chose another time). Harmless if already gone."""
    if not hold_id:
        return False
    deleted, _ = Appointment.objects.filter(public_id=hold_id, status=Status.HELD).delete()
    return bool(deleted)


@retry_deadlocks
@transaction.atomic
def hold_create(
    *,
    type_slug: str,
    practitioner: str,
    start: datetime,
    source: str = Source.WEB,
    replaces: uuid.UUID | str | None = None,
    now: datetime | None = None,
) -> Appointment:
    """Hold a slot exclusively for five minutes while the patient types their details.

    `replaces` is the caller's previous hold, released first: one hold per patient at a time.
    Raises BookingError (422) for a start that breaks a rule, SlotUnavailableError (409) when
    it is taken. The hold is an appointment row in status "held", so the database guard keeps
    holds and bookings apart; an expired hold is deleted by the next write that needs its time.
    """
    now = now or timezone.now()
    appointment_type = appointment_type_get(slug=type_slug)
    if appointment_type is None:
        raise BookingError.field("type", "unknown_type", "We do not offer that appointment type.")
    hold_release(hold_id=replaces)
    times = placing.times_for(appointment_type, start)
    placing.holds_release_expired(times=times, now=now)
    context = placing.context_for(appointment_type=appointment_type, start=start, now=now)
    ranked = placing.candidates(context, start=start, practitioner=practitioner)

    def build(practitioner_row: Any, room: Any) -> Appointment:
        return Appointment(
            appointment_type=appointment_type,
            practitioner=practitioner_row,
            room=room,
            status=Status.HELD,
            hold_expires_at=now + timedelta(minutes=HOLD_MINUTES),
            chose_any_practitioner=practitioner == ANY,
            source=source,
            created_at=now,
            **asdict(times),
        )

    return placing.place(context, start=start, ranked=ranked, build=build)
