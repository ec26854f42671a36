"""Screening safety: never above the runner's level, pain >= 5 refers, a capped baseline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stridewell.training.engine import (
    Ladder,
    Prerequisite,
    PrerequisiteKind,
    Rung,
    ScreeningRule,
    screening_place,
)
from stridewell.training.engine.symptoms import Baseline, CheckIn, Morning, fold_check_in

from .builders import glute_med_ladder
from .test_placement import GOOD, LADDERS, POOR_SQUAT, screenings

S6, S7, S8 = (
    ScreeningRule.S6_PLACED,
    ScreeningRule.S7_LADDER_ABOVE_LEVEL,
    ScreeningRule.S8_LADDER_LOCKED,
)


def hops() -> Ladder:
    """Like the clinic's plyometric ladder: every rung is level 6."""
    return Ladder(
        "plyometric",
        "Hops and bounds",
        (
            Rung("pogo", "double_leg_pogo", 1, "Double-leg pogo", level=6),
            Rung("hops", "single_leg_hops", 2, "Single-leg hops", level=6),
        ),
    )


def starts_at(level: int, key: str = "lad") -> Ladder:
    return Ladder(key, f"Ladder from {level}", (Rung(f"{key}_1", "x", 1, "First", level=level),))


# --- item 1: never above the runner's level ---------------------------------------------------


def test_a_level_6_ladder_is_left_out_of_a_level_1_start_with_a_reason():
    # Given pain 4/10 today (level 1) and the hops ladder, whose easiest rung is level 6
    placement = screening_place(replace(GOOD, current_pain=4), [glute_med_ladder(), hops()])

    # Then hops are not placed, and the runner is told why
    assert [p.ladder_key for p in placement.placements] == ["glute_med"]
    (left_out,) = placement.not_yet
    assert (left_out.ladder_key, left_out.rule) == ("plyometric", S7)
    assert left_out.reason == (
        "Hops and bounds starts at level 6 (jumping and hopping); your starting level is 1, so "
        "it is not in your programme yet."
    )
    assert placement.rules == (S6, S7)
    assert all("Double-leg pogo" not in p.reason for p in placement.placements)


LEVELS = {  # screening changes -> starting level (see test_placement.BRANCHES)
    1: {"single_leg_squat": replace(GOOD.single_leg_squat, left=POOR_SQUAT)},
    2: {"trendelenburg_positive": replace(GOOD.trendelenburg_positive, left=True)},
    3: {"current_pain": 2},
    4: {},
}


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("first_rung_level", range(1, 7))
def test_a_ladder_is_placed_only_when_its_first_rung_is_within_the_level(level, first_rung_level):
    placement = screening_place(replace(GOOD, **LEVELS[level]), [starts_at(first_rung_level)])

    assert placement.starting_level == level
    placed = first_rung_level <= level
    assert [p.rung_key for p in placement.placements] == (["lad_1"] if placed else [])
    assert [n.rule for n in placement.not_yet] == ([] if placed else [S7])


def test_a_ladder_whose_first_rung_is_locked_is_left_out_with_a_reason():
    # Given a ladder whose first rung needs a rung of another ladder completed, and a start
    # (level 1) below that rung
    balance = Ladder(
        "balance",
        "Balance",
        (
            Rung("stance", "stance", 1, "Stance", level=1),
            Rung("hitch", "hitch", 2, "Hitch", level=2),
        ),
    )
    lunge = Ladder(
        "lunge",
        "Lunges",
        (Rung("split", "split", 1, "Split squat", prerequisites=(Prerequisite("hitch"),)),),
    )
    placement = screening_place(replace(GOOD, current_pain=4), [balance, lunge])

    assert [(p.ladder_key, p.rung_key) for p in placement.placements] == [("balance", "stance")]
    (left_out,) = placement.not_yet
    assert (left_out.ladder_key, left_out.rule) == ("lunge", S8)
    assert left_out.reason == (
        "Lunges starts with 'Split squat', which can only follow once 'Hitch' has been "
        "completed, so it is not in your programme yet."
    )
    assert "hitch" not in dict(placement.assumed_progress)


@st.composite
def ladder_sets(draw):
    """Two to four ladders with rung levels in any order, and prerequisites on any rung drawn
    before (in this or another ladder), so cycles are impossible but chains cross ladders."""
    ladders, keys = [], []
    for n in range(draw(st.integers(2, 4))):
        rungs = []
        for position in range(1, draw(st.integers(1, 5)) + 1):
            key = f"l{n}r{position}"
            needs = draw(st.lists(st.sampled_from(keys), max_size=2, unique=True)) if keys else []
            kind = draw(st.sampled_from(PrerequisiteKind))
            rungs.append(
                Rung(
                    key,
                    key,
                    position,
                    level=draw(st.integers(1, 6)),
                    prerequisites=tuple(Prerequisite(k, kind) for k in needs),
                )
            )
            keys.append(key)
        ladders.append(Ladder(f"l{n}", f"Ladder {n}", tuple(rungs)))
    return ladders


@settings(deadline=None)  # a shared CI machine must not turn slowness into failure
@given(screenings(), ladder_sets())
def test_no_placed_rung_is_ever_above_the_starting_level(screening, ladders):
    placement = screening_place(screening, ladders)
    by_key = {ladder.key: ladder for ladder in ladders}
    progress = dict(placement.assumed_progress)
    for placed in placement.placements:
        ladder = by_key[placed.ladder_key]
        start = ladder.index_of(placed.rung_key)
        # The start and every rung below it (taken as done) are within the level, and unlocked
        for rung in ladder.ordered[: start + 1]:
            assert rung.level <= placement.starting_level
            assert all(p.is_met(progress) for p in rung.prerequisites)
    if placement.has_programme:
        # Every ladder is either placed or listed as "not yet", with its reason
        placed = [p.ladder_key for p in placement.placements]
        left_out = [n.ladder_key for n in placement.not_yet]
        assert sorted(placed + left_out) == sorted(by_key)
        for n in placement.not_yet:
            too_hard = by_key[n.ladder_key].ordered[0].level > placement.starting_level
            assert n.rule is (S7 if too_hard else S8)
    else:
        assert placement.placements == placement.not_yet == ()


# --- item 2: pain of 5/10 or more, and the baseline a physio's start leaves -------------------


def test_a_self_screen_with_pain_6_says_see_a_physio():
    placement = screening_place(replace(GOOD, is_self_screen=True, current_pain=6), LADDERS)

    assert (placement.has_programme, placement.offer_booking) == (False, True)
    assert placement.rules == (ScreeningRule.S3_SELF_SCREEN_PAIN,)
    assert placement.message == (
        "Your pain today is 6/10. At 5/10 or more at rest, a physio should examine you before "
        "you start an exercise programme on your own. Please book an appointment with one of "
        "our physios."
    )


def test_a_clinic_screening_with_pain_5_is_referred_without_the_physios_choice():
    placement = screening_place(replace(GOOD, current_pain=5), LADDERS)

    assert (placement.has_programme, placement.offer_booking) == (False, True)
    assert placement.rules == (ScreeningRule.S4_CLINIC_PAIN_NOT_STARTED,)
    assert placement.message.startswith(
        "Your pain today is 5/10. At 5/10 or more at rest we start an exercise programme only "
        "when your physio chooses to after examining you, so no programme has been started."
    )


def test_a_physio_may_start_despite_pain_and_it_is_recorded_in_the_reason():
    screening = replace(GOOD, current_pain=6, start_despite_pain=True, screened_by="Jane Smith")

    placement = screening_place(screening, LADDERS)

    assert placement.has_programme is True
    assert placement.started_despite_pain is True
    assert placement.rules == (
        ScreeningRule.S5_STARTED_DESPITE_PAIN,
        S6,
        ScreeningRule.S10_BASELINE_PAIN_CAPPED,
    )
    (placed,) = placement.placements
    assert placed.reason == (
        "Started by Jane Smith despite pain 6/10 at rest. "
        "You start at 'Clam' because your pain today is 6/10."
    )
    assert "Jane Smith chose to start it despite your pain of 6/10 at rest." in placement.message


@pytest.mark.parametrize(("pain", "baseline"), [(0, 0), (3, 3), (4, 4), (5, 4), (7, 4), (10, 4)])
def test_the_baseline_pain_a_programme_starts_from_is_capped_at_4(pain, baseline):
    screening = replace(GOOD, current_pain=pain, start_despite_pain=pain >= 5)
    assert screening_place(screening, LADDERS).baseline_pain == baseline


MONDAY = date(2026, 3, 2)


@settings(deadline=None)  # a shared CI machine must not turn slowness into failure
@given(
    pain=st.integers(5, 10),
    mornings=st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10)), max_size=40),
    bad=st.integers(6, 7),
)
def test_after_a_start_despite_pain_a_6_or_7_morning_is_never_normal(pain, mornings, bad):
    # Given a physio's start at pain 5-10/10 and any run of check-ins after it
    screening = replace(GOOD, current_pain=pain, start_despite_pain=True)
    baseline = Baseline(screening_place(screening, LADDERS).baseline_pain)
    weeks: tuple = ()
    day = MONDAY
    for morning_pain, stiffness in mornings:
        weeks, baseline, _ = fold_check_in(weeks, baseline, CheckIn(day, morning_pain, stiffness))
        day += timedelta(days=1)

    # When the runner wakes at 6 or 7/10
    _, _, morning = fold_check_in(weeks, baseline, CheckIn(day, bad, 0))

    # Then that is "worse than usual", never back to normal
    assert morning is Morning.WORSE
