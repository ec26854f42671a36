"""Practitioners' working hours as real instants. Pure Python, no Django.

A practitioner has a usual week (wall-clock ranges per weekday), date overrides (on that date
these ranges replace the usual ones; an override may also be "not working") and days off. Each
range is turned into UTC instants by the clinic engine (`clinic.hours.expand_range`), which is
what makes DST days right: a range 07:00-20:00 on the spring-forward Sunday is 13 real hours at
BST, and a night range crossing the change is as long as the clocks say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from stridewell.clinic.hours import LONDON, Interval, OnCallShift, expand_range, shift_intervals


@dataclass(frozen=True, slots=True)
class WeeklyRange:
    weekday: int  # 0 = Monday
    starts: time
    ends: time


@dataclass(frozen=True, slots=True)
class DateRange:
    """On `day`, work `starts`-`ends` instead of the usual week. No times: not working."""

    day: date
    starts: time | None = None
    ends: time | None = None


@dataclass(frozen=True, slots=True)
class DaysOff:
    first: date
    last: date  # inclusive

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True, slots=True)
class Rota:
    weekly: tuple[WeeklyRange, ...] = ()
    overrides: tuple[DateRange, ...] = ()
    days_off: tuple[DaysOff, ...] = ()


def ranges_on(day: date, rota: Rota) -> list[tuple[time, time]]:
    """The wall-clock ranges worked on `day` (sorted), after overrides and days off."""
    if any(off.covers(day) for off in rota.days_off):
        return []
    overrides = [o for o in rota.overrides if o.day == day]
    if overrides:
        return sorted((o.starts, o.ends) for o in overrides if o.starts and o.ends)
    return sorted((r.starts, r.ends) for r in rota.weekly if r.weekday == day.weekday())


def working_intervals(
    rota: Rota, *, first_day: date, last_day: date, tz: ZoneInfo = LONDON
) -> tuple[Interval, ...]:
    """Real instants worked on the local dates [first_day, last_day]."""
    pieces: list[Interval] = []
    day = first_day
    while day <= last_day:
        for starts, ends in ranges_on(day, rota):
            pieces.extend(expand_range(day, starts, ends, tz))
        day += timedelta(days=1)
    return tuple(sorted(pieces, key=lambda iv: iv.start))


def on_call_intervals(shifts: Iterable[OnCallShift], tz: ZoneInfo = LONDON) -> tuple[Interval, ...]:
    """Real instants covered by on-call shifts (a shift may run past midnight)."""
    return tuple(
        sorted((iv for s in shifts for iv in shift_intervals(s, tz)), key=lambda i: i.start)
    )


def range_errors(starts: time | None, ends: time | None) -> list[str]:
    if starts is None and ends is None:
        return []
    if starts is None or ends is None:
        return ["Give both a start and an end time, or neither for a day off."]
    if ends <= starts:
        return ["The end time must be after the start time."]
    return []
