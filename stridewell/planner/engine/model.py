"""The planner's vocabulary: phases, runs, strength sessions, weeks and the plan itself.

Everything here is an immutable dataclass, so a re-flow returns a new plan and can never edit
the past by accident: the caller compares old and new and writes only what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

MARATHON_KM = 42.195
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Phase(StrEnum):
    BASE = "base"
    BUILD = "build"
    PEAK = "peak"
    TAPER = "taper"


class RunKind(StrEnum):
    EASY = "easy"
    LONG = "long"
    QUALITY = "quality"
    RACE = "race"


class StrengthKind(StrEnum):
    FULL = "full"  # base: the heavier, higher-volume sessions
    REDUCED = "reduced"  # build and peak: fewer sets, same exercises
    MAINTENANCE = "maintenance"  # taper: short and light, no heavy lower-body work


class Status(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    MISSED = "missed"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"


# Runs that the day before must stay free of strength work (Doma & Deakin 2013: heavy legs the
# day before a key session spoil it). The race is handled by the same rule.
HARD_KINDS = frozenset({RunKind.LONG, RunKind.QUALITY, RunKind.RACE})


@dataclass(frozen=True, slots=True)
class PlanInputs:
    """What the runner tells us. Weekdays are 0 (Monday) to 6 (Sunday)."""

    race_date: date
    today: date
    current_weekly_km: float
    longest_recent_run_km: float
    available_days: frozenset[int]
    long_run_day: int
    quality_days: frozenset[int] = frozenset()
    goal_time: timedelta | None = None
    step_back_every: int | None = None  # 3 or 4; None lets the engine choose

    def recent_ref(self) -> ActualRef:
        """The runner's longest recent run, as a run dated the day before the plan was made
        (it happened in the 30 days before, so counts for runs from today on)."""
        return ActualRef(self.today - timedelta(days=1), self.longest_recent_run_km)


@dataclass(frozen=True, slots=True)
class PlannedRun:
    key: str
    day: date
    kind: RunKind
    km: float
    title: str
    detail: str
    minutes: int
    status: Status = Status.PLANNED
    actual_km: float | None = None
    original_day: date | None = None  # set once the runner (or a re-flow) moves the run
    note: str = ""

    @property
    def is_logged(self) -> bool:
        return self.status is not Status.PLANNED

    @property
    def is_moved(self) -> bool:
        return self.original_day is not None and self.original_day != self.day

    @property
    def counted_km(self) -> float:
        """Distance that counts as run: the actual one when known, nothing when missed."""
        if self.status is Status.MISSED:
            return 0.0
        if self.actual_km is not None:
            return self.actual_km
        return self.km


@dataclass(frozen=True, slots=True)
class PlannedStrength:
    key: str
    day: date
    kind: StrengthKind
    minutes: int
    is_heavy: bool  # heavy lower-body work: never within 7 days of the race
    reason: str
    status: Status = Status.PLANNED
    original_day: date | None = None
    is_pinned: bool = False  # the runner chose this day; re-flows leave it there

    @property
    def is_logged(self) -> bool:
        return self.status is not Status.PLANNED

    @property
    def is_moved(self) -> bool:
        return self.original_day is not None and self.original_day != self.day


@dataclass(frozen=True, slots=True)
class Week:
    number: int
    start: date  # a Monday
    phase: Phase
    is_step_back: bool
    target_km: float
    long_km: float
    runs: tuple[PlannedRun, ...] = ()
    strength: tuple[PlannedStrength, ...] = ()

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=i) for i in range(7))

    @property
    def planned_km(self) -> float:
        """Training distance planned for the week (the race itself is not training volume)."""
        return round(sum(r.km for r in self.runs if r.kind is not RunKind.RACE), 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Issue:
    """Something the plan could not do, or wants the runner to know, in plain words."""

    code: str
    message: str
    week: int | None = None
    severity: Severity = Severity.WARNING


@dataclass(frozen=True, slots=True)
class SpikeFlag:
    """A run more than 10% longer than the longest run of the 30 days before it.

    Frandsen et al. (BJSM 2025, 5,205 runners): such single-session spikes raised the overuse
    injury rate, while week-to-week ratios did not. `is_expected` marks the race itself.
    """

    run_key: str
    day: date
    km: float

    @property
    def pair(self) -> tuple[date, float]:
        return self.day, self.km

    reference_km: float
    is_expected: bool
    message: str

    @property
    def percent_over(self) -> int:
        if self.reference_km <= 0:
            return 100
        return round((self.km / self.reference_km - 1) * 100)


@dataclass(frozen=True, slots=True)
class ActualRef:
    """A run that happened outside the plan (imported and unmatched), for the 30-day window."""

    day: date
    km: float

    @property
    def pair(self) -> tuple[date, float]:
        return self.day, self.km


@dataclass(frozen=True, slots=True)
class Plan:
    inputs: PlanInputs
    start: date
    weeks: tuple[Week, ...]
    issues: tuple[Issue, ...] = ()
    spikes: tuple[SpikeFlag, ...] = ()
    history: tuple[ActualRef, ...] = field(default=())

    @property
    def race_date(self) -> date:
        return self.inputs.race_date

    def runs(self) -> list[PlannedRun]:
        return [run for week in self.weeks for run in week.runs]

    def strength(self) -> list[PlannedStrength]:
        return [session for week in self.weeks for session in week.strength]

    def week_of(self, day: date) -> Week | None:
        for week in self.weeks:
            if week.contains(day):
                return week
        return None

    def week_number(self, number: int) -> Week | None:
        for week in self.weeks:
            if week.number == number:
                return week
        return None
