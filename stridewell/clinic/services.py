"""Writes for closures and the on-call rota. The admin, the demo and the command all call these."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction

from stridewell.accounts.models import User
from stridewell.clinic import hours
from stridewell.clinic.models import ClinicProfile, Closure, ClosureSource, OnCallShift
from stridewell.clinic.selectors import clinic_tz


def _lock_rota() -> None:
    """Serialise rota writes so two overlapping shifts cannot both pass the overlap check.

    On PostgreSQL this row lock on the (single) profile acts as a mutex; SQLite already allows
    only one writer at a time.
    """
    list(ClinicProfile.objects.select_for_update().values_list("pk", flat=True))


def oncall_shift_conflicts(*, shift: OnCallShift) -> list[str]:
    """Messages naming each existing shift that shares time with `shift` (one line: one person)."""
    if shift.date is None or shift.starts is None or shift.ends is None:
        return []
    tz = clinic_tz()
    candidate = hours.OnCallShift(day=shift.date, starts=shift.starts, ends=shift.ends)
    # Shifts last at most 24 hours, so only the neighbouring days can collide.
    nearby = (
        OnCallShift.objects.filter(
            date__gte=shift.date - timedelta(days=1), date__lte=shift.date + timedelta(days=1)
        )
        .exclude(pk=shift.pk)
        .select_related("physio")
    )
    messages = []
    for other in nearby:
        if hours.shifts_overlap(candidate, other.to_engine(), tz):
            who = other.physio.get_full_name() or other.physio.email
            messages.append(
                f"Overlaps {who}'s on-call shift on {other.date:%a %d %b %Y} "
                f"{hours.span_text(other.starts, other.ends)}."
            )
    return messages


@transaction.atomic
def oncall_shift_save(*, shift: OnCallShift) -> OnCallShift:
    """Validate fields, the physio's role and overlaps with any other shift, then save.

    Raises ValidationError and writes nothing when a rule is broken.
    """
    _lock_rota()
    shift.full_clean()
    conflicts = oncall_shift_conflicts(shift=shift)
    if conflicts:
        raise ValidationError(conflicts)
    shift.save()
    return shift


def oncall_shift_create(
    *,
    physio: User,
    date: date,
    starts: time,
    ends: time,
    phone: str = "",
    note: str = "",
) -> OnCallShift:
    shift = OnCallShift(physio=physio, date=date, starts=starts, ends=ends, phone=phone, note=note)
    return oncall_shift_save(shift=shift)


@transaction.atomic
def closure_save(*, closure: Closure) -> Closure:
    """Validate (last day not before first; one bank holiday per date) and save."""
    closure.full_clean()
    closure.save()
    return closure


def closure_create(
    *, start_date: date, end_date: date, reason: str = "", source: str = ClosureSource.MANUAL
) -> Closure:
    return closure_save(
        closure=Closure(start_date=start_date, end_date=end_date, reason=reason, source=source)
    )


@transaction.atomic
def bank_holidays_import(*, years: Iterable[int]) -> list[Closure]:
    """Add England & Wales bank holidays as one-day closures; returns only the new ones.

    Idempotent: a date already imported is left alone (the partial unique constraint on
    start_date for bank holidays backs this up if two imports race).
    """
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=sorted(set(years)))
    added: list[Closure] = []
    for day, name in sorted(calendar.items()):
        closure, created = Closure.objects.get_or_create(
            start_date=day,
            source=ClosureSource.BANK_HOLIDAY,
            defaults={"end_date": day, "reason": name},
        )
        if created:
            added.append(closure)
    return added
