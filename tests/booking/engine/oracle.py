"""A deliberately naive, independent statement of when a start is bookable.

It walks every real minute and reads the London wall clock with zoneinfo, with none of the
engine's span arithmetic, offset tables or grid stepping. The property tests compare the engine
with it.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from stridewell.booking.availability import AvailabilityInput, PractitionerDiary

MINUTE = timedelta(minutes=1)


def _merged(intervals):
    merged = []
    for iv in sorted(intervals, key=lambda i: i.start):
        if merged and iv.start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], iv.end))
        else:
            merged.append((iv.start, iv.end))
    return merged


def _inside(intervals, start, end):
    return any(lo <= start and end <= hi for lo, hi in _merged(intervals))


def _overlaps(intervals, start, end):
    return any(iv.start < end and start < iv.end for iv in intervals)


def bookable(data: AvailabilityInput, diary: PractitionerDiary, start: datetime) -> bool:  # noqa: PLR0911
    rules, tz = data.rules, data.tz
    local = start.astimezone(tz)
    if (local.hour * 60 + local.minute) % rules.grid_minutes or local.second:
        return False
    end = start + timedelta(minutes=rules.duration_minutes)
    if start - data.now < timedelta(minutes=rules.min_notice_minutes):
        return False
    today = data.now.astimezone(tz).date()
    if local.date() > today + timedelta(days=rules.horizon_days):
        return False
    if rules.is_emergency:
        if not _inside(diary.on_call, start, end) or _overlaps(data.clinic_open, start, end):
            return False
    else:
        for day in {local.date(), (end - MINUTE).astimezone(tz).date()}:
            if day.weekday() == 6 or day in data.closures:
                return False
        if not _inside(data.clinic_open, start, end) or not _inside(diary.working, start, end):
            return False
    blocked_start = start - timedelta(minutes=rules.buffer_before_minutes)
    blocked_end = end + timedelta(minutes=rules.buffer_after_minutes)
    if _overlaps(diary.busy, blocked_start, blocked_end):
        return False
    if data.rooms is not None:
        return any(not _overlaps(room.busy, blocked_start, blocked_end) for room in data.rooms)
    return True


def local_midnight(day, tz) -> datetime:
    return datetime.combine(day, time()).replace(tzinfo=tz).astimezone(UTC)


def all_bookable(data: AvailabilityInput, first_day, last_day) -> list[tuple[datetime, str]]:
    """Every (start, practitioner) pair, minute by minute, in the London dates given."""
    found = []
    instant = local_midnight(first_day, data.tz)
    stop = local_midnight(last_day + timedelta(days=1), data.tz)
    while instant < stop:
        found.extend((instant, d.key) for d in data.practitioners if bookable(data, d, instant))
        instant += MINUTE
    return found
