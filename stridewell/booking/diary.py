"""Reads for the staff diary: whose diary a user may open, and what is in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import Q

from stridewell.accounts.models import PractitionerProfile
from stridewell.accounts.selectors import practitioner_list_active
from stridewell.booking.models import Appointment, Status
from stridewell.core.time import LONDON


def diary_visible_practitioners(user: Any) -> list[PractitionerProfile]:
    """Staff: every active practitioner. A physio: themselves. Anyone else: nobody."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_clinic_staff:
        return list(practitioner_list_active())
    if user.is_physio:
        return list(PractitionerProfile.objects.filter(user=user).select_related("user"))
    return []


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time()).replace(tzinfo=LONDON).astimezone(UTC)


def diary_appointments(
    *, practitioners: list[PractitionerProfile], first_day: date, last_day: date
) -> list[Appointment]:
    """Appointments (and live holds) starting on the London dates given, by start."""
    return list(
        Appointment.objects.filter(
            practitioner__in=practitioners,
            start__gte=_midnight(first_day),
            start__lt=_midnight(last_day + timedelta(days=1)),
        )
        .exclude(Q(status=Status.HELD) & Q(hold_expires_at__lte=datetime.now(tz=UTC)))
        .select_related("appointment_type", "practitioner", "room")
        .order_by("start", "practitioner__sort_order")
    )


@dataclass(frozen=True)
class DiaryDay:
    day: date
    appointments: list[Appointment]


def diary_days(
    *, appointments: list[Appointment], first_day: date, last_day: date
) -> list[DiaryDay]:
    by_day: dict[date, list[Appointment]] = {}
    for appointment in appointments:
        by_day.setdefault(appointment.start.astimezone(LONDON).date(), []).append(appointment)
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    return [DiaryDay(day=d, appointments=by_day.get(d, [])) for d in days]
