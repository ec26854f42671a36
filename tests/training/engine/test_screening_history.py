"""Running history and the bone-stress screen: refer on any sign; experience starts higher."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings

from stridewell.training.engine import (
    BoneStressSign,
    EngineInputError,
    Injury,
    ScreeningInput,
    ScreeningRule,
    Sex,
    Sided,
    screening_place,
)

from .test_placement import FAIR_SQUAT, GOOD, LADDERS, START, screenings

S9 = ScreeningRule.S9_EXPERIENCED_ONE_LEVEL_UP
RECENT = (Injury("calf", 2),)  # a recent injury starts a step more gently (level 3)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"years_running": -1}, "years running must be between 0 and 80, got -1"),
        ({"years_running": 81}, "years running must be between 0 and 80, got 81"),
        ({"years_running": 36}, r"years running must be no more than your age \(35\), got 36"),
        ({"years_running": True}, "years running must be a whole number"),
        ({"weekly_km": 301}, "weekly running distance must be between 0 and 300, got 301"),
        ({"weekly_km": 40.5}, "weekly running distance must be a whole number"),
        ({"marathons_finished": -2}, "marathons finished must be between 0 and 500, got -2"),
        ({"bone_stress": frozenset({"sore_shin"})}, "bone-stress signs must be BoneStressSign"),
        (
            {"is_self_screen": True, "start_despite_pain": True},
            "only a physio can start a programme despite pain",
        ),
    ],
)
def test_invalid_history_is_rejected(fields, message):
    values = {"age": 35, "sex": Sex.FEMALE, "current_pain": 0, **fields}
    with pytest.raises(EngineInputError, match=message):
        ScreeningInput(**values)


@pytest.mark.parametrize("sign", list(BoneStressSign))
@pytest.mark.parametrize("is_self_screen", [True, False])
def test_any_bone_stress_sign_refers_to_a_physio(sign, is_self_screen):
    screening = replace(GOOD, bone_stress=frozenset({sign}), is_self_screen=is_self_screen)

    placement = screening_place(screening, LADDERS)

    assert (placement.has_programme, placement.offer_booking) == (False, True)
    assert placement.rules == (ScreeningRule.S2_BONE_STRESS,)
    assert placement.bone_stress == (sign,)
    assert placement.placements == ()


def test_a_bone_stress_sign_refers_even_when_a_physio_would_start_despite_pain():
    screening = replace(
        GOOD, current_pain=6, start_despite_pain=True, bone_stress={BoneStressSign.PAIN_ON_HOPPING}
    )
    assert screening_place(screening, LADDERS).has_programme is False


def test_pain_on_hopping_is_explained_calmly():
    screening = replace(GOOD, bone_stress=frozenset({BoneStressSign.PAIN_ON_HOPPING}))
    assert screening_place(screening, LADDERS).message == (
        "You told us about pain when you hop on one leg. In runners this can be an early sign of "
        "a bone stress injury, which heals well when it is found early. A physio should examine "
        "it before you start an exercise programme; until then, please don't run or hop through "
        "that pain. Please book an appointment with one of our physios."
    )


def test_missed_periods_are_explained_as_red_s_calmly_and_factually():
    screening = replace(GOOD, bone_stress=frozenset({BoneStressSign.MISSED_PERIODS}))
    assert screening_place(screening, LADDERS).message == (
        "You told us about periods that have stopped or become irregular while training. When "
        "training uses more energy than food provides, periods can stop and bones recover less "
        "well. This is called relative energy deficiency in sport (RED-S); it is common in "
        "endurance runners and it can be put right. A physio will talk it through with you "
        "before you start a programme, and may suggest your GP too. Please book an appointment "
        "with one of our physios."
    )


EXPERIENCE = [
    ({"years_running": 2}, False),
    ({"years_running": 3}, True),
    ({"weekly_km": 29}, False),
    ({"weekly_km": 30}, True),
    ({"marathons_finished": 0}, False),
    ({"marathons_finished": 1}, True),
    ({"years_running": 2, "weekly_km": 20, "marathons_finished": 0}, False),
]


@pytest.mark.parametrize(("history", "raised"), EXPERIENCE)
def test_experienced_runners_with_good_tests_start_one_level_higher(history, raised):
    # Given good tests and a recent injury (level 3 without the history)
    placement = screening_place(replace(GOOD, injuries=RECENT, **history), LADDERS)

    assert placement.starting_level == (4 if raised else 3)
    assert (S9 in placement.rules) is raised
    assert [p.rung_key for p in placement.placements] == [START[placement.starting_level]]


def test_the_reason_names_what_placed_an_experienced_runner():
    screening = replace(GOOD, injuries=RECENT, years_running=6, weekly_km=45, marathons_finished=2)

    (placed,) = screening_place(screening, LADDERS).placements

    assert placed.rule is S9
    assert placed.reason == (
        "You have run for 6 years, about 45 km a week and have finished 2 marathons, with good "
        "single-leg squats and good step-downs, so you start a level higher, at 'Banded "
        "single-leg squat'. Otherwise we'd have started you lower because you had a calf injury "
        "in the last 3 months."
    )


@pytest.mark.parametrize(
    ("changes", "level"),
    [
        ({"single_leg_squat": Sided(FAIR_SQUAT, FAIR_SQUAT)}, 2),
        ({"step_down": Sided(2, 0)}, 2),
        ({"trendelenburg_positive": Sided(False, True)}, 1),
        ({"side_bridge_seconds": Sided(90.0, 70.0)}, 2),  # a left/right gap over 15%
        ({"balance_seconds": Sided(28.0, 30.0)}, 2),
        ({"single_leg_squat": None, "step_down": None, "side_bridge_seconds": None}, 1),
    ],
)
def test_experience_does_not_lift_a_runner_whose_tests_were_not_all_good(changes, level):
    screening = replace(GOOD, injuries=RECENT, years_running=10, **changes)
    placement = screening_place(screening, LADDERS)
    assert placement.starting_level == level
    assert S9 not in placement.rules


@pytest.mark.parametrize(
    ("changes", "level", "held_by"),
    [
        ({}, 4, "a screening starts no one above level 4"),
        ({"current_pain": 2}, 3, "your pain today is 2/10"),
        ({"current_pain": 4}, 1, "your pain today is 4/10"),
    ],
)
def test_experience_never_lifts_above_the_clinic_cap_or_a_pain_cap(changes, level, held_by):
    placement = screening_place(replace(GOOD, years_running=10, **changes), LADDERS)

    assert placement.starting_level == level
    assert S9 not in placement.rules
    (placed,) = placement.placements
    assert f"would start you a level higher, but {held_by}" in placed.reason


SELF_AT_HOME = replace(
    GOOD, is_self_screen=True, single_leg_squat=None, step_down=None, hip_abduction_nm_kg=None
)


def test_a_self_screen_with_good_home_tests_and_experience_starts_at_level_2_not_1():
    without = screening_place(replace(SELF_AT_HOME, injuries=RECENT), LADDERS)
    placement = screening_place(replace(SELF_AT_HOME, injuries=RECENT, weekly_km=50), LADDERS)

    assert (without.starting_level, placement.starting_level) == (1, 2)
    assert placement.placements[0].reason.startswith(
        "You run about 50 km a week, with side bridges of 88 s or more and 44 s or more "
        "balancing on each leg, so you start a level higher, at 'Side-lying hip abduction'."
    )


@settings(deadline=None)  # a shared CI machine must not turn slowness into failure
@given(screenings())
def test_experience_raises_by_one_level_at_most_and_never_past_a_cap(screening):
    novice = replace(screening, years_running=None, weekly_km=None, marathons_finished=None)
    seasoned = replace(screening, years_running=10, weekly_km=60, marathons_finished=3)

    before = screening_place(novice, LADDERS)
    after = screening_place(seasoned, LADDERS)

    if not before.has_programme:
        assert not after.has_programme
        return
    assert before.starting_level <= after.starting_level <= before.starting_level + 1
    assert after.starting_level <= (3 if screening.is_self_screen else 4)
    if screening.current_pain >= 4:
        assert after.starting_level == 1
    elif screening.current_pain >= 2:
        assert after.starting_level <= 3
