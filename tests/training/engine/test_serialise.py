"""A stored state reads back exactly, so decisions made from it are the same."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from stridewell.training.engine import (
    Dose,
    EngineInputError,
    Override,
    check_in_dump,
    decision_dump,
    progression_after_session,
    progression_override_set,
    session_dump,
    state_dump,
    state_load,
)

from .builders import MONDAY, morning, session, small_ladder, started


def test_state_round_trips_through_json():
    ladder = small_ladder()
    state = started(ladder, stiffness=None)
    decision = progression_after_session(
        state, ladder=ladder, session=session(state), next_morning=morning(MONDAY, 1, 2)
    )
    pinned = progression_override_set(
        decision.new_state,
        ladder=ladder,
        override=Override(
            "clam", Dose.hold(sets=3, low=20, high=40, load_step=1), "Sam Patel", MONDAY, "flare"
        ),
    ).new_state
    for original in (state, decision.new_state, pinned):
        stored = json.loads(json.dumps(state_dump(original)))
        assert state_load(stored) == original


def test_state_dump_is_plain_data():
    ladder = small_ladder()
    state = started(ladder, eased_after=MONDAY - timedelta(days=30))
    data = state_dump(state)
    assert data["v"] == 1
    assert data["dose"] == {
        "sets": 2,
        "low": 10,
        "high": 14,
        "target": 12,
        "load_step": 0,
        "unit": "reps",
        "increment": 2,
        "tempo": "",
        "rest_seconds": 60,
    }
    assert data["eased_after"] == "2025-02-01"
    assert data["rung_sessions"] == [["bridge", 0]]


def test_an_unknown_format_version_is_refused():
    data = state_dump(started(small_ladder()))
    with pytest.raises(EngineInputError, match="unsupported state format 2"):
        state_load({**data, "v": 2})


def test_a_decision_and_its_inputs_dump_as_plain_data():
    ladder = small_ladder()
    state = started(ladder)
    result = session(state, pain=(2, 3))
    check_in = morning(MONDAY, 1, 1)
    decision = progression_after_session(
        state, ladder=ladder, session=result, next_morning=check_in
    )
    stored = json.loads(json.dumps(decision_dump(decision)))
    assert {k: v for k, v in stored.items() if k != "new_state"} == {
        "action": "progress",
        "kind": "dose_up",
        "rule": "P1_sets_complete_pain_ok",
        "reason": decision.reason,
        "alert_physio": False,
        "unmet": [],
    }
    assert state_load(stored["new_state"]) == decision.new_state
    assert session_dump(result) == {
        "rung_key": "bridge",
        "date": "2025-03-03",
        "sets": [[12, 0, 2], [12, 0, 3]],
        "control": "good",
        "effort": None,
    }
    assert check_in_dump(check_in) == {"date": "2025-03-04", "pain": 1, "stiffness": 1}
    assert check_in_dump(None) is None
