"""Reads for booking: types, practitioners and free slots.

`availability_load` gathers everything the pure core needs in a fixed number of queries,
whatever the number of practitioners, days or appointments. The listing pages, the API and the
booking services (inside their transaction) all call it, then the same pure functions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import Exists, Func, IntegerField, OuterRef, Q, QuerySet
from django.utils import timezone

from stridewell.accounts.models import PractitionerProfile
from stridewell.accounts.selectors import practitioner_list_active
from stridewell.booking import availability as core
from stridewell.booking import rota
from stridewell.booking.fairness import practitioner_rank, week_start
from stridewell.booking.models import (
    BLOCKING_STATUSES,
    BOOKED_STATUSES,
    Appointment,
    AppointmentType,
    DateOverride,
    Room,
    Status,
    TimeOff,
    WorkingHours,
)
from stridewell.booking.spans import Span, from_minute, to_minute
from stridewell.clinic import hours
from stridewell.clinic.models import OnCallShift
from stridewell.clinic.selectors import clinic_schedule_get, clinic_tz

ANY = "any"
NEXT_SLOTS_DAYS = 14
NEXT_SLOTS_LIMIT = 5


def appointment_type_list_active() -> QuerySet[AppointmentType]:
    return AppointmentType.objects.filter(is_active=True).order_by("sort_order", "name")


def appointment_type_get(*, slug: str) -> AppointmentType | None:
    return appointment_type_list_active().filter(slug=slug).first()


def practitioners_for_type(*, appointment_type: AppointmentType) -> list[PractitionerProfile]:
    """Active practitioners offering the type, in the clinic's order. One query."""
    offered = AppointmentType.practitioners.through.objects.filter(
        appointmenttype_id=appointment_type.pk
    )
    mine = offered.filter(practitionerprofile_id=OuterRef("pk"))
    return list(practitioner_list_active().filter(Exists(mine) | ~Exists(offered)))


class _Weeks:
    """Which London week (its Monday) a UTC minute falls in, by binary search on Mondays."""

    def __init__(self, first_monday: date, last_monday: date, tz: hours.ZoneInfo) -> None:
        count = (last_monday - first_monday).days // 7 + 1
        self.mondays = [first_monday + timedelta(days=7 * n) for n in range(count)]
        self.starts = [to_minute(_utc_midnight(m, tz)) for m in self.mondays]

    def of(self, minute: int) -> date:
        return self.mondays[max(bisect_right(self.starts, minute) - 1, 0)]


@dataclass(frozen=True)
class AvailabilityContext:
    appointment_type: AppointmentType
    practitioners: list[PractitionerProfile]
    rooms: list[Room] | None
    data: core.AvailabilityInput
    # (practitioner slug, Monday of the London week) -> bookings that week
    weekly_load: Counter[tuple[str, date]]
    tz: hours.ZoneInfo
    weeks: _Weeks

    def practitioner(self, slug: str) -> PractitionerProfile | None:
        return next((p for p in self.practitioners if p.slug == slug), None)

    def room(self, slug: str | None) -> Room | None:
        return next((r for r in self.rooms or [] if r.slug == slug), None)

    def rank(
        self, *, candidates: list[str], start: datetime, preferred: str | None = None
    ) -> list[str]:
        week = week_start(start.astimezone(self.tz).date())
        return practitioner_rank(
            candidates=candidates,
            weekly_load={slug: self.weekly_load[(slug, week)] for slug in candidates},
            order={p.slug: index for index, p in enumerate(self.practitioners)},
            preferred=preferred,
        )


def _utc_midnight(day: date, tz: hours.ZoneInfo) -> datetime:
    return datetime.combine(day, time()).replace(tzinfo=tz).astimezone(UTC)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _rotas(ids: list[int], first: date, last: date) -> dict[int, rota.Rota]:
    weekly: dict[int, list[rota.WeeklyRange]] = {pk: [] for pk in ids}
    overrides: dict[int, list[rota.DateRange]] = {pk: [] for pk in ids}
    days_off: dict[int, list[rota.DaysOff]] = {pk: [] for pk in ids}
    for hours_row in WorkingHours.objects.filter(practitioner_id__in=ids):
        weekly[hours_row.practitioner_id].append(hours_row.to_engine())
    changed = DateOverride.objects.filter(practitioner_id__in=ids, date__range=(first, last))
    for override in changed:
        overrides[override.practitioner_id].append(override.to_engine())
    away = TimeOff.objects.filter(practitioner_id__in=ids, last_day__gte=first, first_day__lte=last)
    for leave in away:
        days_off[leave.practitioner_id].append(leave.to_engine())
    return {
        pk: rota.Rota(
            weekly=tuple(weekly[pk]), overrides=tuple(overrides[pk]), days_off=tuple(days_off[pk])
        )
        for pk in ids
    }


def _on_call(
    user_ids: dict[int, int], first: date, last: date
) -> dict[int, list[hours.OnCallShift]]:
    """On-call shifts per practitioner id (shifts from the day before can run past midnight)."""
    shifts: dict[int, list[hours.OnCallShift]] = {pk: [] for pk in user_ids.values()}
    rows = OnCallShift.objects.filter(
        physio_id__in=list(user_ids), date__gte=first - timedelta(days=1), date__lte=last
    ).values_list("physio_id", "date", "starts", "ends")
    for physio_id, day, starts, ends in rows:
        shifts[user_ids[physio_id]].append(hours.OnCallShift(day=day, starts=starts, ends=ends))
    return shifts


class EpochMinutes(Func):
    """Whole minutes since 1970 (UTC) of a datetime column, computed by the database.

    Thousands of busy rows are read for a listing; integers spare Django building (and the
    core converting) three datetimes per row.
    """

    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "(CAST(strftime('%%%%s', %(expressions)s) AS INTEGER) / 60)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "FLOOR(EXTRACT(EPOCH FROM %(expressions)s) / 60)::bigint"
        return self.as_sql(compiler, connection, template=template, **extra)


def _blocking(
    practitioners: list[PractitionerProfile],
    rooms: list[Room],
    *,
    weeks: _Weeks,
    now: datetime,
    exclude_appointment_id: int | None,
) -> tuple[dict[int, list[Span]], dict[int, list[Span]], Counter[tuple[str, date]]]:
    """Busy minute spans per practitioner and per room, and bookings per practitioner-week.

    Expired holds are left out: they no longer block (the next write deletes them).
    """
    span = (from_minute(weeks.starts[0]), from_minute(weeks.starts[-1]) + timedelta(days=7))
    rows = Appointment.objects.filter(
        status__in=BLOCKING_STATUSES, blocked_end__gt=span[0], blocked_start__lt=span[1]
    ).exclude(Q(status=Status.HELD) & Q(hold_expires_at__lte=now))
    if exclude_appointment_id is not None:
        rows = rows.exclude(pk=exclude_appointment_id)
    values = rows.annotate(
        s=EpochMinutes("start"), bs=EpochMinutes("blocked_start"), be=EpochMinutes("blocked_end")
    ).values_list("practitioner_id", "room_id", "status", "s", "bs", "be")
    # Plain integers and strings come back: read them straight from the cursor, skipping
    # Django's per-value converters (thousands of rows on a busy diary).
    sql, params = values.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    busy: dict[int, list[Span]] = {p.pk: [] for p in practitioners}
    room_busy: dict[int, list[Span]] = {r.pk: [] for r in rooms}
    load: Counter[tuple[str, date]] = Counter()
    slugs = {p.pk: p.slug for p in practitioners}
    booked = set(BOOKED_STATUSES)
    # Both databases return the minutes as Python ints (SQLite: CAST AS INTEGER; PostgreSQL:
    # ::bigint).
    for practitioner_id, room_id, status, start, blocked_start, blocked_end in fetched:
        taken: Span = (blocked_start, blocked_end)
        if practitioner_id in busy:
            busy[practitioner_id].append(taken)
            if status in booked:
                load[(slugs[practitioner_id], weeks.of(start))] += 1
        if room_id in room_busy:
            room_busy[room_id].append(taken)
    return busy, room_busy, load


def availability_load(
    *,
    appointment_type: AppointmentType,
    first_day: date,
    last_day: date,
    now: datetime | None = None,
    exclude_appointment_id: int | None = None,
) -> AvailabilityContext:
    """Everything needed to list or check slots with London start dates in [first, last].

    Expired holds do not block. `exclude_appointment_id` leaves one appointment out, so it can
    be moved onto (part of) its own time. A constant number of queries: 9 for routine types,
    10 for emergency types.
    """
    now = now or timezone.now()
    tz = clinic_tz()
    practitioners = practitioners_for_type(appointment_type=appointment_type)
    all_rooms = list(appointment_type.rooms.all())
    rooms = [r for r in all_rooms if r.is_active] if all_rooms else None
    # Appointments can reach into the next day; weekly counts need whole London weeks.
    span_first, span_last = first_day - timedelta(days=1), last_day + timedelta(days=1)
    ids = [p.pk for p in practitioners]
    rotas = _rotas(ids, span_first, span_last)
    schedule = clinic_schedule_get(start=span_first, end=span_last)
    shifts = (
        _on_call({p.user_id: p.pk for p in practitioners}, span_first, span_last)
        if appointment_type.is_emergency
        else {}
    )
    weeks = _Weeks(week_start(span_first), week_start(span_last), tz)
    busy, room_busy, weekly_load = _blocking(
        practitioners,
        rooms or [],
        weeks=weeks,
        now=now,
        exclude_appointment_id=exclude_appointment_id,
    )
    days = _days(span_first, span_last)
    data = core.AvailabilityInput(
        rules=appointment_type.rules(),
        practitioners=tuple(
            core.PractitionerDiary(
                key=p.slug,
                working=rota.working_intervals(
                    rotas[p.pk], first_day=span_first, last_day=span_last, tz=tz
                ),
                on_call=rota.on_call_intervals(shifts.get(p.pk, ()), tz),
                busy_minutes=tuple(busy[p.pk]),
            )
            for p in practitioners
        ),
        clinic_open=tuple(iv for day in days for iv in hours.opening_intervals_on(day, schedule)),
        closures=frozenset(day for day in days if hours.closure_on(day, schedule) is not None),
        rooms=None
        if rooms is None
        else tuple(core.RoomDiary(key=r.slug, busy_minutes=tuple(room_busy[r.pk])) for r in rooms),
        now=now,
        tz=tz,
    )
    return AvailabilityContext(
        appointment_type=appointment_type,
        practitioners=practitioners,
        rooms=rooms,
        data=data,
        weekly_load=weekly_load,
        tz=tz,
        weeks=weeks,
    )


def slots_for(
    context: AvailabilityContext, *, practitioner: str, first_day: date, last_day: date
) -> list[core.Slot]:
    """Free slots; for "any", one per start with the practitioner fairness would pick."""
    if practitioner != ANY:
        return core.slot_list(
            context.data, first_day=first_day, last_day=last_day, practitioners=[practitioner]
        )
    by_key = {
        key: set(minutes)
        for key, minutes in core.slot_minutes(
            context.data, first_day=first_day, last_day=last_day
        ).items()
    }
    everyone = [p.slug for p in context.practitioners]
    duration = timedelta(minutes=context.appointment_type.duration_minutes)
    week_starts = context.weeks.starts
    order: list[str] = []
    next_week = -1  # the minute at which the current week ends (-1: none yet)
    slots = []
    for minute in sorted(set().union(*by_key.values())):
        # Fairness depends only on the week, so everyone is ranked once per week; the first
        # in that order who is free at this minute gets the slot.
        if minute >= next_week:
            index = max(bisect_right(week_starts, minute) - 1, 0)
            next_week = week_starts[index + 1] if index + 1 < len(week_starts) else 2**62
            order = context.rank(candidates=everyone, start=from_minute(minute))
        for key in order:
            if minute in by_key[key]:
                break
        start = from_minute(minute)
        slots.append(core.Slot(start=start, end=start + duration, practitioner=key))
    return slots


def slot_list_available(
    *,
    appointment_type: AppointmentType,
    practitioner: str,
    first_day: date,
    last_day: date,
    now: datetime | None = None,
) -> list[core.Slot]:
    """Free slots with London start dates in [first_day, last_day] (inclusive)."""
    context = availability_load(
        appointment_type=appointment_type, first_day=first_day, last_day=last_day, now=now
    )
    return slots_for(context, practitioner=practitioner, first_day=first_day, last_day=last_day)


def slot_next_free(
    *,
    appointment_type: AppointmentType,
    practitioner: str,
    after: datetime,
    now: datetime | None = None,
    limit: int = NEXT_SLOTS_LIMIT,
) -> list[core.Slot]:
    """The first free slots starting after `after` (within two weeks), to offer instead.

    Looks at the next three days first: that is where the answer usually is, and a 409 should
    stay cheap when many clients are refused at once.
    """
    tz = clinic_tz()
    first_day = max(after, now or timezone.now()).astimezone(tz).date()
    found: list[core.Slot] = []
    for days in (2, NEXT_SLOTS_DAYS):
        slots = slot_list_available(
            appointment_type=appointment_type,
            practitioner=practitioner,
            first_day=first_day,
            last_day=first_day + timedelta(days=days),
            now=now,
        )
        found = [s for s in slots if s.start > after][:limit]
        if len(found) == limit:
            break
    return found


def appointment_list_for_user(*, user: Any) -> QuerySet[Appointment]:
    """A patient's own appointments (booked while logged in), for their calendar feed.

    Held slots are someone choosing details, not an appointment, so they are left out;
    cancelled ones stay so that calendar apps remove the event they already show.
    """
    return (
        Appointment.objects.filter(patient=user)
        .exclude(status=Status.HELD)
        .select_related("appointment_type")
        .order_by("start")
    )
