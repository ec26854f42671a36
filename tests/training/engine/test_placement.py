"""Screening placement: red flags refer, findings set the start, prerequisites are respected."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridewell.training.engine import (
    Injury,
    Ladder,
    Prerequisite,
    Rating,
    RedFlag,
    Rung,
    ScreeningInput,
    Sex,
    Sided,
    SingleLegSquat,
    screening_place,
)

from .builders import glute_med_ladder

GOOD_SQUAT = SingleLegSquat(*(Rating.GOOD,) * 5)
FAIR_SQUAT = replace(GOOD_SQUAT, knee=Rating.FAIR)
POOR_SQUAT = replace(GOOD_SQUAT, pelvis=Rating.POOR)

GOOD = ScreeningInput(
    age=35,
    sex=Sex.FEMALE,
    current_pain=0,
    single_leg_squat=Sided(GOOD_SQUAT, GOOD_SQUAT),
    step_down=Sided(0, 1),
    trendelenburg_positive=Sided(False, False),
    side_bridge_seconds=Sided(90.0, 88.0),
    hip_abduction_nm_kg=Sided(1.5, 1.45),  # the norm at 35 for women is 1.425
    balance_seconds=Sided(45.0, 44.0),
)
LADDERS = [glute_med_ladder()]  # levels: clam 1, side-lying 2, banded squat 2, weighted 3, SL 4
START = {
    1: "gm_clam",
    2: "gm_side_lying",
    3: "gm_weighted_squat",
    4: "gm_single_leg_squat",
}

BRANCHES = [
    ("all good", {}, 4),
    ("poor single-leg squat", {"single_leg_squat": Sided(POOR_SQUAT, GOOD_SQUAT)}, 1),
    ("fair single-leg squat", {"single_leg_squat": Sided(FAIR_SQUAT, FAIR_SQUAT)}, 3),
    ("step-down 4 is poor", {"step_down": Sided(0, 4)}, 1),
    ("step-down 2 is moderate", {"step_down": Sided(2, 1)}, 3),
    ("positive Trendelenburg", {"trendelenburg_positive": Sided(True, False)}, 2),
    ("pain today 4", {"current_pain": 4}, 1),
    ("pain today 2", {"current_pain": 2}, 3),
    ("pain today 1", {"current_pain": 1}, 4),
    ("strength 1 SD below the norm", {"hip_abduction_nm_kg": Sided(1.05, 1.06)}, 2),
    ("strength 2 SD below the norm", {"hip_abduction_nm_kg": Sided(0.7, 0.71)}, 1),
    ("weak, but no sex-specific norm",
     {"sex": Sex.NOT_STATED, "hip_abduction_nm_kg": Sided(0.7, 0.71)}, 4),
    ("short side bridge", {"side_bridge_seconds": Sided(25.0, 28.0)}, 3),
    ("short single-leg balance", {"balance_seconds": Sided(22.0, 20.0)}, 3),
    ("no movement test", {"single_leg_squat": None, "step_down": None}, 2),
    ("self-screen", {"is_self_screen": True, "hip_abduction_nm_kg": None}, 2),
    ("self-screen with a moderate step-down",
     {"is_self_screen": True, "step_down": Sided(2, 2)}, 2),
    ("injury 2 months ago", {"injuries": (Injury("calf", 2),)}, 3),
    ("injury 6 months ago", {"injuries": (Injury("calf", 6),)}, 4),
    ("left/right gap over 15%", {"side_bridge_seconds": Sided(90.0, 70.0)}, 3),
    ("gaps in two tests lower only once",
     {"side_bridge_seconds": Sided(90.0, 70.0), "balance_seconds": Sided(45.0, 30.0)}, 3),
    ("poor squat and self-screen never go below level 1",
     {"is_self_screen": True, "single_leg_squat": Sided(POOR_SQUAT, POOR_SQUAT)}, 1),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "level"), [pytest.param(*b[1:], id=b[0]) for b in BRANCHES])
def test_placement_branches(changes, level):
    placement = screening_place(replace(GOOD, **changes), LADDERS)
    assert placement.has_programme
    assert placement.starting_level == level
    assert [p.rung_key for p in placement.placements] == [START[level]]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (
            {},
            "Your movement, strength and pain results were good, so you start at 'Banded "
            "single-leg squat'.",
        ),
        (
            {"single_leg_squat": Sided(POOR_SQUAT, GOOD_SQUAT), "step_down": Sided(5, 4)},
            "You start at 'Clam' because your single-leg squat was poor on the left and your "
            "step-down scored 5/6 on both sides (poor).",
        ),
        (
            {"hip_abduction_nm_kg": Sided(1.05, 1.5)},
            "You start at 'Clam' because your hip-abduction strength is "
            "below the usual range for your age on the left (z = -1.1). We've started you a step "
            "more gently because your left hip-abduction strength is 30% below your other side.",
        ),
        (
            {"is_self_screen": True, "hip_abduction_nm_kg": None},
            "Your movement, strength and pain results were good, so you start at 'Side-lying hip "
            "abduction'. We've started you a step more gently because this was a self-screen.",
        ),
    ],
)
def test_each_placement_has_a_reason_in_the_runners_numbers(changes, reason):
    (placed,) = screening_place(replace(GOOD, **changes), LADDERS).placements
    assert placed.reason == reason


def test_any_red_flag_means_no_programme_and_a_physio_booking():
    placement = screening_place(
        replace(GOOD, red_flags=frozenset({RedFlag.NIGHT_PAIN, RedFlag.NUMBNESS})), LADDERS
    )
    assert not placement.has_programme
    assert placement.offer_booking
    assert placement.placements == ()
    assert placement.red_flags == (RedFlag.NIGHT_PAIN, RedFlag.NUMBNESS)
    assert placement.message == (
        "You told us about pain at night; numbness or pins and needles. These are usually not "
        "serious, but they need a physiotherapist to check them in person before you start an "
        "exercise programme. Please book an appointment with one of our physios."
    )


@pytest.mark.parametrize("flag", list(RedFlag))
def test_every_red_flag_stops_the_programme(flag):
    placement = screening_place(replace(GOOD, red_flags=frozenset({flag})), LADDERS)
    assert (placement.has_programme, placement.offer_booking) == (False, True)


def test_bladder_or_bowel_change_is_told_not_to_wait():
    placement = screening_place(
        replace(GOOD, red_flags=frozenset({RedFlag.BLADDER_BOWEL})), LADDERS
    )
    assert placement.message.endswith(
        "please don't wait for an appointment: call NHS 111 or go to A&E today."
    )


@pytest.mark.parametrize(
    ("is_self_screen", "pain", "despite", "has_programme"),
    [
        (True, 4, False, True),
        (True, 5, False, False),
        (True, 6, False, False),
        (True, 10, False, False),
        (False, 4, False, True),
        (False, 5, False, False),
        (False, 7, False, False),
        (False, 5, True, True),
        (False, 7, True, True),
        (False, 10, True, True),
    ],
)
def test_pain_of_5_or_more_refers_unless_a_physio_chooses_to_start(
    is_self_screen, pain, despite, has_programme
):
    screening = replace(
        GOOD, is_self_screen=is_self_screen, current_pain=pain, start_despite_pain=despite
    )
    placement = screening_place(screening, LADDERS)
    assert placement.has_programme is has_programme
    assert placement.offer_booking is (is_self_screen or not has_programme)


def test_placement_carries_baseline_z_scores_and_assumed_progress():
    placement = screening_place(replace(GOOD, current_pain=1), LADDERS)
    assert placement.baseline_pain == 1
    assert placement.hip_abduction_z.left == pytest.approx((1.5 - 1.425) / 0.354)
    assert placement.assumed_progress == (
        ("gm_banded_squat", 3),
        ("gm_clam", 3),
        ("gm_side_lying", 3),
        ("gm_single_leg_squat", 0),
        ("gm_weighted_squat", 3),
    )


def _cross_ladders():
    balance = Ladder(
        "balance",
        "Balance",
        (
            Rung("stance", "stance", 1, "Stance", level=1),
            Rung("hitch", "hitch", 2, "Hitch", level=3),
        ),
    )
    squat = Ladder(
        "squat",
        "Squat",
        (
            Rung("banded", "banded", 1, "Banded squat", level=2),
            Rung(
                "step_up", "step_up", 2, "Step-up", level=4, prerequisites=(Prerequisite("hitch"),)
            ),
        ),
    )
    return [balance, squat]


def test_a_start_is_lowered_below_a_rung_whose_prerequisite_cannot_be_assumed():
    # Given good results (level 4): balance starts at Hitch, which is reached but not completed
    placement = screening_place(GOOD, _cross_ladders())
    # Then the squat ladder cannot start at Step-up, which needs Hitch completed
    assert [(p.ladder_key, p.rung_key) for p in placement.placements] == [
        ("balance", "hitch"),
        ("squat", "banded"),
    ]
    assert placement.placements[1].reason.endswith(
        "'Step-up' can only follow once 'Hitch' has been completed."
    )


SQUATS = st.sampled_from([GOOD_SQUAT, FAIR_SQUAT, POOR_SQUAT])


@st.composite
def screenings(draw):
    sides = lambda values: st.builds(Sided, values, values)  # noqa: E731
    is_self = draw(st.booleans())
    return ScreeningInput(
        age=draw(st.integers(18, 80)),
        sex=draw(st.sampled_from(Sex)),
        current_pain=draw(st.integers(0, 6)),
        is_self_screen=is_self,
        start_despite_pain=draw(st.booleans()) and not is_self,
        injuries=draw(st.lists(st.builds(Injury, st.just("knee"), st.integers(0, 24)), max_size=2)),
        single_leg_squat=draw(st.none() | sides(SQUATS)),
        step_down=draw(st.none() | sides(st.integers(0, 6))),
        trendelenburg_positive=draw(st.none() | sides(st.booleans())),
        side_bridge_seconds=draw(st.none() | sides(st.floats(0, 200))),
        hip_abduction_nm_kg=draw(st.none() | sides(st.floats(0.3, 3))),
        balance_seconds=draw(st.none() | sides(st.floats(0, 45))),
        years_running=draw(st.none() | st.integers(0, 18)),
        weekly_km=draw(st.none() | st.integers(0, 120)),
        marathons_finished=draw(st.none() | st.integers(0, 3)),
    )  # fmt: skip


@given(screenings())
def test_no_start_sits_above_a_rung_whose_prerequisites_are_not_assumed_met(screening):
    ladders = [glute_med_ladder(), *_cross_ladders()]
    placement = screening_place(screening, ladders)
    progress = dict(placement.assumed_progress)
    by_key = {ladder.key: ladder for ladder in ladders}
    for placed in placement.placements:
        ladder = by_key[placed.ladder_key]
        for rung in ladder.ordered[: ladder.index_of(placed.rung_key) + 1]:
            assert all(p.is_met(progress) for p in rung.prerequisites)


@given(screenings())
def test_a_self_screen_never_starts_higher_than_the_same_results_in_clinic(screening):
    ladders = [glute_med_ladder()]
    as_self = replace(screening, is_self_screen=True, start_despite_pain=False)
    self_level = screening_place(as_self, ladders).starting_level
    clinic_level = screening_place(replace(screening, is_self_screen=False), ladders).starting_level
    assert self_level <= clinic_level
    assert self_level in range(4)  # 0: referred (pain of 5/10 or more)
