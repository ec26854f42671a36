"""The clinic's data file says what the clinic promises: its own glute-med ladder with the
banded weighted squat gate, the four-stage hamstring-tendon ladder and the six family ladders."""

from __future__ import annotations

from stridewell.training import engine
from stridewell.training.library_data import library_data_read
from stridewell.training.library_engine import PrerequisiteSpec, ladder_specs_build

DATA = library_data_read()
LADDERS = {x.key: x for x in DATA.ladders}
EXERCISES = {e.key: e for e in DATA.exercises}


def _rungs(key: str) -> list[tuple[str, str]]:
    return [(r.spec_fields["key"], r.exercise) for r in LADDERS[key].rungs]


def test_the_clinic_glute_med_ladder_climbs_in_the_clinics_order():
    """The seed's first four rungs, then the advanced options by evidence (ADR 0012)."""
    assert _rungs("clinic_glute_med") == [
        ("gmed_clam", "clam_basic"),
        ("gmed_banded_clam", "clam_banded"),
        ("gmed_banded_side_steps", "lateral_band_walk"),
        ("gmed_banded_squat", "banded_squat"),
        ("gmed_banded_weighted_squat", "banded_goblet_squat"),
        ("gmed_banded_leg_press", "banded_leg_press"),
        ("gmed_step_up", "step_up_forward"),
        ("gmed_split_squat", "split_squat"),
        ("gmed_single_leg_press", "single_leg_press"),
        ("gmed_banded_step_up", "banded_step_up"),
        ("gmed_banded_split_squat", "banded_split_squat"),
        ("gmed_banded_single_leg_squat", "banded_single_leg_squat"),
    ]


def test_the_clinic_ladder_after_its_first_four_rungs_never_drops_a_level():
    """Levels 3-4 (step-ups, split squats, single-leg press) before the level-5 banded SLS, and
    step-up before lunge before single-leg squat (Boudreau 2009; Muyor 2020)."""
    rungs = LADDERS["clinic_glute_med"].rungs[4:]
    levels = [EXERCISES[r.exercise].level for r in rungs]
    assert levels == sorted(levels)
    order = [r.exercise for r in rungs]
    assert order.index("step_up_forward") < order.index("split_squat")
    assert order.index("banded_step_up") < order.index("banded_split_squat")
    assert order[-1] == "banded_single_leg_squat"


def test_banded_single_leg_squat_needs_banded_weighted_squats_completed_with_control():
    rung = next(
        r
        for r in LADDERS["clinic_glute_med"].rungs
        if r.spec_fields["key"] == "gmed_banded_single_leg_squat"
    )
    assert rung.spec_fields["prerequisites"] == (
        PrerequisiteSpec("gmed_banded_weighted_squat", "completed", 1),
    )
    weighted = next(
        r
        for r in LADDERS["clinic_glute_med"].rungs
        if r.spec_fields["key"] == "gmed_banded_weighted_squat"
    )
    # "Weighted" is real: the rung's load is kilograms, with the band on throughout.
    assert weighted.spec_fields["load_kind"] == "kg"
    assert "mini_band" in EXERCISES["banded_goblet_squat"].equipment


def test_the_engine_keeps_the_banded_single_leg_squat_locked_until_the_gate_is_met():
    specs = {s.key: s for s in DATA.rung_specs()}
    ladders, problems = ladder_specs_build([specs["clinic_glute_med"]])
    assert problems == []
    ladder = ladders[0]

    below = "gmed_banded_split_squat"
    reached = engine.next_rung(ladder, below, {"gmed_banded_weighted_squat": 0})
    completed = engine.next_rung(ladder, below, {"gmed_banded_weighted_squat": 1})

    assert reached.is_allowed is False
    assert reached.candidate is not None
    assert reached.candidate.key == "gmed_banded_single_leg_squat"
    assert completed.is_allowed is True


def test_the_hamstring_tendon_ladder_runs_through_four_stages_in_order_and_is_physio_assigned():
    ladder = LADDERS["proximal_hamstring"]
    stages = [r.label.split(":")[0] for r in ladder.rungs]

    assert stages == ["Stage 1", "Stage 2", "Stage 2", "Stage 3", "Stage 3", "Stage 4", "Stage 4"]
    assert ladder.rungs[0].exercise == "isometric_bridge_hold_pht"
    assert EXERCISES["isometric_bridge_hold_pht"].unit == "seconds"
    assert ladder.is_placed_by_screening is False


def test_the_six_family_ladders_are_there_in_level_order():
    family = ["abductor_nwb", "lateral_trunk", "frontal_plane_wb", "single_leg_squat", "hinge"]
    for key in [*family, "plyometric"]:
        levels = [EXERCISES[r.exercise].level for r in LADDERS[key].rungs]
        assert levels == sorted(levels), key
        assert LADDERS[key].is_placed_by_screening is True


def test_rung_keys_are_unique_across_the_clinic():
    keys = [r.spec_fields["key"] for x in DATA.ladders for r in x.rungs]
    assert len(keys) == len(set(keys)) == 58


def test_every_exercise_is_described_with_a_unit_cues_and_a_level():
    assert len(DATA.exercises) == 47
    for e in DATA.exercises:
        assert len(e.description) > 40, e.key
        assert e.unit in {"reps", "seconds", "metres"}, e.key
        assert len(e.cues) >= 2, e.key
        assert e.level in range(1, 7), e.key
        assert e.muscles, e.key


def test_headline_gmed_figures_keep_their_source_and_grade():
    clam = EXERCISES["clam_basic"].gmed
    assert clam is not None
    assert (str(clam.value), clam.source, clam.verification) == ("47", "boren2011", "S")
    band_walk = EXERCISES["lateral_band_walk"].gmed
    assert band_walk is not None
    assert (str(band_walk.value), band_walk.verification) == ("61", "M")
