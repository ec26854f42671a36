"""Invalid session inputs are rejected with a message that says what is wrong."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stridewell.training.engine import (
    CheckIn,
    Control,
    EngineInputError,
    SessionResult,
    SetResult,
    progression_after_session,
    progression_start,
)

from .builders import MONDAY, glute_med_ladder, session, small_ladder, started


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: SetResult(10, 0, 11), "pain during the set must be between 0 and 10, got 11"),
        (lambda: SetResult(10, 0, -1), "pain during the set must be between 0 and 10, got -1"),
        (lambda: SetResult(-3, 0, 2), "reps or seconds must be between 0 and 600, got -3"),
        (lambda: SetResult(10, -1, 2), "load step must be between 0 and 200, got -1"),
        (lambda: SetResult(10.5, 0, 2), "reps or seconds must be a whole number"),
        (lambda: SessionResult("clam", MONDAY, (), "great"), "control must be good, ok or poor"),
    ],
)
def test_bad_set_values(build, message):
    with pytest.raises(EngineInputError, match=message):
        build()


LADDER = small_ladder()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda s: (SessionResult("squat", MONDAY, (), Control.GOOD), None),
            "this session is for 'squat' but the runner is on 'bridge'",
        ),
        (
            lambda s: (session(s, MONDAY - timedelta(days=2)), None),
            "already decided; decide sessions in date order",
        ),
        (
            lambda s: (session(s, load_step=2), None),
            r"load step 2, outside this rung's scale \(0-1\)",
        ),
        (
            lambda s: (session(s), CheckIn(MONDAY, 1, 1)),
            "next-morning check-in must be dated the day after the session",
        ),
        (
            lambda s: (session(s), CheckIn(MONDAY + timedelta(days=2), 1, 1)),
            "next-morning check-in must be dated the day after the session",
        ),
    ],
)
def test_session_must_fit_the_state(make, message):
    state = started(LADDER)
    result, check_in = make(state)
    with pytest.raises(EngineInputError, match=message):
        progression_after_session(state, ladder=LADDER, session=result, next_morning=check_in)


def test_a_state_is_only_used_with_its_own_ladder():
    state = started(LADDER)
    with pytest.raises(EngineInputError, match="belongs to ladder 'hip', not 'glute_med'"):
        progression_after_session(state, ladder=glute_med_ladder(), session=session(state))


def test_start_rejects_an_unknown_rung_and_a_bad_baseline():
    with pytest.raises(EngineInputError, match="no rung 'nope'"):
        progression_start(ladder=LADDER, rung_key="nope", started_on=MONDAY, baseline_pain=1)
    with pytest.raises(EngineInputError, match="baseline pain must be between 0 and 10, got 12"):
        progression_start(ladder=LADDER, rung_key="clam", started_on=MONDAY, baseline_pain=12)
