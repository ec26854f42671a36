"""Turning a week's targets into runs on days: the long run, quality sessions, easy runs.

Every training run is kept at or under 110% of the longest run in the 30 days before it, so a
generated plan never contains a spike of its own making; only the race itself (and changes the
runner makes later) can produce one, and `spikes` flags those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import Phase, PlanInputs, PlannedRun, RunKind
from .sessions import easy_text, long_text, quality_text, race_text, run_minutes
from .shape import WeekShape
from .window import LongestWindow, spike_cap

MIN_EASY_KM = 5.0
MIN_EASY_KM_TAPER = 4.0
MIN_QUALITY_KM_TAPER = 3.0
MIN_EASY_KM_RACE_WEEK = 3.0
MAX_EASY_KM = 16.0
MAX_EASY_KM_RACE_WEEK = 8.0
MARATHON_RUN_KM = 42.2


def round_half(km: float) -> float:
    return round(km * 2) / 2


@dataclass(frozen=True, slots=True)
class RunDays:
    long_day: int
    quality: tuple[int, ...]
    easy: tuple[int, ...]  # most preferred first
    runs_per_week: int

    def easy_preference(self, day: int) -> tuple[int, int]:
        """The day before the long run is the last choice for an easy run (it is the classic
        rest day, and strength work may not go there either), then the day after it."""
        if (day + 1) % 7 == self.long_day:
            return 2, day
        if (self.long_day + 1) % 7 == day:
            return 1, day
        return 0, day


def run_days(inputs: PlanInputs) -> RunDays:
    """Which weekdays carry runs. More weekly volume means more (shorter) runs, up to six."""
    long_day = inputs.long_run_day
    quality = tuple(sorted(inputs.quality_days))
    candidates = inputs.available_days - set(quality) - {long_day}
    runs = max(3, min(6, 3 + int(inputs.current_weekly_km // 20)))
    days = RunDays(long_day, quality, (), runs)
    return RunDays(long_day, quality, tuple(sorted(candidates, key=days.easy_preference)), runs)


def _quality_km(volume: float, phase: Phase, is_race_week: bool) -> float:
    if is_race_week:
        return 6.0
    if phase is Phase.TAPER:
        return min(12.0, max(5.0, round_half(volume * 0.18)))
    return min(14.0, max(5.0, round_half(volume * 0.16)))


@dataclass(frozen=True, slots=True)
class WeekContext:
    shape: WeekShape
    volume: float
    long_km: float
    race_date: date
    week_in_phase: int
    key_prefix: str


def _day(shape: WeekShape, weekday: int) -> date:
    return shape.start + timedelta(days=weekday)


def _slots(ctx: WeekContext, days: RunDays) -> tuple[list[int], list[int], bool]:
    """(quality weekdays used, easy weekdays used, is race week)."""
    shape = ctx.shape
    is_race_week = shape.start <= ctx.race_date <= shape.start + timedelta(days=6)
    quality = list(days.quality)
    pool = list(days.easy)
    if shape.phase is Phase.BASE:
        # Base is about aerobic volume: one session of hills; other quality days run easy.
        pool = sorted([*pool, *quality[1:]], key=days.easy_preference)
        quality = quality[:1]
    if is_race_week:
        last_hard = ctx.race_date - timedelta(days=3)
        fits = [q for q in quality if _day(shape, q) <= last_hard]
        quality = fits[:1]
        # The race replaces the long run; nothing the day before the race or after it.
        latest = ctx.race_date - timedelta(days=2)
        merged = [*pool, *days.quality, days.long_day]
        pool = [
            d
            for i, d in enumerate(merged)
            if d not in quality and d not in merged[:i] and _day(shape, d) <= latest
        ]
    wanted = max(0, days.runs_per_week - 1 - len(quality))
    return quality, pool[:wanted], is_race_week


def _close_to_race(
    planned: list[tuple[date, RunKind, float, int]], race_date: date
) -> list[tuple[date, RunKind, float, int]]:
    """The last days before the race stay easy whatever week they fall in (a race early in the
    week puts them in the week before): nothing the day before, no quality session in the last
    two days, and no long run in the last six (it becomes a short easy run)."""
    kept = []
    for day, kind, km, index in sorted(planned):
        gap = (race_date - day).days
        if kind is RunKind.RACE or gap >= 7 or (kind is not RunKind.LONG and gap >= 3):
            kept.append((day, kind, km, index))
        elif gap > 1:
            kept.append((day, RunKind.EASY, min(km, MAX_EASY_KM_RACE_WEEK), index))
    return kept


def _texts(
    kind: RunKind, km: float, index: int, ctx: WeekContext, *, is_race_week: bool, goal
) -> tuple[str, str]:
    shape = ctx.shape
    if kind is RunKind.RACE:
        return race_text(goal)
    if kind is RunKind.LONG:
        return long_text(km=km, is_step_back=shape.is_step_back, phase=shape.phase, goal=goal)
    if kind is RunKind.QUALITY:
        return quality_text(
            phase=shape.phase,
            index=index,
            week_in_phase=ctx.week_in_phase,
            is_race_week=is_race_week,
            goal=goal,
        )
    return easy_text(is_step_back=shape.is_step_back, phase=shape.phase, goal=goal)


def lay_out_week(
    ctx: WeekContext, days: RunDays, inputs: PlanInputs, window: LongestWindow
) -> tuple[PlannedRun, ...]:
    shape = ctx.shape
    goal = inputs.goal_time
    quality_days, easy_days, is_race_week = _slots(ctx, days)
    q_km = _quality_km(ctx.volume, shape.phase, is_race_week)
    long_km = 0.0 if is_race_week else ctx.long_km
    if shape.phase is Phase.TAPER and quality_days:
        # The taper's volume target wins over the usual minimum session length, so a small
        # plan still cuts its volume by what the taper promises.
        room = int((ctx.volume - long_km) / len(quality_days) * 2) / 2
        q_km = max(MIN_QUALITY_KM_TAPER, min(q_km, room))
    rest = ctx.volume - long_km - q_km * len(quality_days)
    if is_race_week:
        minimum = MIN_EASY_KM_RACE_WEEK
    elif shape.phase is Phase.TAPER:
        minimum = MIN_EASY_KM_TAPER  # keep how often you run; only the distance drops
    else:
        minimum = MIN_EASY_KM
    count = min(len(easy_days), max(0, int(rest // minimum)))
    # Rounded down, so the week never overshoots its target (the taper depends on it).
    easy_km = int(rest / count * 2) / 2 if count else 0.0
    ceiling = min(long_km, MAX_EASY_KM) if long_km else MAX_EASY_KM
    easy_km = min(easy_km, ceiling)
    if is_race_week:
        easy_km = min(easy_km, MAX_EASY_KM_RACE_WEEK)

    planned: list[tuple[date, RunKind, float, int]] = []
    if is_race_week:
        planned.append((ctx.race_date, RunKind.RACE, MARATHON_RUN_KM, 0))
    else:
        planned.append((_day(shape, days.long_day), RunKind.LONG, long_km, 0))
    planned += [(_day(shape, q), RunKind.QUALITY, q_km, i) for i, q in enumerate(quality_days)]
    planned += [(_day(shape, e), RunKind.EASY, easy_km, 0) for e in easy_days[:count]]
    planned = _close_to_race(planned, ctx.race_date)

    runs: list[PlannedRun] = []
    for day, kind, wanted_km, index in planned:
        km = wanted_km
        if kind is not RunKind.RACE:
            reference = window.longest_before(day)
            if reference > 0:
                km = min(km, spike_cap(reference))
        window.add(day, km)
        title, detail = _texts(kind, km, index, ctx, is_race_week=is_race_week, goal=goal)
        runs.append(
            PlannedRun(
                key=f"{ctx.key_prefix}w{shape.number:02d}-{kind.value}-{day.weekday()}",
                day=day,
                kind=kind,
                km=km,
                title=title,
                detail=detail,
                minutes=run_minutes(kind, km, goal),
            )
        )
    return tuple(runs)
