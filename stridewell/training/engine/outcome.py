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
from .state import Action, Decision, DecisionKind, Override, ProgressionState, Rule
from .steps import StepDown, step_down

# One confirming session at the rung's top dose (with good control, moderate effort and a settled
# next morning) is enough to move on: the session that reached the top dose was already judged by
# the same rules, and a second one cost a marathon block two weeks per rung for no new information.
TOP_DOSE_SESSIONS_TO_MOVE = 1

Mover = Callable[[Ladder, Rung, Dose, ProgressionState], StepDown]


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
    pause: bool = False  # stop this exercise until the physio resumes it
    pain: int = 0  # the session's highest pain during, for the pin-versus-safety check


def ease(
    ladder: Ladder,
    rung: Rung,
    state: ProgressionState,
    rule: Rule,
    *,
    text: Callable[[str], str],
    alert: bool = False,
    resume: bool = False,
    trigger: str = "",
    move: Mover = step_down,
    pause: bool = False,
    pain: int = 0,
    now: bool = False,
) -> Outcome:
    """Ease back along the ladder (`move`: one step by default), or stay at the very bottom.
    `now`: the lower dose is for the session being opened (a break), not the next one."""
    down = move(ladder, rung, state.dose, state)
    if pause:
        kind = DecisionKind.PAUSED
    elif down.at_floor:
        kind = DecisionKind.NONE
    elif resume:
        kind = DecisionKind.RESUME_LOWER
    else:
        kind = DecisionKind.RUNG_DOWN if down.moved_rung else DecisionKind.DOSE_DOWN
    if pause:  # stopped until the physio restarts it: say where it restarts, not "next time"
        change = reasons.restart_phrase(down.rung, down.dose, moved_rung=down.moved_rung)
    else:
        change = reasons.change_phrase(
            down.rung, down.dose, moved_rung=down.moved_rung, at_floor=down.at_floor, now=now
        )
    return Outcome(
        Action.REGRESS,
        kind,
        rule,
        text(change),
        down.rung,
        down.dose,
        alert=alert,
        trigger=trigger,
        pause=pause,
        pain=pain,
    )


def pin(state: ProgressionState, rung: Rung, outcome: Outcome) -> Outcome:
    """Apply a physio's override: it blocks any change it covers; alerts still go through.

    Safety beats a pin: a pause goes through (at the pinned rung and dose, for the physio to
    review), and pain above 5/10 that the pin would leave unchanged pauses the exercise (S3).
    """
    override = state.override
    if override is None:
        return outcome
    if outcome.pause or (
        outcome.rule is Rule.R1_PAIN_ABOVE_5 and _blocked(override, rung, outcome)
    ):
        return _pause_pinned(state, rung, outcome)
    return _pinned(state, override, rung, outcome)


def _pinned(state: ProgressionState, override: Override, rung: Rung, outcome: Outcome) -> Outcome:
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


def _pause_pinned(state: ProgressionState, rung: Rung, outcome: Outcome) -> Outcome:
    """Stop the exercise where the physio pinned it, for them to review; never "stays the same"."""
    return Outcome(
        Action.REGRESS,
        DecisionKind.PAUSED,
        outcome.rule if outcome.pause else Rule.S3_PAUSED_PINNED_DOSE_PAINFUL,
        reasons.paused_pinned(outcome.trigger),
        rung,
        state.dose,
        alert=True,
        trigger=outcome.trigger,
        pause=True,
        pain=outcome.pain,
    )


def _blocked(override: Override, rung: Rung, outcome: Outcome) -> bool:
    """Would the override stop this outcome's change of rung or dose?"""
    return (
        override.dose is not None
        or outcome.rung.key != rung.key
        or outcome.kind is DecisionKind.NONE
    )


def conclude(
    before: ProgressionState,
    booked: ProgressionState,
    rung: Rung,
    outcome: Outcome,
    *,
    today: date | None = None,
) -> Decision:
    """The decision and its new state. `today` dates a pause (the session or check-in day)."""
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
        paused_on=(today or booked.last_session_date) if outcome.pause else booked.paused_on,
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
