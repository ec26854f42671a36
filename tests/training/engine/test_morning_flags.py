"""The check-in's optional answers: red flags (F1), illness (F2), a rise after a race or long run
(F3), a high rest-day morning (C2), and the advice the runner is given."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridewell.training.engine import (
    Action,
    CheckIn,
    Control,
    DecisionKind,
    EngineInputError,
    Override,
    Rule,
    Urgency,
    check_in_dump,
    check_in_load,
    morning_advice,
    progression_after_check_in,
    progression_after_session,
)

from .builders import MONDAY, morning, session, small_ladder, started

LADDER = small_ladder()
TUESDAY = MONDAY + timedelta(days=1)


def after(answers: dict[str, bool], *, pain: int = 1, stiffness: int = 1, session_pain: int = 2):
    """A good session on Monday (below the top dose) judged with Tuesday's check-in."""
    state = started(LADDER)
    check_in = replace(morning(pain=pain, stiffness=stiffness), **answers)
    return state, progression_after_session(
        state, ladder=LADDER, session=session(state, pain=session_pain), next_morning=check_in
    )


# --- advice -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "urgency", "words"),
    [
        ({}, Urgency.NONE, ""),
        ({"long_run_yesterday": True}, Urgency.NONE, ""),
        ({"unwell": True}, Urgency.EASY_DAY, "don't train hard today"),
        ({"night_pain": True}, Urgency.SEE_PHYSIO, "see a physio"),
        ({"numbness": True}, Urgency.SEE_PHYSIO, "see a physio"),
        ({"swelling": True}, Urgency.SEE_PHYSIO, "see a physio"),
        ({"numbness": True, "unwell": True}, Urgency.SEE_PHYSIO, "don't train hard today"),
        ({"urgent_signs": True}, Urgency.NHS_111_TODAY, "NHS 111 today"),
        ({"swelling": True, "unwell": True}, Urgency.NHS_111_TODAY, "NHS 111 today"),
        ({"emergency_signs": True}, Urgency.EMERGENCY_999, "Call 999 or go to A&E now"),
        ({"numbness": True, "emergency_signs": True}, Urgency.EMERGENCY_999, "Call 999"),
        ({"urgent_signs": True, "emergency_signs": True}, Urgency.EMERGENCY_999, "Call 999"),
    ],
)
def test_morning_advice_names_the_most_urgent_route(answers, urgency, words):
    advice = morning_advice(replace(morning(), **answers))
    assert advice.urgency is urgency
    assert words in advice.text
    assert advice.is_red_flag is (urgency >= Urgency.SEE_PHYSIO)


def test_a_check_in_answer_must_be_a_bool():
    with pytest.raises(EngineInputError, match="night pain must be yes or no"):
        CheckIn(TUESDAY, 1, 1, night_pain="yes")  # type: ignore[arg-type]


def test_a_check_in_without_answers_dumps_as_before_and_answers_round_trip():
    plain = CheckIn(TUESDAY, 1, 2)
    assert check_in_dump(plain) == {"date": "2025-03-04", "pain": 1, "stiffness": 2}
    flagged = CheckIn(TUESDAY, 1, 2, numbness=True, long_run_yesterday=True)
    dumped = check_in_dump(flagged)
    assert dumped == {
        "date": "2025-03-04",
        "pain": 1,
        "stiffness": 2,
        "numbness": True,
        "long_run_yesterday": True,
    }
    assert check_in_load(dumped) == flagged
    assert check_in_load(check_in_dump(plain)) == plain


# --- after a session ------------------------------------------------------------------------------


def test_without_answers_a_good_session_still_progresses():
    _, decision = after({})
    assert (decision.action, decision.rule) == (Action.PROGRESS, Rule.P1_SETS_COMPLETE_PAIN_OK)


def test_feeling_unwell_holds_a_session_that_would_have_progressed():
    state, decision = after({"unwell": True})
    assert (decision.action, decision.kind, decision.rule) == (
        Action.HOLD,
        DecisionKind.NONE,
        Rule.F2_UNWELL_NO_PROGRESS,
    )
    assert decision.new_state.dose == state.dose
    assert decision.alert_physio is False
    assert decision.reason == (
        "You're feeling ill or feverish this morning, so we've made no change today and kept the "
        "same dose. Rest or keep it easy until you feel better."
    )


def test_feeling_unwell_neither_earns_nor_loses_a_top_dose_session():
    state = started(LADDER, target=14, load_step=1, top_dose_streak=1)
    unwell = replace(morning(), unwell=True)
    decision = progression_after_session(
        state, ladder=LADDER, session=session(state), next_morning=unwell
    )
    assert decision.rule is Rule.F2_UNWELL_NO_PROGRESS
    assert decision.new_state.rung_key == "bridge"
    assert decision.new_state.top_dose_streak == 1


def test_feeling_unwell_does_not_cancel_a_regress_for_pain():
    _, decision = after({"unwell": True}, session_pain=6)
    assert (decision.action, decision.rule) == (Action.REGRESS, Rule.R1_PAIN_ABOVE_5)
    assert decision.alert_physio is True


@pytest.mark.parametrize("flag", ["night_pain", "numbness", "swelling", "urgent_signs"])
def test_a_red_flag_stops_the_exercise_holds_the_dose_and_alerts(flag):
    state, decision = after({flag: True})
    assert (decision.action, decision.kind, decision.rule) == (
        Action.HOLD,
        DecisionKind.PAUSED,
        Rule.F1_RED_FLAG_STOP,
    )
    assert decision.alert_physio is True
    assert decision.new_state.dose == state.dose
    assert decision.new_state.is_paused  # stopped until the physio resumes it
    assert "stop this exercise until a physio has seen you" in decision.reason
    assert decision.reason.endswith("We've let your physio know.")


def test_a_red_flag_keeps_the_regress_the_session_asked_for():
    state, decision = after({"numbness": True}, session_pain=6)
    assert (decision.action, decision.kind, decision.rule) == (
        Action.REGRESS,
        DecisionKind.PAUSED,
        Rule.F1_RED_FLAG_STOP,
    )
    assert decision.new_state.is_paused
    assert decision.new_state.dose.target == state.dose.target - 2
    assert decision.reason == (
        "You reported numbness or tingling this morning, so stop this exercise until a physio "
        "has seen you. Because of your pain of 6/10 during the exercise, when you restart it, "
        "you'll start at 2 × 10 reps, light band. We've let your physio know."
    )
    assert "next time" not in decision.reason  # a stopped exercise has no "next time" yet


def test_a_red_flag_still_alerts_under_a_physio_dose_pin():
    state = started(LADDER)
    state = replace(state, override=Override("bridge", state.dose, "Sam Patel", MONDAY))
    flagged = replace(morning(), swelling=True)
    decision = progression_after_session(
        state, ladder=LADDER, session=session(state), next_morning=flagged
    )
    assert decision.alert_physio is True
    assert decision.rule is Rule.F1_RED_FLAG_STOP


# A race or long run yesterday: baseline 1/10 pain and stiffness.
@pytest.mark.parametrize(
    ("pain", "long_run", "action", "rule", "alert"),
    [
        (1, True, Action.PROGRESS, Rule.P1_SETS_COMPLETE_PAIN_OK, False),
        (2, True, Action.HOLD, Rule.F3_RISE_AFTER_LONG_RUN, False),
        (3, True, Action.HOLD, Rule.F3_RISE_AFTER_LONG_RUN, False),
        (4, True, Action.REGRESS, Rule.R2_NEXT_MORNING_WORSE, True),
        (2, False, Action.HOLD, Rule.H9_MORNING_A_LITTLE_ABOVE, False),
        (3, False, Action.REGRESS, Rule.R2_NEXT_MORNING_WORSE, True),
    ],
)
def test_a_morning_rise_of_up_to_2_after_a_long_run_holds_instead_of_regressing(
    pain, long_run, action, rule, alert
):
    state, decision = after({"long_run_yesterday": long_run}, pain=pain)
    assert (decision.action, decision.rule, decision.alert_physio) == (action, rule, alert)
    if rule is Rule.F3_RISE_AFTER_LONG_RUN:
        assert decision.new_state.dose == state.dose
        assert decision.reason.startswith(
            f"The morning after your race or long run your pain was {pain}/10, a little above "
            "your usual 1/10."
        )


def test_after_a_long_run_poor_control_still_regresses():
    state = started(LADDER)
    long_run = replace(morning(pain=3), long_run_yesterday=True)
    decision = progression_after_session(
        state,
        ladder=LADDER,
        session=session(state, control=Control.POOR),
        next_morning=long_run,
    )
    assert decision.rule is Rule.R4_POOR_CONTROL


# --- a check-in on a rest day ---------------------------------------------------------------------


def rest_day(answers=None, *, pain=1, stiffness=1, session_yesterday=False):
    state = started(LADDER, last_check_in_date=MONDAY - timedelta(days=3))
    check_in = replace(CheckIn(MONDAY, pain, stiffness), **(answers or {}))
    return state, progression_after_check_in(
        state, ladder=LADDER, check_in=check_in, session_yesterday=session_yesterday
    )


@pytest.mark.parametrize(
    ("pain", "stiffness", "session_yesterday", "rule", "what"),
    [
        (4, 1, False, Rule.C1_CHECK_IN_RECORDED, ""),  # 3 above: recorded
        (5, 1, False, Rule.C2_REST_DAY_MORNING_HIGH, "pain this morning was 5/10"),  # 4 above
        (7, 1, False, Rule.C2_REST_DAY_MORNING_HIGH, "pain this morning was 7/10"),
        (1, 5, False, Rule.C2_REST_DAY_MORNING_HIGH, "stiffness this morning was 5/10"),
        (8, 1, True, Rule.C1_CHECK_IN_RECORDED, ""),  # judged as a morning after elsewhere
    ],
)
def test_a_high_rest_day_morning_alerts_the_physio(pain, stiffness, session_yesterday, rule, what):
    state, decision = rest_day(pain=pain, stiffness=stiffness, session_yesterday=session_yesterday)
    assert decision.rule is rule
    assert decision.action is Action.HOLD
    assert decision.new_state.dose == state.dose
    assert decision.alert_physio is (rule is Rule.C2_REST_DAY_MORNING_HIGH)
    assert what in decision.reason


def test_a_rest_day_morning_of_7_alerts_even_when_the_usual_level_is_high():
    state = started(LADDER, pain=6, stiffness=6, last_check_in_date=MONDAY - timedelta(days=3))
    decision = progression_after_check_in(state, ladder=LADDER, check_in=CheckIn(MONDAY, 7, 6))
    assert decision.rule is Rule.C2_REST_DAY_MORNING_HIGH
    assert "(your usual is 6/10)" in decision.reason


def test_a_rest_day_red_flag_alerts_and_illness_is_recorded_with_its_own_rule():
    _, flagged = rest_day({"night_pain": True})
    assert (flagged.rule, flagged.alert_physio) == (Rule.F1_RED_FLAG_STOP, True)
    _, unwell = rest_day({"unwell": True})
    assert (unwell.rule, unwell.alert_physio) == (Rule.F2_UNWELL_NO_PROGRESS, False)
    _, high_and_unwell = rest_day({"unwell": True}, pain=8)
    assert high_and_unwell.rule is Rule.C2_REST_DAY_MORNING_HIGH  # an alarm is never hidden


# --- properties -----------------------------------------------------------------------------------

ANSWERS = ("night_pain", "numbness", "swelling", "unwell", "emergency_signs", "urgent_signs")


@given(
    flags=st.sets(st.sampled_from(ANSWERS), min_size=1),
    long_run=st.booleans(),
    pain=st.integers(0, 10),
    stiffness=st.integers(0, 10),
    session_pain=st.integers(0, 10),
    control=st.sampled_from(Control),
    target=st.sampled_from((10, 12, 14)),
    streak=st.integers(0, 1),
)
def test_a_check_in_with_a_red_flag_or_illness_never_progresses(
    *, flags, long_run, pain, stiffness, session_pain, control, target, streak
):
    state = started(LADDER, target=target, top_dose_streak=streak)
    answers = dict.fromkeys(flags, True)
    check_in = CheckIn(TUESDAY, pain, stiffness, long_run_yesterday=long_run, **answers)
    decision = progression_after_session(
        state,
        ladder=LADDER,
        session=session(state, pain=session_pain, control=control),
        next_morning=check_in,
    )
    assert decision.action is not Action.PROGRESS
    assert decision.new_state.top_dose_streak <= state.top_dose_streak
    if flags - {"unwell"}:
        assert decision.rule is Rule.F1_RED_FLAG_STOP
        assert decision.alert_physio is True
