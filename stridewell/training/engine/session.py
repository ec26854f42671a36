"""What the runner reports after doing one exercise: their sets and the quality of control."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .dose import MAX_LOAD_STEPS, MAX_REPS_OR_SECONDS, MAX_SETS
from .errors import EngineInputError, require_int


class Control(StrEnum):
    """Movement quality over the session, as the runner (or physio) judged it.

    good: pelvis level, knee over the second toe, trunk quiet on every rep; ok: lost only in the
    last reps; poor: lost for most reps (the exercise library's "unable to keep the pelvis level").
    """

    GOOD = "good"
    OK = "ok"
    POOR = "poor"


@dataclass(frozen=True, slots=True)
class SetResult:
    reps_or_seconds: int
    load_step: int
    pain_during: int  # 0 (none) to 10 (worst), the highest during the set

    def __post_init__(self) -> None:
        require_int("reps or seconds", self.reps_or_seconds, low=0, high=MAX_REPS_OR_SECONDS)
        require_int("the set's load step", self.load_step, low=0, high=MAX_LOAD_STEPS)
        require_int("pain during the set", self.pain_during, low=0, high=10)


# Effort is the runner's rating of perceived exertion for the exercise, 1 (very easy) to 10 (every
# set to failure). Moderate effort (<= 7, roughly three reps in reserve) is what shows a dose is
# mastered rather than merely survived; RPE is asked because runners already use it for runs.
EFFORT_MODERATE_MAX = 7
EFFORT_AT_FAILURE = 10


@dataclass(frozen=True, slots=True)
class SessionResult:
    rung_key: str
    date: date
    sets: tuple[SetResult, ...]
    control: Control
    effort: int | None = None  # RPE 1-10; None when not reported (old logs, older API clients)

    def __post_init__(self) -> None:
        if self.effort is not None:
            require_int("effort", self.effort, low=1, high=10)
        if not isinstance(self.control, Control):
            raise EngineInputError(f"control must be good, ok or poor, got {self.control!r}")
        if len(self.sets) > MAX_SETS:
            raise EngineInputError(f"a session has at most {MAX_SETS} sets")
        if not all(isinstance(s, SetResult) for s in self.sets):
            raise EngineInputError("every set must be a SetResult")

    @property
    def max_pain(self) -> int:
        return max((s.pain_during for s in self.sets), default=0)
