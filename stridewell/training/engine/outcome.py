"""The rules' proposed outcome, a physio's override on top of it, and the resulting decision.

Shared by the session, check-in and resume entry points, so each one moves along the ladder,
honours an override and books progress on rungs in exactly the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from . import reasons
from .dose import Dose
from .ladder import Ladder, Prerequisite, Rung
from .session import SessionResult
from .state import Action, Decision, DecisionKind, ProgressionState, Rule
from .steps import step_down

TOP_DOSE_SESSIONS_TO_MOVE = 2


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the rules want, before a physio's override is applied."""

    action: Action
    kind: DecisionKind
    rule: Rule
    reason: str
    rung: Rung
    dose: Dose
    alert: bool = False
    streak: int = 0
    counted: bool = False  # a qualifying session at the top dose: counts towards "completed"
    trigger: str = ""  # for an alert, what worried us: "your pain of 7/10 during the exercise"
    unmet: tuple[Prerequisite, ...] = ()


def ease(
    ladder: Ladder,
    rung: Rung,
    dose: Dose,
    rule: Rule,
    *,
    text: Callable[[str], str],
    alert: bool = False,
    resume: bool = False,
    trigger: str = "",
) -> Outcome:
    """One step down the ladder's line of doses (or stay, at the very bottom)."""
    down = step_down(ladder, rung, dose)
    if down.at_floor:
        kind = DecisionKind.NONE
    elif resume:
        kind = DecisionKind.RESUME_LOWER
    else:
        kind = DecisionKind.RUNG_DOWN if down.moved_rung else DecisionKind.DOSE_DOWN
    change = reasons.change_phrase(
        down.rung, down.dose, moved_rung=down.moved_rung, at_floor=down.at_floor
    )
    return Outcome(
        Action.REGRESS, kind, rule, text(change), down.rung, down.dose, alert=alert, trigger=trigger
    )


def pin(state: ProgressionState, rung: Rung, outcome: Outcome) -> Outcome:
    """Apply a physio's override: it blocks any change it covers; alerts still go through."""
    override = state.override
    if override is None:
        return outcome
    told = f" We've let them know about {outcome.trigger}." if outcome.alert else ""
    streak = min(state.top_dose_streak + 1, TOP_DOSE_SESSIONS_TO_MOVE) if outcome.counted else 0
    if override.dose is not None:
        if outcome.rung.key == rung.key and outcome.dose == state.dose:
            return outcome
        return Outcome(
            Action.HOLD,
            DecisionKind.NONE,
            Rule.O3_DOSE_PINNED,
            reasons.dose_pinned(told),
            rung,
            state.dose,
            alert=outcome.alert,
            streak=streak,
            counted=outcome.counted,
        )
    if outcome.rung.key == rung.key:
        return outcome
    if outcome.action is Action.PROGRESS:
        return Outcome(
            Action.HOLD,
            DecisionKind.NONE,
            Rule.O4_RUNG_PINNED,
            reasons.rung_pinned(True, ""),
            rung,
            state.dose,
            streak=streak,
            counted=True,
        )
    return Outcome(
        Action.REGRESS,
        DecisionKind.NONE,
        Rule.O4_RUNG_PINNED,
        reasons.rung_pinned(False, told),
        rung,
        state.dose,
        alert=outcome.alert,
    )


def conclude(
    before: ProgressionState, booked: ProgressionState, rung: Rung, outcome: Outcome
) -> Decision:
    progress = before.progress()
    if outcome.counted:
        progress[rung.key] = progress.get(rung.key, 0) + 1
    progress.setdefault(outcome.rung.key, 0)
    new_state = replace(
        booked,
        rung_key=outcome.rung.key,
        dose=outcome.dose,
        top_dose_streak=outcome.streak,
        rung_sessions=tuple(sorted(progress.items())),
    )
    return Decision(
        outcome.action,
        outcome.kind,
        outcome.rule,
        outcome.reason,
        outcome.alert,
        new_state,
        outcome.unmet,
    )


def sets_complete(session: SessionResult, dose: Dose) -> bool:
    """At least the prescribed number of sets at the target, at (or above) the prescribed load."""
    done = sum(
        1
        for s in session.sets
        if s.reps_or_seconds >= dose.target and s.load_step >= dose.load_step
    )
    return done >= dose.sets


def gap_days(state: ProgressionState, day: date) -> int:
    """Days since the last session, or 0 when there is none or the break was already eased."""
    last = state.last_session_date
    if last is None or state.eased_after == last:
        return 0
    return (day - last).days


def merged_progress(state: ProgressionState, other: Mapping[str, int]) -> dict[str, int]:
    progress = dict(other)
    for key, count in state.rung_sessions:
        progress[key] = max(count, progress.get(key, 0))
    return progress
