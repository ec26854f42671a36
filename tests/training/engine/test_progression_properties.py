"""Safety properties of the progression engine, checked over generated states and sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from stridewell.training.engine import (
    Action,
    Baseline,
    CheckIn,
    Control,
    DecisionKind,
    Ladder,
    Override,
    Prerequisite,
    ProgressionState,
    SessionResult,
    SetResult,
    progression_after_session,
    progression_resume,
    progression_start,
    state_dump,
    state_load,
)
from stridewell.training.engine.steps import rank
from stridewell.training.engine.symptoms import WeekSymptoms

from .builders import MONDAY, glute_med_ladder, small_ladder

LADDERS = (
    small_ladder(),
    small_ladder(squat_prerequisites=(Prerequisite("clam", min_good_sessions=3),)),
    glute_med_ladder(),
)


@st.composite
def situations(draw):
    """A ladder, a runner somewhere on it, and one session with an optional next morning."""
    ladder: Ladder = draw(st.sampled_from(LADDERS))
    rungs = ladder.ordered
    index = draw(st.integers(0, len(rungs) - 1))
    rung = rungs[index]
    dose = replace(
        rung.dose,
        target=draw(st.sampled_from(rung.dose.stops())),
        load_step=draw(st.integers(0, rung.scale.max_step)),
    )
    progress = {r.key: draw(st.integers(0, 4)) for r in rungs[: index + 1]}
    state = progression_start(
        ladder=ladder,
        rung_key=rung.key,
        started_on=MONDAY - timedelta(days=90),
        baseline_pain=draw(st.integers(0, 10)),
        baseline_stiffness=draw(st.none() | st.integers(0, 10)),
        dose=dose,
        assumed_progress=progress,
    )
    weeks = tuple(
        WeekSymptoms(MONDAY - timedelta(days=7 * (3 - i)), p, s, c)
        for i, (p, s, c) in enumerate(
            draw(
                st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.just(3)), max_size=3)
            )
        )
    )
    last_gap = draw(st.none() | st.integers(1, 30))
    pin = draw(st.sampled_from(["none", "rung", "dose"]))
    override = None
    if pin != "none":  # a physio pinned the current rung (and maybe the dose)
        override = Override(rung.key, dose if pin == "dose" else None, "Sam", MONDAY)
    state = replace(
        state,
        override=override,
        top_dose_streak=draw(st.integers(0, 2)),
        weeks=weeks,
        last_session_date=None if last_gap is None else MONDAY - timedelta(days=last_gap),
    )
    sets = draw(
        st.lists(
            st.builds(
                SetResult,
                st.integers(0, 20),
                st.integers(0, rung.scale.max_step),
                st.integers(0, 10),
            ),
            max_size=4,
        )
    )
    session = SessionResult(rung.key, MONDAY, tuple(sets), draw(st.sampled_from(Control)))
    check_in = draw(
        st.none()
        | st.builds(
            CheckIn, st.just(MONDAY + timedelta(days=1)), st.integers(0, 10), st.integers(0, 10)
        )
    )
    return ladder, state, session, check_in


def _excess(check_in: CheckIn | None, baseline: Baseline) -> int:
    """How far the next morning sat above the usual level in force that morning (0 if not)."""
    if check_in is None:
        return 0
    stiffer = 0 if baseline.stiffness is None else check_in.stiffness - baseline.stiffness
    return max(0, check_in.pain - baseline.pain, stiffer)


def _decide(ladder, state, session, check_in):
    return progression_after_session(state, ladder=ladder, session=session, next_morning=check_in)


@given(situations())
def test_never_progress_with_pain_above_5_or_a_worse_morning(situation):
    _, _, session, check_in = situation
    decision = _decide(*situation)
    # the decision's new state carries the usual level the morning was judged against
    excess = _excess(check_in, decision.new_state.baseline)
    if session.max_pain > 5 or excess > 0:
        assert decision.action is not Action.PROGRESS
    if session.max_pain > 5 or excess >= 2:
        assert decision.alert_physio
        # only a physio's pinned dose can keep a regress from happening
        assert decision.action is Action.REGRESS or decision.new_state.override is not None


@given(situations())
def test_progress_needs_low_pain_good_control_and_a_settled_morning(situation):
    _, _, session, check_in = situation
    decision = _decide(*situation)
    if decision.action is Action.PROGRESS:
        assert session.max_pain <= 3
        assert session.control is Control.GOOD
        assert check_in is not None
        assert _excess(check_in, decision.new_state.baseline) == 0
        assert decision.new_state.baseline.stiffness is not None


@given(situations())
def test_never_skip_a_rung_or_an_unmet_prerequisite(situation):
    ladder, state, _, _ = situation
    decision = _decide(*situation)
    before = ladder.index_of(state.rung_key)
    after = ladder.index_of(decision.new_state.rung_key)
    assert after - before in {-1, 0, 1}
    if after == before + 1:
        progress = decision.new_state.progress()
        new_rung = ladder.rung(decision.new_state.rung_key)
        assert all(p.is_met(progress) for p in new_rung.prerequisites)


@given(situations())
def test_never_below_the_first_rung_and_a_regress_never_raises_the_dose(situation):
    ladder, state, *_ = situation
    decision = _decide(*situation)
    assert ladder.index_of(decision.new_state.rung_key) >= 0
    old = rank(ladder, state.rung_key, state.dose)
    new = rank(ladder, decision.new_state.rung_key, decision.new_state.dose)
    if decision.action is Action.REGRESS:
        at_floor = old == (0, 0, ladder.ordered[0].dose.low)
        pinned = state.override is not None  # a pin can block a step down, never reverse it
        assert new < old or ((at_floor or pinned) and new == old)
    if decision.action is Action.HOLD:
        assert new == old
    if decision.action is Action.PROGRESS:
        assert new > old


@given(situations(), st.data())
def test_an_ease_back_within_a_rung_never_lands_above_the_last_tolerated_dose(situation, data):
    """After a big step skipped rep stops, a plain step down would be a dose never done."""
    ladder, state, session, check_in = situation
    rung = ladder.rung(state.rung_key)
    tolerated = replace(
        rung.dose,
        target=data.draw(st.sampled_from(rung.dose.stops())),
        load_step=data.draw(st.integers(0, rung.scale.max_step)),
    )
    state = replace(state, tolerated=((rung.key, tolerated),))
    decision = _decide(ladder, state, session, check_in)
    new = decision.new_state
    eased_within = decision.action is Action.REGRESS and new.rung_key == rung.key
    if eased_within and state.override is None:
        below_old = (new.dose.load_step, new.dose.target) < (
            state.dose.load_step,
            state.dose.target,
        )
        assert below_old or new.dose == state.dose  # at the floor, or a paused hold
        if (tolerated.load_step, tolerated.target) < (state.dose.load_step, state.dose.target):
            assert (new.dose.load_step, new.dose.target) <= (tolerated.load_step, tolerated.target)


@given(situations())
def test_same_inputs_same_decision(situation):
    ladder, state, session, check_in = situation
    first = _decide(ladder, state, session, check_in)
    second = _decide(ladder, state, session, check_in)
    stored = _decide(ladder, state_load(state_dump(state)), session, check_in)
    assert first == second == stored


@st.composite
def histories(draw):
    """A runner logging 10-40 sessions, 1-20 days apart, each with random results."""
    ladder = draw(st.sampled_from(LADDERS))
    steps = draw(
        st.lists(
            st.tuples(
                st.integers(1, 20),  # days since the previous session
                st.integers(0, 8),  # pain during
                st.sampled_from(Control),
                st.booleans(),  # all sets done?
                st.none() | st.tuples(st.integers(0, 6), st.integers(0, 6)),  # next morning
                st.none() | st.integers(1, 10),  # effort (RPE), None when not reported
            ),
            min_size=10,
            max_size=40,
        )
    )
    return ladder, steps


@given(histories())
def test_invariants_hold_along_a_whole_history(history):
    ladder, steps = history
    state: ProgressionState = progression_start(
        ladder=ladder, rung_key=ladder.ordered[0].key, started_on=MONDAY, baseline_pain=1
    )
    day = MONDAY
    for gap, pain, control, complete, check, effort in steps:
        day += timedelta(days=gap)
        if state.is_paused:  # the physio reviews the runner and restarts the exercise
            state = progression_resume(
                state, ladder=ladder, resumed_by="Sam Patel", today=day
            ).new_state
        dose = state.dose
        count = dose.sets if complete else dose.sets - 1
        sets = tuple(SetResult(dose.target, dose.load_step, pain) for _ in range(count))
        check_in = None if check is None else CheckIn(day + timedelta(days=1), *check)
        session = SessionResult(state.rung_key, day, sets, control, effort)
        decision = progression_after_session(
            state, ladder=ladder, session=session, next_morning=check_in
        )
        before, after = (
            ladder.index_of(state.rung_key),
            ladder.index_of(decision.new_state.rung_key),
        )
        assert after - before in {-1, 0, 1}
        if pain > 5:
            assert decision.action is not Action.PROGRESS
        flare = check_in is not None and _excess(check_in, decision.new_state.baseline) >= 4
        if pain >= 7 or flare:  # a severe reaction pauses the exercise and alerts the physio
            assert (decision.action, decision.kind) == (Action.REGRESS, DecisionKind.PAUSED)
            assert decision.alert_physio
            assert decision.new_state.is_paused
        if effort is not None and effort > 7:
            assert decision.action is not Action.PROGRESS
        old = rank(ladder, state.rung_key, state.dose)
        new = rank(ladder, decision.new_state.rung_key, decision.new_state.dose)
        if decision.action is Action.REGRESS:
            assert new <= old
        state = decision.new_state
        if check_in is not None:
            day = check_in.date
        # the carried state stays small however long the history
        assert len(state.weeks) <= 4
        assert {key for key, _ in state.rung_sessions} <= {r.key for r in ladder.ordered}
