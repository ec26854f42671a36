"""Between sessions: coming back after a break, rest-day check-ins, and physio overrides."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stridewell.training.engine import (
    Action,
    CheckIn,
    Control,
    DecisionKind,
    Dose,
    EngineInputError,
    Override,
    Rule,
    progression_after_check_in,
    progression_after_session,
    progression_before_session,
    progression_override_clear,
    progression_override_set,
)
from stridewell.training.engine.symptoms import WeekSymptoms

from .builders import MONDAY, morning, session, small_ladder, started

LADDER = small_ladder()


# --- resuming after a break -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_away", "expected"),
    [(13, None), (14, ("bridge", 10, 0)), (27, ("bridge", 10, 0))],
)
def test_resume_one_step_lower_after_14_days(days_away, expected):
    """Two to four weeks off: one step down (longer breaks: test_progression_safety.py)."""
    state = started(LADDER, last_session=MONDAY - timedelta(days=days_away))
    decision = progression_before_session(state, ladder=LADDER, today=MONDAY)
    if expected is None:
        assert decision is None
        return
    assert (decision.action, decision.kind, decision.rule) == (
        Action.REGRESS,
        DecisionKind.RESUME_LOWER,
        Rule.G1_RESUME_AFTER_GAP,
    )
    assert decision.alert_physio is False
    new = decision.new_state
    assert (new.rung_key, new.dose.target, new.dose.load_step) == expected
    assert decision.reason == (
        f"It's been {days_away} days since your last session, so we've eased back one step while "
        "your body gets used to it again: for today's session do 2 × 10 reps, light band."
    )  # decided as they open today's session, which is the one at the lower dose


def test_resume_acts_once_per_break():
    state = started(LADDER, last_session=MONDAY - timedelta(days=20))
    first = progression_before_session(state, ladder=LADDER, today=MONDAY)
    assert first is not None
    assert progression_before_session(first.new_state, ladder=LADDER, today=MONDAY) is None
    # and the session after the eased start is judged normally, not eased a second time
    after = progression_after_session(
        first.new_state,
        ladder=LADDER,
        session=session(first.new_state),
        next_morning=morning(),
    )
    assert after.rule == Rule.P1_SETS_COMPLETE_PAIN_OK
    assert after.new_state.dose.target == 12


def test_resume_from_a_rung_bottom_goes_to_the_rung_below_at_its_entry_dose():
    state = started(LADDER, target=10, last_session=MONDAY - timedelta(days=20))
    decision = progression_before_session(state, ladder=LADDER, today=MONDAY)
    assert decision is not None
    assert decision.kind == DecisionKind.RESUME_LOWER
    # never the lower rung's top dose (issue #10): its entry dose, as the clam was never logged
    new = decision.new_state
    assert (new.rung_key, new.dose.target, new.dose.load_step) == ("clam", 10, 0)


def test_resume_rejects_a_date_before_the_last_session():
    state = started(LADDER)
    with pytest.raises(EngineInputError, match="before the last session"):
        progression_before_session(state, ladder=LADDER, today=MONDAY - timedelta(days=5))


# --- rest-day check-ins ------------------------------------------------------------------------


def test_rest_day_check_in_is_recorded_without_changing_the_dose():
    state = started(LADDER, top_dose_streak=1)
    decision = progression_after_check_in(state, ladder=LADDER, check_in=CheckIn(MONDAY, 1, 1))
    assert (decision.action, decision.kind, decision.rule) == (
        Action.HOLD,
        DecisionKind.NONE,
        Rule.C1_CHECK_IN_RECORDED,
    )
    assert decision.new_state.dose == state.dose
    assert decision.new_state.top_dose_streak == 1  # a rest day does not break the streak
    assert decision.new_state.last_check_in_date == MONDAY


def test_rest_day_check_in_closing_a_rising_third_week_regresses():
    weeks = tuple(
        WeekSymptoms(MONDAY - timedelta(days=7 * n), 2, total, 2)
        for n, total in ((3, 2), (2, 4), (1, 6))
    )
    state = started(LADDER, pain=3, stiffness=3, weeks=weeks)
    decision = progression_after_check_in(state, ladder=LADDER, check_in=CheckIn(MONDAY, 1, 1))
    assert (decision.action, decision.rule, decision.alert_physio) == (
        Action.REGRESS,
        Rule.R3_WEEKLY_SYMPTOMS_RISING,
        True,
    )
    assert "morning stiffness has gone up two weeks running" in decision.reason


def test_check_ins_must_move_forward_in_time():
    state = started(LADDER, last_check_in_date=MONDAY)
    with pytest.raises(EngineInputError, match="not newer"):
        progression_after_check_in(state, ladder=LADDER, check_in=CheckIn(MONDAY, 1, 1))


# --- physio overrides --------------------------------------------------------------------------


def _pin(state, rung_key="bridge", dose=None):
    override = Override(rung_key, dose, "Sam Patel", MONDAY - timedelta(days=1), "knee flare")
    return progression_override_set(state, ladder=LADDER, override=override)


def test_setting_an_override_is_a_recorded_decision():
    state = started(LADDER)
    dose = Dose.reps(sets=3, low=8, high=12, target=8, load_step=1)
    decision = _pin(state, "squat", dose)
    assert (decision.action, decision.kind, decision.rule) == (
        Action.PROGRESS,
        DecisionKind.OVERRIDE,
        Rule.O1_OVERRIDE_SET,
    )
    assert decision.new_state.override.set_by == "Sam Patel"
    assert (decision.new_state.rung_key, decision.new_state.dose) == ("squat", dose)
    assert decision.reason == (
        "Sam Patel (your physio) has set your exercise to 'Banded squat' at 3 × 8 reps, medium "
        "band. It stays like this until they change it."
    )


def test_override_to_a_lower_rung_is_a_regress():
    state = started(LADDER)
    decision = _pin(state, "clam")
    assert decision.action == Action.REGRESS
    assert decision.new_state.dose == LADDER.rung("clam").dose


def test_a_pinned_dose_wins_over_progress():
    pinned = _pin(started(LADDER), dose=Dose.reps(sets=2, low=10, high=14, target=12)).new_state
    decision = progression_after_session(
        pinned, ladder=LADDER, session=session(pinned), next_morning=morning()
    )
    assert (decision.action, decision.rule, decision.alert_physio) == (
        Action.HOLD,
        Rule.O3_DOSE_PINNED,
        False,
    )
    assert decision.new_state.dose == pinned.dose


def test_a_pinned_dose_still_alerts_the_physio_on_a_worse_morning():
    pinned = _pin(started(LADDER), dose=Dose.reps(sets=2, low=10, high=14, target=12)).new_state
    decision = progression_after_session(
        pinned, ladder=LADDER, session=session(pinned), next_morning=morning(pain=4)
    )
    assert (decision.action, decision.rule, decision.alert_physio) == (
        Action.HOLD,
        Rule.O3_DOSE_PINNED,
        True,
    )
    assert decision.new_state.dose == pinned.dose
    assert decision.reason == (
        "Your physio has set this dose, so it stays the same until they change it. We've let "
        "them know about your morning being worse than usual."
    )


def test_a_pinned_rung_lets_the_dose_move_but_not_the_rung():
    pinned = _pin(started(LADDER, target=14, load_step=1, top_dose_streak=1)).new_state
    pinned_up = progression_after_session(
        pinned, ladder=LADDER, session=session(pinned), next_morning=morning()
    )
    # one confirming top-dose session would move the runner up: the pin keeps them here
    second = pinned_up
    assert (second.action, second.rule) == (Action.HOLD, Rule.O4_RUNG_PINNED)
    assert second.new_state.rung_key == "bridge"
    day = MONDAY + timedelta(days=2)
    third = progression_after_session(
        second.new_state,
        ladder=LADDER,
        session=session(second.new_state, day, control=Control.POOR),
        next_morning=morning(day),
    )
    assert (third.kind, third.new_state.dose.target) == (DecisionKind.DOSE_DOWN, 12)


def test_a_pinned_rung_blocks_a_rung_down_but_keeps_the_alert():
    pinned = _pin(started(LADDER, target=10)).new_state
    decision = progression_after_session(
        pinned, ladder=LADDER, session=session(pinned), next_morning=morning(pain=4)
    )
    assert (decision.action, decision.kind, decision.rule, decision.alert_physio) == (
        Action.REGRESS,
        DecisionKind.NONE,
        Rule.O4_RUNG_PINNED,
        True,
    )
    assert decision.new_state.rung_key == "bridge"


def test_removing_the_override_hands_back_to_the_rules():
    pinned = _pin(started(LADDER), dose=Dose.reps(sets=2, low=10, high=14, target=12)).new_state
    cleared = progression_override_clear(pinned, ladder=LADDER, cleared_by="Sam Patel")
    assert (cleared.kind, cleared.rule) == (DecisionKind.OVERRIDE_REMOVED, Rule.O2_OVERRIDE_REMOVED)
    assert cleared.new_state.override is None
    after = progression_after_session(
        cleared.new_state,
        ladder=LADDER,
        session=session(cleared.new_state),
        next_morning=morning(),
    )
    assert after.rule == Rule.P1_SETS_COMPLETE_PAIN_OK


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: progression_override_clear(s, ladder=LADDER, cleared_by="Sam"), "no override"),
        (
            lambda s: progression_override_set(
                s, ladder=LADDER, override=Override("nope", None, "Sam", MONDAY)
            ),
            "no rung 'nope'",
        ),
        (
            lambda s: progression_override_set(
                s,
                ladder=LADDER,
                override=Override(
                    "clam", Dose.reps(sets=2, low=8, high=10, load_step=5), "Sam", MONDAY
                ),
            ),
            "outside this rung's scale",
        ),
        (
            lambda s: progression_override_set(
                s, ladder=LADDER, override=Override("clam", None, " ", MONDAY)
            ),
            "which physio",
        ),
    ],
)
def test_override_inputs_are_checked(call, message):
    with pytest.raises(EngineInputError, match=message):
        call(started(LADDER))
