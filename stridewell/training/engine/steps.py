"""Moving along a ladder's single ordered line of doses, one step at a time.

Each rung's doses run from its bottom dose to its top dose (see `dose.py`); the rungs are laid
end to end, so one step below a rung's bottom dose is the top dose of the rung below. Progress,
regress and the resume-after-a-break rule all move exactly one step along this line, which is what
guarantees a runner never skips a rung.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dose import Dose, LoadScale, dose_step_down, dose_top
from .errors import EngineInputError
from .ladder import Ladder, Rung
from .state import ProgressionState


@dataclass(frozen=True, slots=True)
class StepDown:
    rung: Rung
    dose: Dose
    moved_rung: bool
    at_floor: bool  # already at the bottom dose of the first rung: nothing lower exists


def step_down(ladder: Ladder, rung: Rung, dose: Dose) -> StepDown:
    lower = dose_step_down(dose, rung.scale)
    if lower is not None:
        return StepDown(rung, lower, moved_rung=False, at_floor=False)
    below = ladder.below(rung.key)
    if below is None:
        return StepDown(rung, dose, moved_rung=False, at_floor=True)
    return StepDown(below, dose_top(below.dose, below.scale), moved_rung=True, at_floor=False)


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
