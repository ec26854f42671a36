"""Each progression rule, one row per case: given a state and a session, then this decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from stridewell.training.engine import (
    Action,
    Control,
    DecisionKind,
    Prerequisite,
    Rule,
    progression_after_session,
)
from stridewell.training.engine.symptoms import WeekSymptoms

from .builders import MONDAY, morning, session, small_ladder, started

A, K, R = Action, DecisionKind, Rule

# (case, state changes, session changes, check-in (pain, stiffness) or None,
#  expected action, kind, rule, alert, (rung, target, load step) after)
CASES = [
    ("reps go up by the increment", {}, {}, (1, 1),
     A.PROGRESS, K.DOSE_UP, R.P1_SETS_COMPLETE_PAIN_OK, False, ("bridge", 14, 0)),
    ("top of the range moves to the next band at the bottom reps", {"target": 14}, {}, (1, 1),
     A.PROGRESS, K.DOSE_UP, R.P1_SETS_COMPLETE_PAIN_OK, False, ("bridge", 10, 1)),
    ("pain of exactly 3 still progresses", {}, {"pain": 3}, (1, 1),
     A.PROGRESS, K.DOSE_UP, R.P1_SETS_COMPLETE_PAIN_OK, False, ("bridge", 14, 0)),
    ("one confirming session at the top dose moves up a rung", {"target": 14, "load_step": 1},
     {}, (1, 1), A.PROGRESS, K.RUNG_UP, R.P4_TOP_DOSE_CONFIRMED, False, ("squat", 10, 0)),
    ("no next-morning check-in holds", {}, {}, None,
     A.HOLD, K.NONE, R.H1_NO_NEXT_MORNING_CHECK_IN, False, ("bridge", 12, 0)),
    ("no stiffness baseline yet holds", {"stiffness": None}, {}, (1, 4),
     A.HOLD, K.NONE, R.H5_LEARNING_BASELINE, False, ("bridge", 12, 0)),
    ("pain 4 settling overnight holds", {}, {"pain": 4}, (1, 1),
     A.HOLD, K.NONE, R.H2_PAIN_4_TO_5_SETTLED, False, ("bridge", 12, 0)),
    ("pain 5 settling overnight holds", {}, {"pain": (2, 5)}, (1, 1),
     A.HOLD, K.NONE, R.H2_PAIN_4_TO_5_SETTLED, False, ("bridge", 12, 0)),
    ("control only ok holds", {}, {"control": Control.OK}, (1, 1),
     A.HOLD, K.NONE, R.H3_CONTROL_OK, False, ("bridge", 12, 0)),
    ("a set short of the target holds", {}, {"reps": 11}, (1, 1),
     A.HOLD, K.NONE, R.H4_SETS_MISSED, False, ("bridge", 12, 0)),
    ("a missing set holds", {}, {"sets": 1}, (1, 1),
     A.HOLD, K.NONE, R.H4_SETS_MISSED, False, ("bridge", 12, 0)),
    ("a lighter band than prescribed holds", {"load_step": 1}, {"load_step": 0}, (1, 1),
     A.HOLD, K.NONE, R.H4_SETS_MISSED, False, ("bridge", 12, 1)),
    ("pain 6 in one set regresses a dose step", {}, {"pain": (2, 6)}, (1, 1),
     A.REGRESS, K.DOSE_DOWN, R.R1_PAIN_ABOVE_5, True, ("bridge", 10, 0)),
    ("pain above 5 wins over a missing check-in", {}, {"pain": 6}, None,
     A.REGRESS, K.DOSE_DOWN, R.R1_PAIN_ABOVE_5, True, ("bridge", 10, 0)),
    ("regress at the bottom of a band goes to the top of the band below",
     {"target": 10, "load_step": 1}, {"pain": 6}, (1, 1),
     A.REGRESS, K.DOSE_DOWN, R.R1_PAIN_ABOVE_5, True, ("bridge", 14, 0)),
    ("regress from a rung's bottom dose goes to the entry dose of the rung below",
     {"target": 10}, {"pain": 6}, (1, 1),
     A.REGRESS, K.RUNG_DOWN, R.R1_PAIN_ABOVE_5, True, ("clam", 10, 0)),
    ("regress never goes below the first rung's bottom dose",
     {"rung_key": "clam", "target": 10}, {"pain": 6}, (1, 1),
     A.REGRESS, K.NONE, R.R1_PAIN_ABOVE_5, True, ("clam", 10, 0)),
    ("next-morning pain 2 above baseline regresses", {}, {}, (3, 1),
     A.REGRESS, K.DOSE_DOWN, R.R2_NEXT_MORNING_WORSE, True, ("bridge", 10, 0)),
    ("next-morning stiffness 2 above baseline regresses", {}, {}, (1, 3),
     A.REGRESS, K.DOSE_DOWN, R.R2_NEXT_MORNING_WORSE, True, ("bridge", 10, 0)),
    ("next-morning pain 1 above baseline holds", {}, {}, (2, 1),
     A.HOLD, K.NONE, R.H9_MORNING_A_LITTLE_ABOVE, False, ("bridge", 12, 0)),
    ("next-morning stiffness 1 above baseline holds", {}, {}, (1, 2),
     A.HOLD, K.NONE, R.H9_MORNING_A_LITTLE_ABOVE, False, ("bridge", 12, 0)),
    ("a worse morning beats pain 4-5", {}, {"pain": 5}, (4, 1),
     A.REGRESS, K.DOSE_DOWN, R.R2_NEXT_MORNING_WORSE, True, ("bridge", 10, 0)),
    ("poor control regresses without an alert", {}, {"control": Control.POOR}, (1, 1),
     A.REGRESS, K.DOSE_DOWN, R.R4_POOR_CONTROL, False, ("bridge", 10, 0)),
    ("14 days since the last session resumes one step lower",
     {"last_session": MONDAY - timedelta(days=14)}, {}, (1, 1),
     A.REGRESS, K.RESUME_LOWER, R.G1_RESUME_AFTER_GAP, False, ("bridge", 10, 0)),
    ("13 days since the last session is not a break",
     {"last_session": MONDAY - timedelta(days=13)}, {}, (1, 1),
     A.PROGRESS, K.DOSE_UP, R.P1_SETS_COMPLETE_PAIN_OK, False, ("bridge", 14, 0)),
]  # fmt: skip


@pytest.mark.parametrize("case", [pytest.param(case, id=case[0]) for case in CASES])
def test_rule_table(case):
    _, state_changes, session_changes, check_in, action, kind, rule, alert, after = case
    ladder = small_ladder()
    state = started(ladder, **state_changes)
    next_morning = None if check_in is None else morning(MONDAY, *check_in)

    decision = progression_after_session(
        state, ladder=ladder, session=session(state, **session_changes), next_morning=next_morning
    )

    assert (decision.action, decision.kind, decision.rule) == (action, kind, rule)
    assert decision.alert_physio is alert
    new = decision.new_state
    assert (new.rung_key, new.dose.target, new.dose.load_step) == after


def test_rising_weekly_symptoms_regress_and_alert_once():
    # Given three closed weeks whose average morning pain rose 1.0 -> 1.5 -> 2.0
    weeks = tuple(
        WeekSymptoms(MONDAY - timedelta(days=7 * n), total, 2, 2)
        for n, total in ((3, 2), (2, 3), (1, 4))
    )
    ladder = small_ladder()
    state = started(ladder, pain=3, stiffness=3, weeks=weeks)
    # When a good session is logged this week
    decision = progression_after_session(
        state, ladder=ladder, session=session(state), next_morning=morning(MONDAY, 1, 1)
    )
    # Then the trend regresses one step and alerts the physio, with the averages in the reason
    assert (decision.action, decision.rule, decision.alert_physio) == (
        Action.REGRESS,
        Rule.R3_WEEKLY_SYMPTOMS_RISING,
        True,
    )
    assert "(1.0, then 1.5, then 2.0 out of 10)" in decision.reason
    # And the same trend is not acted on twice
    again = progression_after_session(
        decision.new_state,
        ladder=ladder,
        session=session(decision.new_state, MONDAY + timedelta(days=2)),
        next_morning=morning(MONDAY + timedelta(days=2), 1, 1),
    )
    assert again.rule == Rule.P1_SETS_COMPLETE_PAIN_OK


def test_a_flat_week_breaks_the_trend():
    weeks = tuple(
        WeekSymptoms(MONDAY - timedelta(days=7 * n), total, 2, 2)
        for n, total in ((3, 2), (2, 3), (1, 3))
    )
    ladder = small_ladder()
    state = started(ladder, pain=3, stiffness=3, weeks=weeks)
    decision = progression_after_session(
        state, ladder=ladder, session=session(state), next_morning=morning(MONDAY, 1, 1)
    )
    assert decision.rule == Rule.P1_SETS_COMPLETE_PAIN_OK


def test_rung_up_waits_for_an_unmet_prerequisite_and_names_it():
    # Given the squat needs the clam completed in 2 sessions, and the clam has 0
    ladder = small_ladder(squat_prerequisites=(Prerequisite("clam", min_good_sessions=2),))
    state = started(ladder, target=14, load_step=1, top_dose_streak=1)
    # When the second top-dose session in a row goes well
    decision = progression_after_session(
        state, ladder=ladder, session=session(state), next_morning=morning()
    )
    # Then the runner stays, and is told which prerequisite is missing
    assert (decision.action, decision.rule) == (Action.HOLD, Rule.H7_NEXT_RUNG_LOCKED)
    assert decision.new_state.rung_key == "bridge"
    assert decision.unmet == (Prerequisite("clam", min_good_sessions=2),)
    assert decision.reason == (
        "You've mastered this exercise, but 'Banded squat' unlocks once 'Clam' has been done at "
        "its full dose with good control in 2 sessions (so far 0). Until then keep going with "
        "2 × 14 reps, medium band."
    )


def test_top_of_the_last_rung_holds():
    ladder = small_ladder()
    state = started(ladder, "squat", target=14, load_step=1, top_dose_streak=1)
    decision = progression_after_session(
        state, ladder=ladder, session=session(state), next_morning=morning()
    )
    assert (decision.action, decision.rule) == (Action.HOLD, Rule.H8_TOP_OF_LADDER)
    assert decision.new_state.rung_key == "squat"


def test_completed_top_dose_sessions_are_counted_per_rung():
    ladder = small_ladder()
    state = started(ladder, target=14, load_step=1)
    first = progression_after_session(
        state, ladder=ladder, session=session(state), next_morning=morning()
    )
    # one confirming top-dose session completes the rung and moves the runner on
    assert first.new_state.progress() == {"bridge": 1, "squat": 0}
    assert first.new_state.top_dose_streak == 0


def test_a_hold_breaks_the_top_dose_streak():
    ladder = small_ladder()
    state = started(ladder, target=14, load_step=1, top_dose_streak=1)
    decision = progression_after_session(
        state, ladder=ladder, session=session(state, control=Control.OK), next_morning=morning()
    )
    assert decision.new_state.top_dose_streak == 0
    assert decision.new_state.rung_key == "bridge"


REASONS = [
    ("progress", {}, {"pain": 2}, (1, 1),
     "Your pain went no higher than 2/10, you completed every set and you were back to normal "
     "the next morning, so we've added 2 reps to each set: next time do 2 × 14 reps, light band."),
    ("next band", {"target": 14}, {"pain": 0}, (1, 1),
     "You had no pain during the exercise, you completed every set at the top of the range and "
     "you were back to normal the next morning, so we've moved you up to the medium band and back "
     "to 10 reps: next time do 2 × 10 reps, medium band."),
    ("no check-in", {}, {}, None,
     "We didn't get your check-in for the morning after your session on 3 March, so we can't "
     "tell how your body coped. To be safe we've kept the dose the same; please check in the "
     "morning after each session."),
    ("pain too high", {"target": 10}, {"pain": 6}, (1, 1),
     "Your pain reached 6/10 during the exercise, more than the 5/10 we allow, so we've eased "
     "off: you'll go back to 'Clam' at 2 × 10 reps, light band. We've let your physio know."),
    ("worse morning", {}, {}, (1, 3),
     "The next morning your stiffness was 3/10, above your usual 1/10, so we've eased off: next "
     "time do 2 × 10 reps, light band. We've let your physio know."),
    ("a little above", {}, {}, (1, 2),
     "The next morning your stiffness was 2/10, a little above your usual 1/10. That's within "
     "normal day-to-day ups and downs, but not quite back to normal, so we've kept the same dose."),
    ("learning", {"stiffness": None}, {}, (1, 1),
     "Thanks for checking in. We're still learning what a normal morning feels like for you "
     "(that takes your first week of check-ins), so we've kept the dose the same for now."),
    ("settled", {}, {"pain": 5}, (1, 1),
     "Your pain reached 5/10 during the exercise but settled by the next morning. That's "
     "acceptable, so we've kept the same dose for now."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("state_changes", "session_changes", "check_in", "reason"),
    [pytest.param(*case[1:], id=case[0]) for case in REASONS],
)
def test_reasons_speak_to_the_runner(state_changes, session_changes, check_in, reason):
    ladder = small_ladder()
    state = started(ladder, **state_changes)
    next_morning = None if check_in is None else morning(MONDAY, *check_in)
    decision = progression_after_session(
        state, ladder=ladder, session=session(state, **session_changes), next_morning=next_morning
    )
    assert decision.reason == reason


def test_a_hold_keeps_the_dose_object_unchanged():
    ladder = small_ladder()
    state = started(ladder)
    decision = progression_after_session(state, ladder=ladder, session=session(state))
    assert decision.new_state.dose == state.dose
    # the dose done is remembered as tolerated: a later regress to this rung lands under it
    assert decision.new_state == replace(
        state, last_session_date=MONDAY, tolerated=(("bridge", state.dose),)
    )


def test_a_prerequisite_on_another_ladder_is_judged_with_that_ladders_progress():
    # Given the squat needs 'single_leg_stance' (another ladder) completed in 2 sessions
    ladder = small_ladder(
        squat_prerequisites=(Prerequisite("single_leg_stance", min_good_sessions=2),)
    )
    state = started(ladder, target=14, load_step=1, top_dose_streak=1)
    result, check_in = session(state), morning()

    locked = progression_after_session(
        state, ladder=ladder, session=result, next_morning=check_in,
        other_progress={"single_leg_stance": 1},
    )  # fmt: skip
    unlocked = progression_after_session(
        state, ladder=ladder, session=result, next_morning=check_in,
        other_progress={"single_leg_stance": 2},
    )  # fmt: skip

    assert (locked.rule, locked.new_state.rung_key) == (Rule.H7_NEXT_RUNG_LOCKED, "bridge")
    assert (unlocked.rule, unlocked.new_state.rung_key) == (Rule.P4_TOP_DOSE_CONFIRMED, "squat")
