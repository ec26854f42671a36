"""Local wall-clock readings of UTC minutes, precomputed per stretch of time. Pure Python.

Asking zoneinfo for every candidate minute is correct but slow; a zone only changes its offset
a couple of times a year, so we find those changes once (probe, then bisect to the minute) and
answer "what does the clinic clock read at minute m" with integer arithmetic.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from stridewell.booking.spans import Span, from_minute, to_minute
from stridewell.clinic.hours import wall_span_to_utc

MINUTES_PER_DAY = 24 * 60
_PROBE_STEP = 6 * 60  # no zone changes its offset twice within six hours
_MARGIN = 3 * MINUTES_PER_DAY
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _offset_of(minute: int, tz: ZoneInfo) -> int:
    offset = from_minute(minute).astimezone(tz).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


class LocalClock:
    """UTC offsets of `tz` between two instants (with a margin), as sorted segments."""

    def __init__(self, tz: ZoneInfo, first: int, last: int) -> None:
        self.tz = tz
        lo, hi = first - _MARGIN, last + _MARGIN
        self._starts = [lo]
        self._offsets = [_offset_of(lo, tz)]
        probe = lo
        while probe < hi:
            step = min(probe + _PROBE_STEP, hi)
            if _offset_of(step, tz) != self._offsets[-1]:
                change = self._first_minute_with_new_offset(probe, step)
                self._starts.append(change)
                self._offsets.append(_offset_of(change, tz))
            probe = step
        self._lo, self._hi = lo, hi

    def _first_minute_with_new_offset(self, lo: int, hi: int) -> int:
        before = _offset_of(lo, self.tz)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if _offset_of(mid, self.tz) == before:
                lo = mid
            else:
                hi = mid
        return hi

    def offset(self, minute: int) -> int:
        if not self._lo <= minute < self._hi:
            return _offset_of(minute, self.tz)
        return self._offsets[bisect_right(self._starts, minute) - 1]

    def segment_end(self, minute: int) -> int | None:
        """The next minute at which the offset changes, if within the precomputed stretch."""
        index = bisect_right(self._starts, minute)
        return self._starts[index] if index < len(self._starts) else None

    def local_minute(self, minute: int) -> int:
        """Minutes since the epoch as read on the local wall clock."""
        return minute + self.offset(minute)

    def local_date(self, minute: int) -> date:
        return date.fromordinal(_EPOCH_ORDINAL + self.local_minute(minute) // MINUTES_PER_DAY)

    def day_span(self, day: date) -> Span:
        """The real minutes whose local date is `day` (23, 24 or 25 hours long)."""
        midnight = datetime.combine(day, time())
        pieces = wall_span_to_utc(midnight, midnight + timedelta(days=1), self.tz)
        return to_minute(pieces[0].start), to_minute(pieces[-1].end)


def local_today(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()
