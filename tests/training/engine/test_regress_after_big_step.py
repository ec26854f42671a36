"""Easing back after a big step (P3) never lands on a dose the runner has not done, and a paused
exercise is told where it restarts, not "next time do" (found by the physio scenarios).

A big step skips rep stops: 2 x 12 with the light band goes straight to 2 x 10 with the medium
band. One plain step down from there is 2 x 14 with the light band, harder than anything the
runner did with it; the ease-back lands on the last dose they tolerated, 2 x 12 light.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from stridewell.training.engine import (
    CheckIn,
    DecisionKind,
    ProgressionState,
    Rule,
    progression_after_session,
    progression_before_session,
)

from .builders import MONDAY, morning, session, small_ladder, started

LADDER = small_ladder()
TUESDAY, WEDNESDAY = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


def after_big_step() -> ProgressionState:
    """Bridge at 2 x 12, light band; an easy session (pain 1, effort 6) earns the big step."""
    state = started(LADDER, "bridge", target=12, load_step=0)
    easy = replace(session(state, pain=1), effort=6)
    decision = progression_after_session(state, ladder=LADDER, session=easy, next_morning=morning())
    assert decision.rule is Rule.P3_BIG_STEP
    assert (decision.new_state.dose.target, decision.new_state.dose.load_step) == (10, 1)
    assert decision.new_state.tolerated_dose("bridge") == state.dose
    return decision.new_state


@pytest.mark.parametrize(
    ("pain", "next_morning", "rule"),
    [
        (6, CheckIn(WEDNESDAY + timedelta(days=1), 1, 1), Rule.R1_PAIN_ABOVE_5),
        (1, CheckIn(WEDNESDAY + timedelta(days=1), 3, 1), Rule.R2_NEXT_MORNING_WORSE),
        (8, None, Rule.S1_PAUSED_PAIN_7),
        (1, CheckIn(WEDNESDAY + timedelta(days=1), 5, 1), Rule.S2_PAUSED_MORNING_RISE_4),
    ],
)
def test_an_ease_back_after_a_big_step_lands_on_the_last_tolerated_dose(pain, next_morning, rule):
    state = after_big_step()
    decision = progression_after_session(
        state,
        ladder=LADDER,
        session=session(state, WEDNESDAY, pain=pain),
        next_morning=next_morning,
    )
    assert decision.rule is rule
    dose = decision.new_state.dose
    assert (decision.new_state.rung_key, dose.target, dose.load_step) == ("bridge", 12, 0)


def test_a_break_after_a_big_step_eases_back_to_the_last_tolerated_dose():
    state = after_big_step()
    decision = progression_before_session(state, ladder=LADDER, today=TUESDAY + timedelta(days=15))
    assert decision is not None
    assert decision.rule is Rule.G1_RESUME_AFTER_GAP
    assert (decision.new_state.dose.target, decision.new_state.dose.load_step) == (12, 0)


def test_without_a_big_step_an_ease_back_is_still_one_step_down():
    state = started(LADDER, "bridge", target=12, load_step=1)
    state = replace(state, tolerated=(("bridge", state.dose),))
    decision = progression_after_session(
        state, ladder=LADDER, session=session(state, pain=6), next_morning=morning()
    )
    assert decision.rule is Rule.R1_PAIN_ABOVE_5
    assert (decision.new_state.dose.target, decision.new_state.dose.load_step) == (10, 1)


def test_a_paused_exercise_is_told_where_it_restarts_not_next_time():
    state = after_big_step()
    decision = progression_after_session(
        state, ladder=LADDER, session=session(state, WEDNESDAY, pain=8)
    )
    assert decision.kind is DecisionKind.PAUSED
    assert "next time" not in decision.reason
    assert decision.reason.endswith(
        "When they restart it, you'll start at 2 × 12 reps, light band."
    )


def test_a_pause_that_drops_a_rung_names_the_rung_it_restarts_on():
    state = started(LADDER, "bridge", target=10, load_step=0)
    decision = progression_after_session(state, ladder=LADDER, session=session(state, pain=9))
    assert decision.kind is DecisionKind.PAUSED
    assert decision.new_state.rung_key == "clam"
    assert decision.reason.endswith(
        "When they restart it, you'll start back on 'Clam' at 2 × 10 reps, light band."
    )
