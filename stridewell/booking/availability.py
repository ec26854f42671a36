"""Which appointment starts are free: one pure function for listing and for validating.

No Django here. The caller passes real instants (aware datetimes, normally UTC) already expanded
from London wall-clock rules by the clinic engine: each practitioner's working hours and on-call
shifts, the clinic's opening hours, the busy (buffered) intervals of existing appointments per
practitioner and per room, and "now".

A start minute `s` is bookable for a practitioner exactly when

* it lies on the grid, counted in London wall-clock minutes from local midnight (so a 15-minute
  grid gives 09:00, 09:15... on every day, DST days included: the missing spring hour has no
  wall-clock readings, the repeated autumn hour has two passes, each a distinct instant);
* it is at least `min_notice` after now and its London date is within the horizon;
* the appointment [s, s + duration) lies inside the practitioner's window: for routine types
  their working hours *and* the clinic's opening hours, never touching a Sunday or a closure;
  for emergency types their on-call shifts *outside* opening hours (Sundays included);
* the buffered interval [s - before, s + duration + after) overlaps none of the practitioner's
  busy intervals (which are themselves buffered, like the database constraint compares them);
* when the type needs a room, at least one of its rooms is free for the buffered interval.

All of that is computed as sets of whole minutes (`spans`). `slot_list` enumerates the grid
points of the set; `slot_is_available` asks whether one point belongs to the same set, built by
the same `_bookable_starts`. So a listed slot is always bookable and a bookable start is always
listed; the property tests check both against a brute-force oracle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stridewell.booking import spans as sp
from stridewell.booking.clock import LocalClock, local_today
from stridewell.booking.slot_inputs import (
    GRID_MINUTES_CHOICES,
    MAX_BUFFER_MINUTES,
    MAX_DURATION_MINUTES,
    ROUTINE_CLOSED_WEEKDAYS,
    TAKEN_PROBLEMS,
    AvailabilityInput,
    PractitionerDiary,
    Problem,
    RoomDiary,
    Slot,
    SlotRules,
    rules_problems,
)
from stridewell.clinic.hours import LONDON, Interval

__all__ = [
    "GRID_MINUTES_CHOICES",
    "LONDON",
    "MAX_BUFFER_MINUTES",
    "MAX_DURATION_MINUTES",
    "ROUTINE_CLOSED_WEEKDAYS",
    "TAKEN_PROBLEMS",
    "AvailabilityInput",
    "PractitionerDiary",
    "Problem",
    "RoomDiary",
    "Slot",
    "SlotRules",
    "room_pick",
    "rooms_free",
    "rules_problems",
    "slot_is_available",
    "slot_list",
    "slot_minutes",
    "slot_problem",
]

_FAR = 10**9  # minutes; beyond any real date, used for "everything"


def _busy(diary: PractitionerDiary | RoomDiary) -> list[sp.Span]:
    converted = [(sp.to_minute(iv.start), sp.to_minute_ceil(iv.end)) for iv in diary.busy]
    return [*converted, *diary.busy_minutes]


def _spans(intervals: Iterable[Interval]) -> list[sp.Span]:
    return sp.union((sp.to_minute(iv.start), sp.to_minute_ceil(iv.end)) for iv in intervals)


def _forbidden_starts(busy: list[sp.Span], rules: SlotRules) -> list[sp.Span]:
    """Starts whose buffered interval would overlap one of `busy` (half-open overlap)."""
    before, after = rules.buffer_before_minutes, rules.buffer_after_minutes
    length = rules.duration_minutes + after
    # [s - before, s + length) overlaps [c, d)  <=>  c - length < s < d + before
    return sp.union((start - length + 1, end + before) for start, end in busy)


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _windows(
    data: AvailabilityInput,
    diary: PractitionerDiary,
    clock: LocalClock,
    days: tuple[date, date],
    opening: list[sp.Span],
) -> list[sp.Span]:
    first_day, last_day = days
    if data.rules.is_emergency:
        return sp.subtract(_spans(diary.on_call), opening)
    windows = sp.intersect(_spans(diary.working), opening)
    # An appointment starting in range can reach into the next day (durations < 24 h).
    closed = sp.union(
        clock.day_span(day)
        for day in _days(first_day - timedelta(days=1), last_day + timedelta(days=1))
        if day.weekday() in ROUTINE_CLOSED_WEEKDAYS or day in data.closures
    )
    return sp.subtract(windows, closed)


def _earliest_start(data: AvailabilityInput) -> int:
    return sp.to_minute_ceil(data.now) + data.rules.min_notice_minutes


def _horizon_end(data: AvailabilityInput, clock: LocalClock) -> int:
    last_day = local_today(data.now, data.tz) + timedelta(days=data.rules.horizon_days)
    return clock.day_span(last_day)[1]


@dataclass(frozen=True, slots=True)
class _Shared:
    """What every practitioner's computation in one call has in common, worked out once."""

    opening: list[sp.Span]
    bounds: list[sp.Span]  # the query days, no earlier than the notice, within the horizon
    rooms_taken: list[sp.Span] | None  # starts at which every suitable room is taken


def _shared(data: AvailabilityInput, clock: LocalClock, first_day: date, last_day: date) -> _Shared:
    query_start, query_end = clock.day_span(first_day)[0], clock.day_span(last_day)[1]
    bounds = (max(query_start, _earliest_start(data)), min(query_end, _horizon_end(data, clock)))
    rooms_taken = None
    if data.rooms is not None:
        # A start is lost only when every suitable room is taken.
        rooms_taken = [(-_FAR, _FAR)]
        for room in data.rooms:
            rooms_taken = sp.intersect(rooms_taken, _forbidden_starts(_busy(room), data.rules))
    return _Shared(
        opening=_spans(data.clinic_open),
        bounds=[bounds] if bounds[0] < bounds[1] else [],
        rooms_taken=rooms_taken,
    )


def _bookable_starts(
    data: AvailabilityInput,
    diary: PractitionerDiary,
    clock: LocalClock,
    days: tuple[date, date],
    shared: _Shared,
) -> list[sp.Span]:
    """Every start minute (on the grid or not) that satisfies all rules but the grid."""
    duration = data.rules.duration_minutes
    starts = [
        (lo, hi - duration + 1)
        for lo, hi in _windows(data, diary, clock, days, shared.opening)
        if hi - duration >= lo
    ]
    starts = sp.intersect(starts, shared.bounds)
    starts = sp.subtract(starts, _forbidden_starts(_busy(diary), data.rules))
    if shared.rooms_taken is not None:
        starts = sp.subtract(starts, shared.rooms_taken)
    return starts


def _on_grid(minute: int, clock: LocalClock, grid: int) -> bool:
    return clock.local_minute(minute) % grid == 0


def _grid_points(starts: list[sp.Span], clock: LocalClock, grid: int) -> Iterator[int]:
    """The minutes in `starts` that read as a multiple of `grid` on the local clock."""
    for lo, hi in starts:
        cursor = lo
        while cursor < hi:
            # Within one offset segment the grid points are evenly spaced; a DST change can
            # shift them (for grids that do not divide the change), so restart at each change.
            change = clock.segment_end(cursor)
            stop = hi if change is None else min(hi, change)
            first = cursor + (-clock.local_minute(cursor)) % grid
            yield from range(first, stop, grid)
            cursor = stop


def _clock(data: AvailabilityInput, first_day: date, last_day: date) -> LocalClock:
    first = sp.to_minute(datetime(first_day.year, first_day.month, first_day.day, tzinfo=data.tz))
    last = sp.to_minute(datetime(last_day.year, last_day.month, last_day.day, tzinfo=data.tz))
    return LocalClock(data.tz, first, last + 2 * 24 * 60)


def slot_minutes(
    data: AvailabilityInput,
    *,
    first_day: date,
    last_day: date,
    practitioners: Iterable[str] | None = None,
) -> dict[str, list[int]]:
    """Free start minutes (since the epoch, UTC) per practitioner, for London dates
    [first_day, last_day]. The fast form of `slot_list`, for callers handling many slots."""
    if last_day < first_day:
        return {}
    wanted = None if practitioners is None else set(practitioners)
    clock = _clock(data, first_day, last_day)
    shared = _shared(data, clock, first_day, last_day)
    grid = data.rules.grid_minutes
    return {
        diary.key: list(
            _grid_points(
                _bookable_starts(data, diary, clock, (first_day, last_day), shared), clock, grid
            )
        )
        for diary in data.practitioners
        if wanted is None or diary.key in wanted
    }


def slot_list(
    data: AvailabilityInput,
    *,
    first_day: date,
    last_day: date,
    practitioners: Iterable[str] | None = None,
) -> list[Slot]:
    """Free slots whose London start date lies in [first_day, last_day], by start time.

    At one start, practitioners come in the order they were given in `data`.
    """
    by_key = slot_minutes(data, first_day=first_day, last_day=last_day, practitioners=practitioners)
    order = {diary.key: n for n, diary in enumerate(data.practitioners)}
    found = sorted(
        (minute, order[key], key) for key, minutes in by_key.items() for minute in minutes
    )
    duration = timedelta(minutes=data.rules.duration_minutes)
    instants: dict[int, datetime] = {}
    slots = []
    for minute, _, key in found:
        start = instants.get(minute)
        if start is None:
            start = instants[minute] = sp.from_minute(minute)
        slots.append(Slot(start=start, end=start + duration, practitioner=key))
    return slots


def slot_is_available(data: AvailabilityInput, *, start: datetime, practitioner: str) -> bool:
    """Would `slot_list` list this start for this practitioner? (Same computation.)"""
    diary = data.diary(practitioner)
    if diary is None or not sp.is_whole_minute(start):
        return False
    minute = sp.to_minute(start)
    clock = LocalClock(data.tz, minute, minute)
    if not _on_grid(minute, clock, data.rules.grid_minutes):
        return False
    day = clock.local_date(minute)
    shared = _shared(data, clock, day, day)
    return sp.contains(_bookable_starts(data, diary, clock, (day, day), shared), minute)


def room_pick(data: AvailabilityInput, *, start: datetime) -> str | None:
    """The first suitable room free for a slot at `start` (None when no room is needed)."""
    if data.rooms is None:
        return None
    minute = sp.to_minute(start)
    for room in data.rooms:
        if not sp.contains(_forbidden_starts(_busy(room), data.rules), minute):
            return room.key
    return None


# --- explaining a refusal -------------------------------------------------------------------


def _covers(spans: list[sp.Span], start: int, end: int) -> bool:
    return any(lo <= start and end <= hi for lo, hi in spans)


def _overlaps(spans: list[sp.Span], start: int, end: int) -> bool:
    return any(lo < end and start < hi for lo, hi in spans)


def _timing_problems(
    data: AvailabilityInput, start: datetime, clock: LocalClock
) -> Iterator[Problem]:
    minute = sp.to_minute(start)
    if not sp.is_whole_minute(start) or not _on_grid(minute, clock, data.rules.grid_minutes):
        yield Problem.OFF_GRID
    if start < data.now:
        yield Problem.IN_PAST
    if minute < _earliest_start(data):
        yield Problem.TOO_SOON
    if minute >= _horizon_end(data, clock):
        yield Problem.BEYOND_HORIZON


def _window_problems(
    data: AvailabilityInput, diary: PractitionerDiary, minute: int, clock: LocalClock
) -> Iterator[Problem]:
    end = minute + data.rules.duration_minutes
    opening = _spans(data.clinic_open)
    if data.rules.is_emergency:
        if _overlaps(opening, minute, end):
            yield Problem.INSIDE_OPENING_HOURS
        if not _covers(_spans(diary.on_call), minute, end):
            yield Problem.NOT_ON_CALL
        return
    touched = set(_days(clock.local_date(minute), clock.local_date(end - 1)))
    if touched & data.closures:
        yield Problem.CLINIC_CLOSED
    if any(day.weekday() in ROUTINE_CLOSED_WEEKDAYS for day in touched):
        yield Problem.SUNDAY
    if not _covers(opening, minute, end):
        yield Problem.OUTSIDE_OPENING_HOURS
    if not _covers(_spans(diary.working), minute, end):
        yield Problem.PRACTITIONER_NOT_WORKING


def _clash_problems(
    data: AvailabilityInput, diary: PractitionerDiary, start: datetime
) -> Iterator[Problem]:
    if sp.contains(_forbidden_starts(_busy(diary), data.rules), sp.to_minute(start)):
        yield Problem.PRACTITIONER_BUSY
    if data.rooms is not None and room_pick(data, start=start) is None:
        yield Problem.NO_ROOM


def slot_problem(data: AvailabilityInput, *, start: datetime, practitioner: str) -> Problem | None:
    """None when the start is bookable; otherwise the most fundamental reason it is not."""
    if slot_is_available(data, start=start, practitioner=practitioner):
        return None
    diary = data.diary(practitioner)
    if diary is None:
        return Problem.UNKNOWN_PRACTITIONER
    minute = sp.to_minute(start)
    clock = LocalClock(data.tz, minute, minute)
    checks = (
        _timing_problems(data, start, clock),
        _window_problems(data, diary, minute, clock),
        _clash_problems(data, diary, start),
    )
    return next((problem for check in checks for problem in check), Problem.UNAVAILABLE)


def rooms_free(data: AvailabilityInput, *, start: datetime) -> list[str]:
    """Suitable rooms free for a slot at `start`, in the clinic's order."""
    minute = sp.to_minute(start)
    return [
        room.key
        for room in data.rooms or ()
        if not sp.contains(_forbidden_starts(_busy(room), data.rules), minute)
    ]
