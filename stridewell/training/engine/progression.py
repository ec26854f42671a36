"""Progress, hold or regress one exercise after a session, from the carried state alone.

The rules follow the pain-monitoring model (Silbernagel et al. 2007, Am J Sports Med 35:897, and
its runner variant: <=3/10 safe, 4-5/10 acceptable, >5/10 too much) with the 24-hour response as
the deciding signal, as Goom et al. 2016 (JOSPT 46:483) use for loading tendons. First match wins:

  R1  pain during any set above 5/10            regress one step, alert the physio
  R2  next morning 2+ points above baseline     regress one step, alert the physio
  R3  weekly morning symptoms rising twice      regress one step, alert the physio
  G1  14+ days since the last session           resume one step lower
  R4  control poor                              regress one step (a technique problem: no alert)
  H1  no next-morning check-in                  hold: no progress on an unknown 24-hour response
  H9  next morning 1 point above baseline       hold: within day-to-day noise, but not settled
  H5  stiffness baseline not yet learnt         hold: the first week of check-ins sets it
  H2  pain during 4-5/10, settled overnight     hold
  H3  control only ok                           hold
  H4  a set missed or short                     hold
  P1  all good, below the top dose              one dose step up (reps, or next load step)
  H6  all good at the top dose, first time      hold at the top dose
  P2  all good at the top dose, twice in a row  next rung, if its prerequisites are met
  H7/H8  ... but the next rung is locked / this is the last rung: hold

The check-in's optional answers then apply (`morning_flags`: F1 red flag, F2 unwell, F3 a rise
after a race or long run). A physio's override then wins over any change of dose or rung (O3,
O4); alerts still go out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType

from . import reasons
from .dose import Dose, dose_step_up, is_top_dose
from .errors import EngineInputError
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
from .session import Control, SessionResult
from .state import Action, Decision, DecisionKind, ProgressionState, Rule
from .steps import check_dose_fits, current_rung
from .symptoms import Baseline, CheckIn, Morning, fold_check_in, rising_trend

GAP_DAYS = 14
PROGRESS_PAIN_MAX = 3
HOLD_PAIN_MAX = 5
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
    _check_session(state, rung, session, next_morning)
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
    pain = session.max_pain
    outcome: Outcome
    if pain > HOLD_PAIN_MAX:
        outcome = ease(
            ladder,
            rung,
            state.dose,
            Rule.R1_PAIN_ABOVE_5,
            alert=True,
            trigger=f"your pain of {pain}/10 during the exercise",
            text=lambda change: reasons.pain_too_high(pain, change),
        )
    elif morning is Morning.WORSE and next_morning is not None:
        check_in = next_morning
        outcome = ease(
            ladder,
            rung,
            state.dose,
            Rule.R2_NEXT_MORNING_WORSE,
            alert=True,
            trigger="your morning being worse than usual",
            text=lambda change: reasons.morning_worse(check_in, baseline, change),
        )
    elif trend is not None:
        found = trend
        outcome = ease(
            ladder,
            rung,
            state.dose,
            Rule.R3_WEEKLY_SYMPTOMS_RISING,
            alert=True,
            trigger=f"your morning {trend.measure} rising two weeks running",
            text=lambda change: reasons.trend_rising(found, change),
        )
    elif (gap := gap_days(state, session.date)) >= GAP_DAYS:
        outcome = ease(
            ladder,
            rung,
            state.dose,
            Rule.G1_RESUME_AFTER_GAP,
            resume=True,
            text=lambda change: reasons.resume_after_gap(gap, change),
        )
    elif session.control is Control.POOR:
        outcome = ease(ladder, rung, state.dose, Rule.R4_POOR_CONTROL, text=reasons.poor_control)
    else:
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
    return conclude(state, booked, rung, pin(state, rung, outcome))


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
    hold: tuple[Rule, str] | None = None
    if morning is None or next_morning is None:
        hold = Rule.H1_NO_NEXT_MORNING_CHECK_IN, reasons.no_check_in(session.date)
    elif morning is Morning.A_LITTLE_ABOVE:
        hold = (
            Rule.H9_MORNING_A_LITTLE_ABOVE,
            reasons.morning_a_little_above(next_morning, baseline),
        )
    elif morning is Morning.LEARNING:
        hold = Rule.H5_LEARNING_BASELINE, reasons.learning_baseline()
    elif pain > PROGRESS_PAIN_MAX:
        hold = Rule.H2_PAIN_4_TO_5_SETTLED, reasons.pain_settled(pain)
    elif session.control is Control.OK:
        hold = Rule.H3_CONTROL_OK, reasons.control_ok()
    elif not sets_complete(session, dose):
        hold = Rule.H4_SETS_MISSED, reasons.sets_missed(dose, rung.scale)
    if hold is not None:
        return Outcome(Action.HOLD, DecisionKind.NONE, hold[0], hold[1], rung, dose)
    if not is_top_dose(dose, rung.scale):
        up = dose_step_up(dose, rung.scale)
        assert up is not None  # below the top dose there is always a next step
        text = reasons.dose_up(dose, up, rung.scale, pain)
        return Outcome(
            Action.PROGRESS, DecisionKind.DOSE_UP, Rule.P1_SETS_COMPLETE_PAIN_OK, text, rung, up
        )
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
        Rule.P2_TWO_TOP_DOSE_SESSIONS,
        reasons.rung_up(up_rung),
        up_rung,
        up_rung.dose,
        counted=True,
    )


def _check_session(
    state: ProgressionState, rung: Rung, session: SessionResult, next_morning: CheckIn | None
) -> None:
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
