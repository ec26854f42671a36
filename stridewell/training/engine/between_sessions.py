"""Decisions that happen between sessions: coming back after a break, and a rest-day check-in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from . import reasons, reasons_morning
from .errors import EngineInputError
from .gaps import gap_outcome
from .ladder import Ladder
from .morning_flags import morning_judge, rest_day_high
from .outcome import Outcome, conclude, ease, gap_days, pin
from .state import Action, Decision, DecisionKind, ProgressionState, Rule
from .steps import current_rung
from .symptoms import CheckIn, fold_check_in, rising_trend


def progression_before_session(
    state: ProgressionState, *, ladder: Ladder, today: date
) -> Decision | None:
    """Ease back when the runner returns after 2 weeks or more without a session (`gaps.py`:
    one step after 2 weeks, about a third after 4, a rung and a re-screen after 8).

    Call it when the runner opens their next session so they are shown the lower dose. It acts
    once per break, and returns None when there is nothing to change (a physio set the dose, or
    the exercise is paused). Deconditioning is real, and tissues that have rested tolerate a
    lighter first session back better than the last dose they managed.
    """
    rung = current_rung(state, ladder)
    last = state.last_session_date
    if last is not None and today < last:
        raise EngineInputError("today cannot be before the last session")
    if state.is_paused or (state.override is not None and state.override.dose is not None):
        return None
    outcome = gap_outcome(ladder, rung, state, gap_days(state, today), now=True)
    if outcome is None:
        return None
    booked = replace(state, eased_after=last)
    return conclude(state, booked, rung, pin(state, rung, outcome), today=today)


def progression_after_check_in(
    state: ProgressionState,
    *,
    ladder: Ladder,
    check_in: CheckIn,
    session_yesterday: bool = False,
) -> Decision:
    """Record a check-in that is not the morning after a session of this exercise (those go to
    `progression_after_session`). It feeds the baseline and the weekly trend, and regresses when
    morning symptoms have risen two weeks running (Silbernagel 2007: no week-on-week increase).

    On a rest day (`session_yesterday` False: no session of any exercise the day before) a
    morning of 7/10 pain or more, or 4 or more above the usual level, alerts the physio (C2).
    Red flags and illness apply as after a session (`morning_flags`)."""
    rung = current_rung(state, ladder)
    if state.last_check_in_date is not None and check_in.date <= state.last_check_in_date:
        raise EngineInputError("this check-in is not newer than the last one recorded")
    weeks, baseline, _ = fold_check_in(state.weeks, state.baseline, check_in)
    trend = rising_trend(weeks, check_in.date, state.trend_acted_on)
    booked = replace(
        state,
        weeks=weeks,
        baseline=baseline,
        last_check_in_date=check_in.date,
        trend_acted_on=state.trend_acted_on if trend is None else trend.last_week,
    )
    high = None if session_yesterday else rest_day_high(check_in, baseline)
    if trend is not None and not state.is_paused:  # a paused exercise waits for the physio
        found = trend
        outcome = ease(
            ladder,
            rung,
            state,
            Rule.R3_WEEKLY_SYMPTOMS_RISING,
            alert=True,
            trigger=f"your morning {trend.measure} rising two weeks running",
            text=lambda change: reasons.trend_rising(found, change),
        )
    elif high is not None:
        what, now, usual = high
        outcome = Outcome(
            Action.HOLD,
            DecisionKind.NONE,
            Rule.C2_REST_DAY_MORNING_HIGH,
            reasons_morning.rest_day_high(what, now, usual),
            rung,
            state.dose,
            alert=True,
            streak=state.top_dose_streak,
            trigger=f"a rest-day morning {what} of {now}/10 (usual {usual}/10)",
        )
    else:
        outcome = Outcome(
            Action.HOLD,
            DecisionKind.NONE,
            Rule.C1_CHECK_IN_RECORDED,
            reasons.check_in_recorded(),
            rung,
            state.dose,
            streak=state.top_dose_streak,
        )
    outcome = morning_judge(outcome, state=state, rung=rung, check_in=check_in)
    return conclude(state, booked, rung, pin(state, rung, outcome), today=check_in.date)
