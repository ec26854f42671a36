"""Moving along a ladder's line of doses, one rung at a time.

Each rung's doses run from its bottom dose to its top dose (see `dose.py`). Progress never skips a
rung. Stepping down within a rung is one dose step; stepping down past a rung's bottom dose lands
on the rung below at a dose the runner has shown they tolerate: one step under the last dose they
tolerated there, or that rung's entry dose when they never did it (placed above it). Never its top
dose: a regress must not make the exercise harder than what hurt (issue #10).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from .dose import Dose, LoadScale, dose_step_down, dose_third_off
from .errors import EngineInputError
from .ladder import Ladder, Rung
from .session import SessionResult
from .state import ProgressionState
from .symptoms import CheckIn


@dataclass(frozen=True, slots=True)
class StepDown:
    rung: Rung
    dose: Dose
    moved_rung: bool
    at_floor: bool  # already at the bottom dose of the first rung: nothing lower exists


def landing_dose(below: Rung, tolerated: Dose | None) -> Dose:
    """Where a drop to `below` lands: under the last dose tolerated there, else its entry dose."""
    if tolerated is None or tolerated.load_step > below.scale.max_step:
        return below.dose
    return dose_step_down(tolerated, below.scale) or tolerated


def rung_down(ladder: Ladder, rung: Rung, dose: Dose, state: ProgressionState) -> StepDown:
    """One rung down at its landing dose (the bottom dose of the first rung when there is none)."""
    below = ladder.below(rung.key)
    if below is None:
        if dose.target == dose.low and dose.load_step == 0:
            return StepDown(rung, dose, moved_rung=False, at_floor=True)
        return StepDown(rung, replace(dose, target=dose.low, load_step=0), False, at_floor=False)
    landing = landing_dose(below, state.tolerated_dose(below.key))
    return StepDown(below, landing, moved_rung=True, at_floor=False)


def no_harder_than_tolerated(rung: Rung, lower: Dose, state: ProgressionState) -> Dose:
    """`lower`, or the last dose tolerated on this rung when that is easier.

    A big step (P3) skips rep stops: from 3 x 12 with the light band straight to 3 x 10 with the
    medium one. One step down from there is 3 x 15 with the light band, which the runner has
    never done; after pain or a break they go back to what they last managed (3 x 12) instead.
    """
    tolerated = state.tolerated_dose(rung.key)
    if tolerated is None or tolerated.load_step > rung.scale.max_step:
        return lower
    if (tolerated.load_step, tolerated.target) < (lower.load_step, lower.target):
        return tolerated
    return lower


def step_down(ladder: Ladder, rung: Rung, dose: Dose, state: ProgressionState) -> StepDown:
    """One dose step down (no harder than the last dose tolerated on the rung), or past the
    rung's bottom dose to the rung below's landing dose."""
    lower = dose_step_down(dose, rung.scale)
    if lower is not None:
        lower = no_harder_than_tolerated(rung, lower, state)
        return StepDown(rung, lower, moved_rung=False, at_floor=False)
    return rung_down(ladder, rung, dose, state)


def third_down(ladder: Ladder, rung: Rung, dose: Dose, state: ProgressionState) -> StepDown:
    """About a third of the dose off (no harder than the last dose tolerated on the rung), or
    one rung down when the dose has no room for that."""
    lower = dose_third_off(dose, rung.scale)
    if lower is not None:
        lower = no_harder_than_tolerated(rung, lower, state)
        return StepDown(rung, lower, moved_rung=False, at_floor=False)
    return rung_down(ladder, rung, dose, state)


def current_rung(state: ProgressionState, ladder: Ladder) -> Rung:
    if ladder.key != state.ladder_key:
        raise EngineInputError(
            f"this state belongs to ladder '{state.ladder_key}', not '{ladder.key}'"
        )
    return ladder.rung(state.rung_key)


def check_dose_fits(dose: Dose, scale: LoadScale) -> None:
    if not isinstance(dose, Dose):
        raise EngineInputError(f"a dose is needed, got {dose!r}")
    if dose.load_step > scale.max_step:
        raise EngineInputError(
            f"load step {dose.load_step} is outside this rung's scale (0-{scale.max_step})"
        )


def rank(ladder: Ladder, rung_key: str, dose: Dose) -> tuple[int, int, int]:
    """Position on the ladder's line of doses, for comparing two places (higher is harder)."""
    return (ladder.index_of(rung_key), dose.load_step, dose.target)


def check_session(
    state: ProgressionState, rung: Rung, session: SessionResult, next_morning: CheckIn | None
) -> None:
    """Refuse a session (and its check-in) that cannot be judged from this state."""
    if state.is_paused:
        raise EngineInputError(
            "this exercise is paused until the physio reviews it; no session can be logged for it"
        )
    if session.rung_key != state.rung_key:
        raise EngineInputError(
            f"this session is for '{session.rung_key}' but the runner is on '{state.rung_key}'"
        )
    if session.date < state.started_on:
        raise EngineInputError("a session cannot be dated before the programme started")
    last = state.last_session_date
    if last is not None and session.date <= last:
        raise EngineInputError(
            f"a session on {last.isoformat()} was already decided; decide sessions in date order"
        )
    for s in session.sets:
        if s.load_step > rung.scale.max_step:
            raise EngineInputError(
                f"a set used load step {s.load_step}, "
                f"outside this rung's scale (0-{rung.scale.max_step})"
            )
    if next_morning is not None:
        if next_morning.date != session.date + timedelta(days=1):
            raise EngineInputError(
                "the next-morning check-in must be dated the day after the session"
            )
        if state.last_check_in_date is not None and next_morning.date <= state.last_check_in_date:
            raise EngineInputError("this check-in is not newer than the last one recorded")
