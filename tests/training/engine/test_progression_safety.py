"""Issue #10: safe regress landings, pauses, scaled gap ease-back, effort, and pins vs safety."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from stridewell.training.engine import (
    Action,
    CheckIn,
    Control,
    DecisionKind,
    Dose,
    EngineInputError,
    Ladder,
    LoadScale,
    Override,
    ProgressionState,
    Rule,
    SessionResult,
    SetResult,
    dose_top,
    progression_after_check_in,
    progression_after_session,
    progression_before_session,
    progression_override_set,
    progression_resume,
    progression_start,
    state_dump,
    state_load,
)
from stridewell.training.engine.dose import dose_big_step_up, dose_third_off
from stridewell.training.engine.steps import rank

from .builders import MONDAY, morning, session, small_ladder, started
from .test_replay_marathon_block import clinic_ladder

LADDER = small_ladder()


@pytest.fixture(scope="module")
def clinic() -> Ladder:
    return clinic_ladder()


def _on(ladder: Ladder, key: str, **changes: object) -> ProgressionState:
    """A runner on `key` at its entry dose, baseline 1/10, last session two days ago."""
    state = progression_start(
        ladder=ladder,
        rung_key=key,
        started_on=MONDAY - timedelta(days=60),
        baseline_pain=1,
        baseline_stiffness=1,
    )
    return replace(state, last_session_date=MONDAY - timedelta(days=2), **changes)


def _log(state: ProgressionState, ladder: Ladder, *, pain: int, day: date = MONDAY):
    dose = state.dose
    sets = tuple(SetResult(dose.target, dose.load_step, pain) for _ in range(dose.sets))
    return progression_after_session(
        state,
        ladder=ladder,
        session=SessionResult(state.rung_key, day, sets, Control.GOOD, 5),
        next_morning=CheckIn(day + timedelta(days=1), 1, 1),
    )


# --- item 5: a regress never makes the exercise harder ------------------------------------------


def test_pain_6_on_the_first_banded_squat_lands_under_the_last_tolerated_side_steps(clinic):
    side_steps = clinic.rung("gmed_banded_side_steps")
    tolerated = dose_top(side_steps.dose, side_steps.scale)  # the dose that earned the move up
    state = _on(clinic, "gmed_banded_squat", tolerated=((side_steps.key, tolerated),))
    decision = _log(state, clinic, pain=6)
    new = decision.new_state
    assert (decision.rule, decision.kind, new.rung_key) == (
        Rule.R1_PAIN_ABOVE_5,
        DecisionKind.RUNG_DOWN,
        side_steps.key,
    )
    assert rank(clinic, new.rung_key, new.dose) < rank(clinic, side_steps.key, tolerated)
    assert new.dose != dose_top(side_steps.dose, side_steps.scale)


def test_pain_6_with_no_tolerated_dose_below_lands_on_its_entry_dose(clinic):
    state = _on(clinic, "gmed_banded_squat")  # placed here by screening: side steps never done
    decision = _log(state, clinic, pain=6)
    side_steps = clinic.rung("gmed_banded_side_steps")
    assert (decision.new_state.rung_key, decision.new_state.dose) == (
        side_steps.key,
        side_steps.dose,
    )


def test_pain_7_on_the_banded_sls_lands_on_the_rung_below_never_its_top(clinic):
    below = clinic.below("gmed_banded_single_leg_squat")
    assert below is not None
    state = _on(clinic, "gmed_banded_single_leg_squat")
    decision = _log(state, clinic, pain=7)
    new = decision.new_state
    assert new.rung_key == below.key
    assert new.dose == below.dose  # the entry dose: never the top (old code: the heaviest load)
    assert new.dose != dose_top(below.dose, below.scale)


def test_a_tolerated_dose_is_remembered_per_rung():
    state = started(LADDER)
    decision = progression_after_session(
        state, ladder=LADDER, session=session(state), next_morning=morning()
    )
    assert decision.new_state.tolerated_dose("bridge") == state.dose
    assert decision.new_state.tolerated_dose("clam") is None


# --- item 6: severe reactions pause the exercise -------------------------------------------------


@pytest.mark.parametrize("pain", [7, 9, 10])
def test_pain_7_or_more_pauses_the_exercise_and_alerts(pain):
    state = started(LADDER)
    decision = progression_after_session(
        state, ladder=LADDER, session=session(state, pain=pain), next_morning=morning()
    )
    assert (decision.action, decision.kind, decision.rule, decision.alert_physio) == (
        Action.REGRESS,
        DecisionKind.PAUSED,
        Rule.S1_PAUSED_PAIN_7,
        True,
    )
    assert decision.new_state.paused_on == MONDAY + timedelta(days=1)
    assert decision.reason.startswith(
        f"Because of your pain of {pain}/10 during the exercise, please stop this exercise until "
        "your physio has been in touch. We've let your physio know and they will contact you."
    )


@pytest.mark.parametrize(
    ("check_in", "rule", "paused"),
    [
        ((5, 1), Rule.S2_PAUSED_MORNING_RISE_4, True),  # pain 4 above the usual 1
        ((1, 6), Rule.S2_PAUSED_MORNING_RISE_4, True),  # stiffness 5 above
        ((4, 1), Rule.R2_NEXT_MORNING_WORSE, False),  # 3 above: one step down, not a pause
    ],
)
def test_a_next_morning_rise_of_4_or_more_pauses(check_in, rule, paused):
    state = started(LADDER)
    decision = progression_after_session(
        state, ladder=LADDER, session=session(state), next_morning=morning(MONDAY, *check_in)
    )
    assert (decision.rule, decision.alert_physio, decision.new_state.is_paused) == (
        rule,
        True,
        paused,
    )


def _paused() -> ProgressionState:
    state = started(LADDER)
    return progression_after_session(
        state, ladder=LADDER, session=session(state, pain=8), next_morning=morning()
    ).new_state


def test_a_paused_exercise_takes_no_session_and_no_gap_ease():
    state = _paused()
    later = MONDAY + timedelta(days=3)
    with pytest.raises(EngineInputError, match="paused"):
        progression_after_session(state, ladder=LADDER, session=session(state, later))
    back = later + timedelta(days=30)
    assert progression_before_session(state, ladder=LADDER, today=back) is None


def test_a_check_in_while_paused_is_recorded_without_easing_again():
    state = _paused()
    decision = progression_after_check_in(
        state, ladder=LADDER, check_in=CheckIn(MONDAY + timedelta(days=3), 2, 2)
    )
    assert decision.rule == Rule.C1_CHECK_IN_RECORDED
    assert decision.new_state.is_paused
    assert decision.new_state.dose == state.dose


def test_the_physio_resumes_a_paused_exercise():
    state = _paused()
    day = MONDAY + timedelta(days=4)
    decision = progression_resume(state, ladder=LADDER, resumed_by="Sam Patel", today=day)
    assert (decision.kind, decision.rule, decision.new_state.paused_on) == (
        DecisionKind.RESUMED,
        Rule.S4_RESUMED_BY_PHYSIO,
        None,
    )
    assert decision.new_state.dose == state.dose
    assert decision.reason.startswith("Sam Patel (your physio) has reviewed your pause")
    after = progression_after_session(
        decision.new_state,
        ladder=LADDER,
        session=session(decision.new_state, day),
        next_morning=morning(day),
    )
    assert after.action is Action.PROGRESS


def test_resume_needs_a_pause_and_a_name():
    with pytest.raises(EngineInputError, match="not paused"):
        progression_resume(started(LADDER), ladder=LADDER, resumed_by="Sam", today=MONDAY)
    with pytest.raises(EngineInputError, match="which physio"):
        progression_resume(_paused(), ladder=LADDER, resumed_by=" ", today=MONDAY)


# --- item 6: the ease-back scales with the length of the break -----------------------------------

KILOS = LoadScale.kg(max_kg=20, start_kg=5, increment_kg=5)  # 5, 10, 15, 20 kg
GAP_LADDER = Ladder(
    "gap",
    "the gap ladder",
    (
        LADDER.rung("clam"),
        replace(LADDER.rung("bridge"), dose=Dose.reps(sets=3, low=6, high=12), scale=KILOS),
    ),
)


@pytest.mark.parametrize(
    ("days", "rule", "where", "alert"),
    [
        (14, Rule.G1_RESUME_AFTER_GAP, ("bridge", 10, 2), False),  # one step: 12 -> 10 reps
        (27, Rule.G1_RESUME_AFTER_GAP, ("bridge", 10, 2), False),
        (28, Rule.G2_RESUME_AFTER_4_WEEKS, ("bridge", 8, 2), False),  # a third off: 12 -> 8 reps
        (55, Rule.G2_RESUME_AFTER_4_WEEKS, ("bridge", 8, 2), False),
        (56, Rule.G3_RESCREEN_AFTER_8_WEEKS, ("clam", 10, 0), True),  # a rung down, re-screen
        (200, Rule.G3_RESCREEN_AFTER_8_WEEKS, ("clam", 10, 0), True),
    ],
)
def test_the_ease_back_scales_with_the_break_and_both_entry_points_agree(days, rule, where, alert):
    state = started(GAP_LADDER, target=12, load_step=2, last_session=MONDAY - timedelta(days=days))
    before = progression_before_session(state, ladder=GAP_LADDER, today=MONDAY)
    in_session = progression_after_session(state, ladder=GAP_LADDER, session=session(state))
    for decision in (before, in_session):
        assert decision is not None
        new = decision.new_state
        assert (decision.rule, (new.rung_key, new.dose.target, new.dose.load_step)) == (rule, where)
        assert decision.alert_physio is alert
    assert before is not None
    if rule is Rule.G3_RESCREEN_AFTER_8_WEEKS:
        assert "please book a re-screen" in before.reason


def test_a_third_off_drops_a_load_step_when_the_reps_have_no_room():
    dose = Dose.reps(sets=3, low=8, high=12, target=8, load_step=2)
    assert dose_third_off(dose, KILOS) == replace(dose, load_step=1)
    assert dose_third_off(replace(dose, load_step=0), KILOS) is None


# --- item 8: effort -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pain", "effort", "rule", "target", "load_step"),
    [
        (1, 6, Rule.P3_BIG_STEP, 10, 1),  # easy: straight to the next band
        (2, 7, Rule.P3_BIG_STEP, 10, 1),
        (3, 6, Rule.P1_SETS_COMPLETE_PAIN_OK, 14, 0),  # pain 3: the normal step
        (1, None, Rule.P1_SETS_COMPLETE_PAIN_OK, 14, 0),  # effort unknown: the normal step
        (1, 8, Rule.H10_EFFORT_NOT_MODERATE, 12, 0),
        (0, 10, Rule.H10_EFFORT_NOT_MODERATE, 12, 0),  # every set to failure is not mastery
    ],
)
def test_effort_decides_the_size_of_the_step(pain, effort, rule, target, load_step):
    state = started(LADDER)  # bridge, 2 x 12 reps, light band
    result = replace(session(state, pain=pain), effort=effort)
    decision = progression_after_session(
        state, ladder=LADDER, session=result, next_morning=morning()
    )
    assert decision.rule == rule
    assert (decision.new_state.dose.target, decision.new_state.dose.load_step) == (
        target,
        load_step,
    )


def test_all_reps_at_failure_says_so():
    state = started(LADDER)
    result = replace(session(state, pain=0), effort=10)
    decision = progression_after_session(
        state, ladder=LADDER, session=result, next_morning=morning()
    )
    assert "every set to failure" in decision.reason


def test_the_big_step_at_the_top_load_moves_two_rep_stops():
    dose = Dose.reps(sets=3, low=8, high=14, target=8, load_step=1)
    bands = LoadScale.band(lightest="light", heaviest="medium")
    assert dose_big_step_up(dose, bands) == replace(dose, target=12)
    assert dose_big_step_up(replace(dose, target=12), bands) == replace(dose, target=14)
    assert dose_big_step_up(replace(dose, target=14), bands) is None


@pytest.mark.parametrize("effort", [0, 11, True])
def test_effort_outside_1_to_10_is_refused(effort):
    with pytest.raises(EngineInputError, match="effort"):
        SessionResult("bridge", MONDAY, (), Control.GOOD, effort)


# --- item 10: a pin never beats safety -----------------------------------------------------------


def _pinned(dose: Dose | None) -> ProgressionState:
    override = Override("bridge", dose, "Sam Patel", MONDAY - timedelta(days=1))
    return progression_override_set(started(LADDER), ladder=LADDER, override=override).new_state


@pytest.mark.parametrize("pain", [6, 8])
def test_pain_above_5_on_a_pinned_dose_pauses_instead_of_staying_the_same(pain):
    pinned = _pinned(Dose.reps(sets=2, low=10, high=14, target=12))
    decision = progression_after_session(
        pinned, ladder=LADDER, session=session(pinned, pain=pain), next_morning=morning()
    )
    expected = Rule.S3_PAUSED_PINNED_DOSE_PAINFUL if pain < 7 else Rule.S1_PAUSED_PAIN_7
    assert (decision.kind, decision.rule, decision.alert_physio) == (
        DecisionKind.PAUSED,
        expected,
        True,
    )
    assert decision.new_state.is_paused
    assert decision.new_state.dose == pinned.dose  # kept for the physio to review
    assert "stays the same" not in decision.reason
    assert "please stop this exercise" in decision.reason


def test_pain_above_5_at_the_bottom_of_a_pinned_rung_pauses():
    pinned = _pinned(None)
    at_bottom = replace(pinned, dose=replace(pinned.dose, target=10))
    decision = progression_after_session(
        at_bottom, ladder=LADDER, session=session(at_bottom, pain=6), next_morning=morning()
    )
    assert (decision.rule, decision.new_state.rung_key) == (
        Rule.S3_PAUSED_PINNED_DOSE_PAINFUL,
        "bridge",
    )


# --- storage ---------------------------------------------------------------------------------


def test_the_new_state_fields_round_trip_and_old_states_still_load():
    state = replace(_paused(), tolerated=(("clam", Dose.reps(sets=2, low=10, high=14)),))
    assert state_load(state_dump(state)) == state
    old = state_dump(started(LADDER))
    del old["tolerated"], old["paused_on"]
    loaded = state_load(old)
    assert (loaded.tolerated, loaded.paused_on) == ((), None)
