"""Screening measures: Ramskov z-scores, step-down grades, single-leg squat grades, asymmetry."""

from __future__ import annotations

import pytest

from stridewell.training.engine import (
    EngineInputError,
    Rating,
    ScreeningInput,
    Sex,
    Side,
    Sided,
    SingleLegSquat,
    asymmetry_flags,
    ramskov_z,
    step_down_grade,
)
from stridewell.training.engine.screening_measures import ramskov_expected

G, F, P = Rating.GOOD, Rating.FAIR, Rating.POOR


@pytest.mark.parametrize(
    ("age", "is_male", "expected"),
    [(30, True, 1.665), (30, False, 1.45), (40, False, 1.40), (60, True, 1.515)],
)
def test_ramskov_expected_strength(age, is_male, expected):
    assert ramskov_expected(age, is_male) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("nm_per_kg", "age", "is_male", "z"),
    [
        (1.665, 30, True, 0.0),
        (1.665 - 0.354, 30, True, -1.0),
        (1.40 + 2 * 0.354, 40, False, 2.0),
        (1.0, 40, False, -1.1299435),
    ],
)
def test_ramskov_z(nm_per_kg, age, is_male, z):
    assert ramskov_z(nm_per_kg, age, is_male) == pytest.approx(z)


@pytest.mark.parametrize(
    ("score", "grade"), [(0, G), (1, G), (2, F), (3, F), (4, P), (5, P), (6, P)]
)
def test_step_down_grade(score, grade):
    assert step_down_grade(score) is grade


def test_step_down_score_above_6_is_rejected():
    with pytest.raises(EngineInputError, match="step-down score must be between 0 and 6, got 7"):
        step_down_grade(7)


@pytest.mark.parametrize(
    ("ratings", "grade"),
    [((G, G, G, G, G), G), ((G, F, G, G, G), F), ((G, F, G, P, G), P), ((P, P, P, P, P), P)],
)
def test_single_leg_squat_grade_is_its_worst_criterion(ratings, grade):
    assert SingleLegSquat(*ratings).grade is grade


def screening(**fields):
    return ScreeningInput(age=35, sex=Sex.FEMALE, current_pain=0, **fields)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"side_bridge_seconds": Sided(100.0, 85.0)}, []),  # exactly 15% is not over 15%
        ({"side_bridge_seconds": Sided(100.0, 84.0)}, [("side_bridge", Side.RIGHT, 16.0)]),
        ({"hip_abduction_nm_kg": Sided(1.02, 1.2)}, []),  # exactly 15%
        ({"hip_abduction_nm_kg": Sided(1.0, 1.25)}, [("hip_abduction", Side.LEFT, 20.0)]),
        ({"balance_seconds": Sided(0.0, 0.0)}, []),
        ({"balance_seconds": Sided(45.0, 30.0)}, [("balance", Side.RIGHT, 33.33333333333333)]),
    ],
)
def test_asymmetry_flags_over_15_percent(fields, expected):
    flags = asymmetry_flags(screening(**fields))
    assert [(f.test, f.weaker, f.difference_pct) for f in flags] == [
        (t, s, pytest.approx(p)) for t, s, p in expected
    ]


def test_asymmetry_sentence():
    (flag,) = asymmetry_flags(screening(hip_abduction_nm_kg=Sided(1.0, 1.25)))
    assert flag.sentence == "your left hip-abduction strength is 20% below your other side"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"age": 8}, "age must be between 12 and 100, got 8"),
        ({"current_pain": 11}, "current pain must be between 0 and 10, got 11"),
        ({"step_down": Sided(2, 9)}, "right step-down score must be between 0 and 6, got 9"),
        ({"balance_seconds": Sided(50.0, 20.0)}, "left balance time must be between 0 and 45"),
        ({"hip_abduction_nm_kg": Sided(-1.0, 1.0)}, "left hip-abduction strength must be between"),
        ({"side_bridge_seconds": Sided(30.0, -2.0)}, "right side-bridge time must be between"),
        ({"sex": "woman"}, "sex must be one of female, male, not_stated"),
    ],
)
def test_invalid_screening_inputs(fields, message):
    values = {"age": 35, "sex": Sex.FEMALE, "current_pain": 0, **fields}
    with pytest.raises(EngineInputError, match=message):
        ScreeningInput(**values)
