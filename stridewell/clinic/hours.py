"""Opening hours, closures and the on-call rota as pure Python (no Django).

Rules are wall-clock times in the clinic's zone; answers are real instants. A wall-clock range
on a date means "every instant whose local reading on that date lies in [opens, closes)". That
one definition settles the DST days without special cases:

* spring forward (01:00 -> 02:00): a range 00:30-03:00 lasts 1.5 real hours, and an opening
  time inside the missing hour (01:30) means "as soon as the clocks jump";
* fall back (02:00 -> 01:00): a range 01:00-02:00 covers both passes through that hour.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_ABBR = tuple(name[:3] for name in DAY_NAMES)
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SEARCH_DAYS = 60
DASH = "\u2013"  # the en dash between two times, as in 07:00\u201320:00
# The UTC window probed around a wall-clock span; wider than any real DST shift.
_PROBE_MARGIN = timedelta(hours=3)
_SAMPLE_STEP = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class OpeningRange:
    weekday: int  # 0 = Monday .. 6 = Sunday
    opens: time
    closes: time


@dataclass(frozen=True, slots=True)
class Closure:
    start: date
    end: date  # inclusive
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class OnCallShift:
    day: date
    starts: time
    ends: time  # ends <= starts: the shift runs past midnight into the next day
    physio: str = ""
    phone: str = ""
    note: str = ""

    def wall_span(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self.day, self.starts)
        end_day = self.day if self.ends > self.starts else self.day + timedelta(days=1)
        return start, datetime.combine(end_day, self.ends)


@dataclass(frozen=True, slots=True)
class Schedule:
    ranges: tuple[OpeningRange, ...] = ()
    closures: tuple[Closure, ...] = ()
    shifts: tuple[OnCallShift, ...] = ()
    tz: ZoneInfo = field(default=LONDON)


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open span of real time [start, end) with aware UTC ends."""

    start: datetime
    end: datetime

    def __contains__(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class ClinicStatus:
    at: datetime
    is_open: bool
    # Instants are aware UTC datetimes: arithmetic on them is real time. (On a datetime in the
    # clinic zone Python adds wall-clock time, which goes wrong across a DST change.)
    closes_at: datetime | None  # set only while open
    next_opens_at: datetime | None  # the next closed -> open moment
    is_emergency_cover: bool  # closed, and someone is on call
    on_call: OnCallShift | None
    on_call_until: datetime | None
    closure: Closure | None  # a closure covering today's local date
    label: str


# --- wall clock -> real instants ----------------------------------------------------------


def _offset(instant: datetime, tz: ZoneInfo) -> timedelta:
    offset = instant.astimezone(tz).utcoffset()
    assert offset is not None
    return offset


def _transition(lo: datetime, hi: datetime, tz: ZoneInfo) -> datetime:
    """The first whole second in (lo, hi] that has hi's offset (lo and hi differ)."""
    before = _offset(lo, tz)
    while hi - lo > timedelta(seconds=1):
        mid = lo + timedelta(seconds=int((hi - lo).total_seconds()) // 2)
        if _offset(mid, tz) == before:
            lo = mid
        else:
            hi = mid
    return hi


@lru_cache(maxsize=4096)
def wall_span_to_utc(start: datetime, end: datetime, tz: ZoneInfo) -> tuple[Interval, ...]:
    """Real intervals whose local wall-clock reading lies in [start, end) (naive datetimes).

    Usually one interval; two when a fall-back hour splits a short span in the repeated hour.
    """
    if end <= start:
        return ()
    lo = start.replace(tzinfo=tz, fold=0).astimezone(UTC) - _PROBE_MARGIN
    lo = lo.replace(second=0, microsecond=0)
    hi = end.replace(tzinfo=tz, fold=1).astimezone(UTC) + _PROBE_MARGIN
    cuts = [lo]
    probe = lo
    while probe < hi:
        step = min(probe + _SAMPLE_STEP, hi)
        if _offset(probe, tz) != _offset(step, tz):
            cuts.append(_transition(probe, step, tz))
        probe = step
    cuts.append(hi)

    pieces: list[Interval] = []
    for seg_start, seg_end in pairwise(cuts):
        offset = _offset(seg_start, tz)
        wall_from = max((seg_start + offset).replace(tzinfo=None), start)
        wall_to = min((seg_end + offset).replace(tzinfo=None), end)
        if wall_from < wall_to:
            real = Interval(
                (wall_from - offset).replace(tzinfo=UTC), (wall_to - offset).replace(tzinfo=UTC)
            )
            pieces.append(real)
    return tuple(_merge(pieces))


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for iv in sorted(intervals, key=lambda i: i.start):
        if merged and iv.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, iv.end))
        else:
            merged.append(iv)
    return merged


def expand_range(
    day: date, opens: time, closes: time, tz: ZoneInfo = LONDON
) -> tuple[Interval, ...]:
    return wall_span_to_utc(datetime.combine(day, opens), datetime.combine(day, closes), tz)


def closure_on(day: date, schedule: Schedule) -> Closure | None:
    return next((c for c in schedule.closures if c.covers(day)), None)


def ranges_on_weekday(weekday: int, schedule: Schedule) -> list[OpeningRange]:
    return sorted((r for r in schedule.ranges if r.weekday == weekday), key=lambda r: r.opens)


def opening_intervals_on(day: date, schedule: Schedule) -> list[Interval]:
    """The real instants the clinic is open on a local date (empty when closed all day)."""
    if closure_on(day, schedule) is not None:
        return []
    pieces = (
        iv
        for r in ranges_on_weekday(day.weekday(), schedule)
        for iv in expand_range(day, r.opens, r.closes, schedule.tz)
    )
    return _merge(pieces)


def shift_intervals(shift: OnCallShift, tz: ZoneInfo = LONDON) -> tuple[Interval, ...]:
    return wall_span_to_utc(*shift.wall_span(), tz)


# --- status --------------------------------------------------------------------------------


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("instant must be timezone-aware")


def next_opening_after(
    instant: datetime, schedule: Schedule, days: int = SEARCH_DAYS
) -> datetime | None:
    """The first opening (a UTC instant) strictly after `instant` within `days` local days."""
    _require_aware(instant)
    today = instant.astimezone(schedule.tz).date()
    for offset in range(days + 1):
        for iv in opening_intervals_on(today + timedelta(days=offset), schedule):
            if iv.start > instant:
                return iv.start
    return None


def on_call_at(instant: datetime, schedule: Schedule) -> tuple[OnCallShift, Interval] | None:
    today = instant.astimezone(schedule.tz).date()
    # A shift started yesterday may run past midnight into today; none can reach further.
    for shift in schedule.shifts:
        if shift.day in (today, today - timedelta(days=1)):
            for iv in shift_intervals(shift, schedule.tz):
                if instant in iv:
                    return shift, iv
    return None


def clinic_status_at(instant: datetime, schedule: Schedule) -> ClinicStatus:
    _require_aware(instant)
    tz = schedule.tz
    today = instant.astimezone(tz).date()
    current = next((iv for iv in opening_intervals_on(today, schedule) if instant in iv), None)
    next_opens_at = next_opening_after(instant, schedule)
    closure = closure_on(today, schedule)
    on_call = on_call_at(instant, schedule)
    closes_at = current.end if current else None
    return ClinicStatus(
        at=instant,
        is_open=current is not None,
        closes_at=closes_at,
        next_opens_at=next_opens_at,
        is_emergency_cover=current is None and on_call is not None,
        on_call=on_call[0] if on_call else None,
        on_call_until=on_call[1].end if on_call else None,
        closure=closure,
        label=status_label(
            today=today, closes_at=closes_at, next_opens_at=next_opens_at, closure=closure, tz=tz
        ),
    )


def hhmm(value: datetime | time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def span_text(opens: datetime | time, closes: datetime | time) -> str:
    return f"{hhmm(opens)}{DASH}{hhmm(closes)}"


def when_text(moment: datetime, today: date) -> str:
    """ "today 07:00", "tomorrow 07:00", "Mon 07:00" within a week, else "Mon 4 Jan 07:00"."""
    day = moment.date()
    if day == today:
        return f"today {hhmm(moment)}"
    if day == today + timedelta(days=1):
        return f"tomorrow {hhmm(moment)}"
    abbr = DAY_ABBR[day.weekday()]
    if day < today + timedelta(days=7):
        return f"{abbr} {hhmm(moment)}"
    return f"{abbr} {day.day} {MONTH_ABBR[day.month - 1]} {hhmm(moment)}"


def status_label(
    *,
    today: date,
    closes_at: datetime | None,
    next_opens_at: datetime | None,
    closure: Closure | None,
    tz: ZoneInfo = LONDON,
) -> str:
    if closes_at is not None:
        return f"Open now · closes {hhmm(closes_at.astimezone(tz))}"
    if closure is not None:
        head = f"Closed today ({closure.reason})" if closure.reason else "Closed today"
    else:
        head = "Closed"
    if next_opens_at is None:
        return head
    return f"{head} · opens {when_text(next_opens_at.astimezone(tz), today)}"


# --- weekly table --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayHours:
    weekday: int
    day_name: str
    ranges: tuple[tuple[time, time], ...]
    is_today: bool

    @property
    def ranges_text(self) -> str:
        if not self.ranges:
            return "Closed"
        return ", ".join(span_text(o, c) for o, c in self.ranges)

    @property
    def is_closed(self) -> bool:
        return not self.ranges


def week_table(ranges: Iterable[OpeningRange], today: date | None = None) -> list[DayHours]:
    """Monday-first rows of the usual week; closures are shown separately."""
    schedule = Schedule(ranges=tuple(ranges))
    return [
        DayHours(
            weekday=weekday,
            day_name=DAY_NAMES[weekday],
            ranges=tuple((r.opens, r.closes) for r in ranges_on_weekday(weekday, schedule)),
            is_today=today is not None and today.weekday() == weekday,
        )
        for weekday in range(7)
    ]


# --- validation ----------------------------------------------------------------------------


def range_errors(opens: time, closes: time) -> list[str]:
    if closes <= opens:
        return [f"Closing time ({hhmm(closes)}) must be after opening time ({hhmm(opens)})."]
    return []


def overlap_errors(ranges: Iterable[OpeningRange]) -> list[str]:
    """One message per pair of ranges that share time on the same weekday (touching is fine)."""
    errors: list[str] = []
    by_day: dict[int, list[OpeningRange]] = {}
    for r in ranges:
        by_day.setdefault(r.weekday, []).append(r)
    for weekday in sorted(by_day):
        day_ranges = sorted(by_day[weekday], key=lambda r: (r.opens, r.closes))
        for i, first in enumerate(day_ranges):
            for second in day_ranges[i + 1 :]:
                if second.opens < first.closes:
                    errors.append(
                        f"{DAY_NAMES[weekday]}: {span_text(first.opens, first.closes)} overlaps "
                        f"{span_text(second.opens, second.closes)}."
                    )
    return errors


def closure_errors(start: date, end: date) -> list[str]:
    if end < start:
        return [f"The last day ({end}) cannot be before the first day ({start})."]
    return []


def shifts_overlap(a: OnCallShift, b: OnCallShift, tz: ZoneInfo = LONDON) -> bool:
    return any(
        x.start < y.end and y.start < x.end
        for x in shift_intervals(a, tz)
        for y in shift_intervals(b, tz)
    )
