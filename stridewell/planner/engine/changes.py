"""The changes a runner can make to a living plan, and the error for ones that break a rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import Plan


class ChangeError(ValueError):
    """The change cannot be made; `message` says why in the runner's terms."""

    def __init__(self, message: str, field: str = "__all__") -> None:
        self.message = message
        self.field = field
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class RunDone:
    key: str
    actual_km: float | None = None


@dataclass(frozen=True, slots=True)
class RunMissed:
    key: str


@dataclass(frozen=True, slots=True)
class RunMoved:
    key: str
    day: date


@dataclass(frozen=True, slots=True)
class StrengthDone:
    key: str


@dataclass(frozen=True, slots=True)
class StrengthMissed:
    key: str


@dataclass(frozen=True, slots=True)
class StrengthMoved:
    key: str
    day: date


@dataclass(frozen=True, slots=True)
class PlanChanged:
    """New race date and/or new weekly pattern: the future is re-planned, the past kept.

    Leave a field as None to keep it. `goal_time` uses `clear_goal=True` to remove the goal.
    """

    race_date: date | None = None
    available_days: frozenset[int] | None = None
    long_run_day: int | None = None
    quality_days: frozenset[int] | None = None
    goal_time: timedelta | None = None
    clear_goal: bool = False


Change = (
    RunDone | RunMissed | RunMoved | StrengthDone | StrengthMissed | StrengthMoved | PlanChanged
)


@dataclass(frozen=True, slots=True)
class Reflow:
    """The plan after a change, and what moved, in sentences the runner can read."""

    plan: Plan
    notes: tuple[str, ...] = ()
