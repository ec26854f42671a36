"""A physio's override: pin a rung (the dose still moves within it) or set a dose outright.

Clinical judgement beats the rules, so an override wins until the physio removes it. Both the
setting and the removal are decisions like any other, stored with who made them, so the runner and
the clinic can always see why the programme is where it is. A physio may place a runner on any
rung: the no-skipping guarantee binds the engine's own decisions, not the clinician's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from . import reasons
from .errors import EngineInputError
from .ladder import Ladder
from .state import Action, Decision, DecisionKind, Override, ProgressionState, Rule
from .steps import check_dose_fits, current_rung, rank


def progression_override_set(
    state: ProgressionState, *, ladder: Ladder, override: Override
) -> Decision:
    """Pin the runner to `override.rung_key` (and `override.dose`, if given)."""
    current_rung(state, ladder)
    rung = ladder.rung(override.rung_key)
    if override.dose is not None:
        dose = override.dose
    else:  # pinning the current rung keeps the current dose; a new rung starts at its own
        dose = state.dose if rung.key == state.rung_key else rung.dose
    check_dose_fits(dose, rung.scale)
    if not override.set_by.strip():
        raise EngineInputError("an override must say which physio set it")
    before = rank(ladder, state.rung_key, state.dose)
    after = rank(ladder, rung.key, dose)
    if after > before:
        action = Action.PROGRESS
    elif after < before:
        action = Action.REGRESS
    else:
        action = Action.HOLD
    progress = state.progress()
    progress.setdefault(rung.key, 0)
    new_state = replace(
        state,
        rung_key=rung.key,
        dose=dose,
        top_dose_streak=0,
        rung_sessions=tuple(sorted(progress.items())),
        override=override,
    )
    reason = reasons.override_set(override.set_by, rung, dose, override.dose is not None)
    return Decision(action, DecisionKind.OVERRIDE, Rule.O1_OVERRIDE_SET, reason, False, new_state)


def progression_override_clear(
    state: ProgressionState, *, ladder: Ladder, cleared_by: str
) -> Decision:
    """Remove the override; the rules take over again from the current rung and dose."""
    rung = current_rung(state, ladder)
    if state.override is None:
        raise EngineInputError("there is no override to remove")
    if not cleared_by.strip():
        raise EngineInputError("say which physio removed the override")
    reason = reasons.override_removed(cleared_by, rung, state.dose)
    return Decision(
        Action.HOLD,
        DecisionKind.OVERRIDE_REMOVED,
        Rule.O2_OVERRIDE_REMOVED,
        reason,
        False,
        replace(state, override=None),
    )


def progression_resume(
    state: ProgressionState, *, ladder: Ladder, resumed_by: str, today: date
) -> Decision:
    """The physio lifts a pause after reviewing the runner: the exercise is prescribed again,
    from the (already eased) rung and dose the pause left it at."""
    rung = current_rung(state, ladder)
    if state.paused_on is None:
        raise EngineInputError("this exercise is not paused")
    if not resumed_by.strip():
        raise EngineInputError("say which physio resumed the exercise")
    if today < state.paused_on:
        raise EngineInputError("an exercise cannot be resumed before it was paused")
    reason = reasons.resumed(resumed_by, rung, state.dose)
    return Decision(
        Action.HOLD,
        DecisionKind.RESUMED,
        Rule.S4_RESUMED_BY_PHYSIO,
        reason,
        False,
        replace(state, paused_on=None),
    )
