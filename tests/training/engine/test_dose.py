"""Dose and load scales: double progression up and down, and input checks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridewell.training.engine import (
    Dose,
    EngineInputError,
    LoadScale,
    dose_describe,
    dose_step_down,
    dose_step_up,
    is_bottom_dose,
    is_top_dose,
)

BANDS = LoadScale.band()  # none, light, medium, heavy, extra heavy


def test_band_scale_runs_from_no_band_to_extra_heavy():
    assert BANDS.labels == (
        "no band",
        "light band",
        "medium band",
        "heavy band",
        "extra heavy band",
    )
    assert LoadScale.band(lightest="light", heaviest="heavy").labels == (
        "light band",
        "medium band",
        "heavy band",
    )


def test_kg_scale_steps_by_the_increment():
    scale = LoadScale.kg(max_kg=7.5, increment_kg=2.5)
    assert scale.labels == ("no added weight", "2.5 kg", "5 kg", "7.5 kg")
    assert LoadScale.kg(start_kg=4, max_kg=8, increment_kg=2).labels == ("4 kg", "6 kg", "8 kg")


@pytest.mark.parametrize(
    ("dose", "expected"),
    [
        (Dose.reps(sets=3, low=10, high=15), (10, 12, 14, 15)),
        (Dose.reps(sets=3, low=8, high=12), (8, 10, 12)),
        (Dose.hold(sets=4, low=20, high=45), (20, 25, 30, 35, 40, 45)),
        (Dose.reps(sets=1, low=5, high=5), (5,)),
    ],
)
def test_stops_always_end_at_the_top_of_the_range(dose, expected):
    assert dose.stops() == expected


# (dose before, step up, step down) with the band scale: None = no further step.
STEPS = [
    (Dose.reps(sets=3, low=10, high=15, target=10), (12, 0), None),
    (Dose.reps(sets=3, low=10, high=15, target=14), (15, 0), (12, 0)),
    (Dose.reps(sets=3, low=10, high=15, target=15), (10, 1), (14, 0)),
    (Dose.reps(sets=3, low=10, high=15, target=10, load_step=1), (12, 1), (15, 0)),
    (Dose.reps(sets=3, low=10, high=15, target=15, load_step=4), None, (14, 4)),
    (Dose.reps(sets=3, low=10, high=15, target=11), (12, 0), (10, 0)),  # off-stop target snaps
    (Dose.hold(sets=3, low=20, high=30, target=30, load_step=2), (20, 3), (25, 2)),
]


@pytest.mark.parametrize(("dose", "up", "down"), STEPS)
def test_double_progression_table(dose, up, down):
    stepped_up = dose_step_up(dose, BANDS)
    stepped_down = dose_step_down(dose, BANDS)
    assert (None if stepped_up is None else (stepped_up.target, stepped_up.load_step)) == up
    assert (None if stepped_down is None else (stepped_down.target, stepped_down.load_step)) == down


def test_only_target_and_load_change_on_a_step():
    dose = Dose.reps(sets=3, low=10, high=15, target=15, tempo="3-1-1", rest_seconds=90)
    up = dose_step_up(dose, BANDS)
    assert up == Dose.reps(
        sets=3, low=10, high=15, target=10, load_step=1, tempo="3-1-1", rest_seconds=90
    )


def test_top_and_bottom_doses():
    assert is_top_dose(Dose.reps(sets=3, low=10, high=15, target=15, load_step=4), BANDS)
    assert not is_top_dose(Dose.reps(sets=3, low=10, high=15, target=15, load_step=3), BANDS)
    assert is_bottom_dose(Dose.reps(sets=3, low=10, high=15))
    assert not is_bottom_dose(Dose.reps(sets=3, low=10, high=15, load_step=1))


@st.composite
def on_stop_doses(draw):
    low = draw(st.integers(1, 30))
    high = draw(st.integers(low, low + 30))
    increment = draw(st.integers(1, 6))
    base = Dose.reps(sets=draw(st.integers(1, 6)), low=low, high=high, increment=increment)
    target = draw(st.sampled_from(base.stops()))
    return Dose.reps(
        sets=base.sets,
        low=low,
        high=high,
        increment=increment,
        target=target,
        load_step=draw(st.integers(0, BANDS.max_step)),
    )


@given(on_stop_doses())
def test_step_up_then_down_returns_the_same_dose_except_at_the_top(dose):
    up = dose_step_up(dose, BANDS)
    if up is None:
        assert is_top_dose(dose, BANDS)
    else:
        assert dose_step_down(up, BANDS) == dose


@given(on_stop_doses())
def test_step_down_then_up_returns_the_same_dose_except_at_the_bottom(dose):
    down = dose_step_down(dose, BANDS)
    if down is None:
        assert is_bottom_dose(dose)
    else:
        assert dose_step_up(down, BANDS) == dose


@given(on_stop_doses())
def test_a_step_up_is_always_harder(dose):
    up = dose_step_up(dose, BANDS)
    if up is not None:
        assert (up.load_step, up.target) > (dose.load_step, dose.target)


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (Dose.reps(sets=3, low=10, high=15, target=12, load_step=2), "3 × 12 reps, medium band"),
        (Dose.hold(sets=4, low=30, high=45), "4 × 30 s holds, no band"),
        (Dose.reps(sets=2, low=1, high=3, tempo="3-1-3"), "2 × 1 rep, no band, tempo 3-1-3"),
    ],
)
def test_describe(dose, text):
    assert dose_describe(dose, BANDS) == text


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Dose.reps(sets=0, low=10, high=15), "sets must be between 1 and 20, got 0"),
        (lambda: Dose.reps(sets=3, low=-1, high=15), "bottom of the range must be between"),
        (lambda: Dose.reps(sets=3, low=12, high=10), "top of the range must be between 12"),
        (lambda: Dose.reps(sets=3, low=10, high=15, target=16), "target must be between 10"),
        (lambda: Dose.reps(sets=3, low=10, high=15, load_step=-1), "load step must be between"),
        (lambda: Dose.reps(sets=2.5, low=10, high=15), "sets must be a whole number"),
        (lambda: LoadScale.kg(max_kg=7, increment_kg=2.5), "whole number of increments"),
        (lambda: LoadScale.band(lightest="heavy", heaviest="light"), "lightest band must come"),
        (lambda: LoadScale.band(lightest="pink"), "band names are"),
    ],
)
def test_invalid_doses_are_rejected_with_a_clear_message(build, message):
    with pytest.raises(EngineInputError, match=message):
        build()


def test_engine_input_error_is_a_value_error():
    with pytest.raises(ValueError, match="sets"):
        Dose.reps(sets=0, low=1, high=2)


def test_a_dose_heavier_than_the_scale_is_rejected():
    with pytest.raises(EngineInputError, match="outside this scale"):
        dose_step_up(Dose.reps(sets=3, low=10, high=15, load_step=5), BANDS)
