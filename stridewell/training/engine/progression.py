"""Progress, hold, regress or pause one exercise after a session, from the carried state alone.

The rules follow the pain-monitoring model (Silbernagel et al. 2007, Am J Sports Med 35:897, and
its runner variant: <=3/10 safe, 4-5/10 acceptable, >5/10 too much) with the 24-hour response as
the deciding signal, as Goom et al. 2016 (JOSPT 46:483) use for loading tendons. First match wins:

  S1  pain during any set 7/10 or more          pause the exercise, regress, alert the physio
  R1  pain during any set above 5/10            regress one step, alert the physio
  S2  next morning 4+ points above baseline     pause the exercise, regress, alert the physio
  R2  next morning 2+ points above baseline     regress one step, alert the physio
  R3  weekly morning symptoms rising twice      regress one step, alert the physio
  G1-G3  2 / 4 / 8+ weeks since the last session  ease back one step / a third / a rung + re-screen
  R4  control poor                              regress one step (a technique problem: no alert)
  H1  no next-morning check-in                  hold: no progress on an unknown 24-hour response
  H9  next morning 1 point above baseline       hold: within day-to-day noise, but not settled
  H5  stiffness baseline not yet learnt         hold: the first week of check-ins sets it
  H2  pain during 4-5/10, settled overnight     hold
  H3  control only ok                           hold
  H4  a set missed or short                     hold
  H10 effort above moderate (RPE 8-10)          hold: reps ground out at failure are not mastery
  P3  pain <= 2/10, effort <= 7 (reported)      a bigger step: next load step, or two rep stops
  P1  all good, below the top dose              one dose step up (reps, or next load step)
  P4  all good at the top dose                  next rung, if its prerequisites are met
  H7/H8  ... but the next rung is locked / this is the last rung: hold

A regress that drops a rung lands at or under the last dose tolerated there (`steps.py`). The
check-in's optional answers then apply (`morning_flags`: F1 a red flag pauses the exercise, F2
unwell, F3 a rise after a race or long run). A physio's override then wins over any change of dose
or rung (O3, O4), but never over safety: pain above 5/10 on a pinned dose pauses the exercise (S3),
and every pause alerts the physio. A paused exercise takes no sessions until the physio resumes it
(`progression_resume`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from types import MappingProxyType

from . import reasons
from .dose import Dose, dose_big_step_up, dose_step_up, is_top_dose
from .errors import EngineInputError
from .gaps import GAP_DAYS, gap_outcome
from .ladder import Ladder, Rung, next_rung
from .morning_flags import morning_judge
from .outcome import (
    TOP_DOSE_SESSIONS_TO_MOVE,
    Outcome,
    conclude,
    ease,
    gap_days,
    merged_progress,
    pin,
    sets_complete,
)
from .session import EFFORT_MODERATE_MAX, Control, SessionResult
from .state import Action, Decision, DecisionKind, ProgressionState, Rule
from .steps import check_dose_fits, check_session, current_rung
from .symptoms import Baseline, CheckIn, Morning, Trend, fold_check_in, rising_trend

__all__ = [
    "GAP_DAYS",
    "progression_after_session",
    "progression_is_urgent",
    "progression_start",
]

BIG_STEP_PAIN_MAX = 2  # the model's "safe" zone (Silbernagel 2007): room for a bigger step
PROGRESS_PAIN_MAX = 3
HOLD_PAIN_MAX = 5
PAUSE_PAIN_MIN = 7  # severe on the 0-10 bands: stop the exercise until a physio reviews it
PAUSE_MORNING_RISE = 4  # next-morning pain or stiffness this far above baseline: a real flare
NO_PROGRESS: Mapping[str, int] = MappingProxyType({})


def progression_start(
    *,
    ladder: Ladder,
    rung_key: str,
    started_on: date,
    baseline_pain: int,
    baseline_stiffness: int | None = None,
    dose: Dose | None = None,
    assumed_progress: Mapping[str, int] = NO_PROGRESS,
) -> ProgressionState:
    """The state for a runner starting on `rung_key` (usually from `screening_place`).

    `baseline_pain` is the screening's "pain today"; morning stiffness is learnt from the first
    week of check-ins unless given. `assumed_progress` seeds rungs a placement took as already done.
    """
    rung = ladder.rung(rung_key)
    dose = rung.dose if dose is None else dose
    check_dose_fits(dose, rung.scale)
    progress = {k: v for k, v in assumed_progress.items() if ladder.has(k)}
    if any(not isinstance(v, int) or v < 0 for v in progress.values()):
        raise EngineInputError("assumed progress counts must be whole numbers of 0 or more")
    progress.setdefault(rung.key, 0)
    baseline = Baseline(baseline_pain, baseline_stiffness)
    return ProgressionState(
        ladder.key,
        rung.key,
        dose,
        baseline,
        started_on,
        rung_sessions=tuple(sorted(progress.items())),
    )


def progression_after_session(
    state: ProgressionState,
    *,
    ladder: Ladder,
    session: SessionResult,
    next_morning: CheckIn | None = None,
    other_progress: Mapping[str, int] = NO_PROGRESS,
) -> Decision:
    """Decide the next dose after `session`, judged with the check-in of the morning after.

    Call it once the next-morning check-in is in, or with `next_morning=None` when it is overdue
    (at the latest when the next session is due): the dose is then held, never raised.
    `other_progress` carries the runner's progress on other ladders, for prerequisites there.
    """
    rung = current_rung(state, ladder)
    check_session(state, rung, session, next_morning)
    weeks, baseline, morning = state.weeks, state.baseline, None
    if next_morning is not None:
        weeks, baseline, morning = fold_check_in(weeks, baseline, next_morning)
    today = session.date if next_morning is None else next_morning.date
    trend = rising_trend(weeks, today, state.trend_acted_on)
    booked = replace(
        state,
        baseline=baseline,
        weeks=weeks,
        last_session_date=session.date,
        last_check_in_date=state.last_check_in_date if next_morning is None else next_morning.date,
        trend_acted_on=state.trend_acted_on if trend is None else trend.last_week,
    )
    outcome = _alarm(
        state, ladder=ladder, rung=rung, session=session, next_morning=next_morning,
        baseline=baseline, morning=morning, trend=trend,
    )  # fmt: skip
    if outcome is None:
        outcome = gap_outcome(ladder, rung, state, gap_days(state, session.date))
    if outcome is None and session.control is Control.POOR:
        outcome = ease(ladder, rung, state, Rule.R4_POOR_CONTROL, text=reasons.poor_control)
    if outcome is None:
        outcome = _judge_tolerated(
            state,
            ladder=ladder,
            rung=rung,
            session=session,
            next_morning=next_morning,
            morning=morning,
            baseline=baseline,
            other_progress=other_progress,
        )
    # The check-in's optional answers (red flags, illness, a long run) have the last word.
    outcome = morning_judge(
        outcome, state=state, rung=rung, check_in=next_morning, morning=morning, baseline=baseline
    )
    if outcome.action is not Action.REGRESS:  # remembered as a safe place to come back to
        booked = replace(booked, tolerated=state.with_tolerated(rung.key, state.dose))
    return conclude(state, booked, rung, pin(state, rung, outcome), today=today)


def progression_is_urgent(state: ProgressionState, session: SessionResult) -> bool:
    """Whether the session alone settles the decision, so it should be made now rather than
    with tomorrow's check-in: pain during that pauses the exercise (7/10 or more), or pain above
    5/10 on a physio's pin (which pauses too, or regresses within a pinned rung). The runner must
    be told to stop today, and the physio must hear about it today."""
    pain = session.max_pain
    return pain >= PAUSE_PAIN_MIN or (pain > HOLD_PAIN_MAX and state.override is not None)


def _alarm(
    state: ProgressionState,
    *,
    ladder: Ladder,
    rung: Rung,
    session: SessionResult,
    next_morning: CheckIn | None,
    baseline: Baseline,
    morning: Morning | None,
    trend: Trend | None,
) -> Outcome | None:
    """The safety rules, most severe first: pause, or regress and alert the physio.

    A check-in's red flags are applied after these by `morning_judge`, which pauses the exercise
    whatever these rules chose.
    """
    pain = session.max_pain
    rise = 0 if next_morning is None else _morning_rise(next_morning, baseline)
    if pain >= PAUSE_PAIN_MIN or rise >= PAUSE_MORNING_RISE:
        rule = Rule.S1_PAUSED_PAIN_7 if pain >= PAUSE_PAIN_MIN else Rule.S2_PAUSED_MORNING_RISE_4
        trigger = (
            f"your pain of {pain}/10 during the exercise"
            if pain >= PAUSE_PAIN_MIN
            else f"your morning {rise} points above your usual"
        )
        return ease(
            ladder, rung, state, rule, alert=True, pause=True, pain=pain, trigger=trigger,
            text=lambda change: reasons.paused(trigger, change),
        )  # fmt: skip
    if pain > HOLD_PAIN_MAX:
        return ease(
            ladder,
            rung,
            state,
            Rule.R1_PAIN_ABOVE_5,
            alert=True,
            pain=pain,
            trigger=f"your pain of {pain}/10 during the exercise",
            text=lambda change: reasons.pain_too_high(pain, change),
        )
    if morning is Morning.WORSE and next_morning is not None:
        check_in = next_morning
        return ease(
            ladder,
            rung,
            state,
            Rule.R2_NEXT_MORNING_WORSE,
            alert=True,
            trigger="your morning being worse than usual",
            text=lambda change: reasons.morning_worse(check_in, baseline, change),
        )
    if trend is not None:
        found = trend
        return ease(
            ladder,
            rung,
            state,
            Rule.R3_WEEKLY_SYMPTOMS_RISING,
            alert=True,
            trigger=f"your morning {trend.measure} rising two weeks running",
            text=lambda change: reasons.trend_rising(found, change),
        )
    return None


def _morning_rise(check_in: CheckIn, baseline: Baseline) -> int:
    rise = check_in.pain - baseline.pain
    if baseline.stiffness is not None:
        rise = max(rise, check_in.stiffness - baseline.stiffness)
    return rise


def _hold(
    session: SessionResult,
    *,
    rung: Rung,
    dose: Dose,
    next_morning: CheckIn | None,
    morning: Morning | None,
    baseline: Baseline,
) -> tuple[Rule, str] | None:
    """Why a session that raised no alarm still does not earn progress, if it does not."""
    pain = session.max_pain
    hold: tuple[Rule, str] | None = None
    if morning is None or next_morning is None:
        hold = Rule.H1_NO_NEXT_MORNING_CHECK_IN, reasons.no_check_in(session.date)
    elif morning is Morning.A_LITTLE_ABOVE:
        text = reasons.morning_a_little_above(next_morning, baseline)
        hold = Rule.H9_MORNING_A_LITTLE_ABOVE, text
    elif morning is Morning.LEARNING:
        hold = Rule.H5_LEARNING_BASELINE, reasons.learning_baseline()
    elif pain > PROGRESS_PAIN_MAX:
        hold = Rule.H2_PAIN_4_TO_5_SETTLED, reasons.pain_settled(pain)
    elif session.control is Control.OK:
        hold = Rule.H3_CONTROL_OK, reasons.control_ok()
    elif not sets_complete(session, dose):
        hold = Rule.H4_SETS_MISSED, reasons.sets_missed(dose, rung.scale)
    elif session.effort is not None and session.effort > EFFORT_MODERATE_MAX:
        hold = Rule.H10_EFFORT_NOT_MODERATE, reasons.effort_not_moderate(session.effort)
    return hold


def _dose_up(session: SessionResult, rung: Rung, dose: Dose) -> Outcome:
    """One dose step up, or a bigger one for an easy session (P3).

    Unknown effort (an old log, an older API client) allows the normal step, never the big one.
    """
    pain = session.max_pain
    up = dose_step_up(dose, rung.scale)
    assert up is not None  # below the top dose there is always a next step
    if pain <= BIG_STEP_PAIN_MAX and session.effort is not None:
        big = dose_big_step_up(dose, rung.scale)
        if big is not None and big != up:
            text = reasons.big_step(dose, big, rung.scale, pain, session.effort)
            return Outcome(Action.PROGRESS, DecisionKind.DOSE_UP, Rule.P3_BIG_STEP, text, rung, big)
    text = reasons.dose_up(dose, up, rung.scale, pain)
    return Outcome(
        Action.PROGRESS, DecisionKind.DOSE_UP, Rule.P1_SETS_COMPLETE_PAIN_OK, text, rung, up
    )


def _judge_tolerated(
    state: ProgressionState,
    *,
    ladder: Ladder,
    rung: Rung,
    session: SessionResult,
    next_morning: CheckIn | None,
    morning: Morning | None,
    baseline: Baseline,
    other_progress: Mapping[str, int],
) -> Outcome:
    """The session raised no alarm: hold, or progress when every condition is met."""
    pain, dose = session.max_pain, state.dose
    hold = _hold(
        session, rung=rung, dose=dose, next_morning=next_morning, morning=morning, baseline=baseline
    )
    if hold is not None:
        return Outcome(Action.HOLD, DecisionKind.NONE, hold[0], hold[1], rung, dose)
    if not is_top_dose(dose, rung.scale):
        return _dose_up(session, rung, dose)
    streak = min(state.top_dose_streak + 1, TOP_DOSE_SESSIONS_TO_MOVE)
    if streak < TOP_DOSE_SESSIONS_TO_MOVE:
        text = reasons.top_dose_first(pain)
        return Outcome(
            Action.HOLD,
            DecisionKind.NONE,
            Rule.H6_TOP_DOSE_FIRST_SESSION,
            text,
            rung,
            dose,
            streak=streak,
            counted=True,
        )
    progress = merged_progress(state, other_progress)
    progress[rung.key] = progress.get(rung.key, 0) + 1
    ahead = next_rung(ladder, rung.key, progress)
    if ahead.candidate is None:
        return Outcome(
            Action.HOLD,
            DecisionKind.NONE,
            Rule.H8_TOP_OF_LADDER,
            reasons.top_of_ladder(ladder.name),
            rung,
            dose,
            streak=streak,
            counted=True,
        )
    if ahead.unmet:
        text = reasons.next_locked(ahead.message, rung, dose)
        return Outcome(
            Action.HOLD,
            DecisionKind.NONE,
            Rule.H7_NEXT_RUNG_LOCKED,
            text,
            rung,
            dose,
            streak=streak,
            counted=True,
            unmet=ahead.unmet,
        )
    up_rung = ahead.candidate
    return Outcome(
        Action.PROGRESS,
        DecisionKind.RUNG_UP,
        Rule.P4_TOP_DOSE_CONFIRMED,
        reasons.rung_up(up_rung),
        up_rung,
        up_rung.dose,
        counted=True,
    )
