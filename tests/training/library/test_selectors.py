"""Library reads: exact results for each filter, and a fixed number of queries however big the
library grows."""

from __future__ import annotations

import pytest

from stridewell.training import engine
from stridewell.training.library_data import library_data_read
from stridewell.training.models.library import Equipment, Exercise, Muscle
from stridewell.training.selectors import (
    exercise_get,
    exercise_ladder_positions,
    exercise_link_targets,
    exercise_list,
    ladder_list,
    ladders_as_engine,
)

pytestmark = pytest.mark.django_db


def keys(exercises) -> list[str]:
    return sorted(e.key for e in exercises)


def test_filter_by_ladder_returns_exactly_that_ladders_exercises(library):
    assert keys(exercise_list(ladder="lateral_trunk")) == [
        "side_plank",
        "side_plank_clam",
        "side_plank_hip_abduction",
        "side_plank_knees",
    ]


def test_filters_combine(library):
    found = exercise_list(ladder="clinic_glute_med", level=4, equipment="mini_band")

    assert keys(found) == ["banded_split_squat", "banded_step_up"]


def test_equipment_filter_includes_exercises_where_it_is_optional(library):
    found = keys(exercise_list(equipment="ankle_weight"))

    assert "side_lying_hip_abduction" in found  # optional there
    assert "side_lying_hip_abduction_loaded" in found  # needed there


def test_muscle_filter(library):
    assert keys(exercise_list(muscle="adductors")) == ["lateral_lunge"]


def test_unpublished_exercises_are_never_listed(library):
    Exercise.objects.filter(key="lateral_lunge").update(is_published=False)

    assert keys(exercise_list(muscle="adductors")) == []
    with pytest.raises(Exercise.DoesNotExist):
        exercise_get(slug="lateral-lunge")


def _grow_library(extra: int) -> None:
    band = Equipment.objects.get(slug="mini_band")
    glute = Muscle.objects.get(slug="gluteus_medius")
    for i in range(extra):
        e = Exercise.objects.create(key=f"extra_{i}", slug=f"extra-{i}", name=f"Extra {i}", level=2)
        e.equipment.add(band)
        e.muscles.add(glute)


@pytest.mark.parametrize("extra", [0, 25])
def test_exercise_list_runs_five_queries_whatever_the_size(
    library, django_assert_num_queries, extra
):
    _grow_library(extra)

    with django_assert_num_queries(5):
        rows = list(exercise_list(equipment="mini_band"))
        for e in rows:
            _ = ([m.name for m in e.muscles.all()], [q.name for q in e.equipment.all()])
            _ = (
                [q.name for q in e.optional_equipment.all()],
                [r.ladder.name for r in e.live_rungs],
            )

    with_band = [
        e
        for e in library_data_read().exercises
        if "mini_band" in (*e.equipment, *e.optional_equipment)
    ]
    assert len(rows) == len(with_band) + extra


def test_exercise_get_runs_eight_queries(library, django_assert_num_queries):
    with django_assert_num_queries(8):
        e = exercise_get(slug="single-leg-squat")
        _ = [m.name for m in e.muscles.all()] + [q.name for q in e.equipment.all()]
        _ = [f.source.label for f in e.evidence.all()] + [s.key for s in e.sources.all()]
        _ = [x.name for x in e.progressions.all()] + [x.name for x in e.regressions.all()]
        _ = [q.name for q in e.optional_equipment.all()] + [e.gmed_source.label]

    assert [x.key for x in e.regressions.all()] == ["lateral_step_down", "single_leg_squat_to_box"]
    assert [x.key for x in e.progressions.all()] == ["single_leg_hops"]


def test_ladders_as_engine_gives_engine_ladders_with_doses_and_prerequisites(
    library, django_assert_num_queries
):
    with django_assert_num_queries(3):
        ladders = ladders_as_engine()

    assert list(ladders)[:2] == ["clinic_glute_med", "abductor_nwb"]
    gmed = ladders["clinic_glute_med"]
    gated = gmed.rung("gmed_banded_single_leg_squat")
    assert gated.prerequisites == (
        engine.Prerequisite("gmed_banded_weighted_squat", engine.PrerequisiteKind.COMPLETED, 1),
    )
    weighted = gmed.rung("gmed_banded_weighted_squat")
    assert weighted.scale.labels[0] == "4 kg"
    assert weighted.scale.labels[-1] == "12 kg"
    assert (weighted.dose.sets, weighted.dose.low, weighted.dose.high) == (3, 8, 12)
    assert weighted.label == "Banded weighted squat"
    hold = ladders["proximal_hamstring"].ordered[0]
    assert hold.dose.unit is engine.DoseUnit.SECONDS
    assert engine.ladders_validate(list(ladders.values())) == []


def test_ladder_list_runs_three_queries_and_leaves_out_retired_rungs(
    library, django_assert_num_queries
):
    from stridewell.training.models.library import Rung

    Rung.objects.filter(key="pht_pogo").update(is_active=False)

    with django_assert_num_queries(3):
        ladders = ladder_list()
        names = [
            (r.display_name, [p.requires.display_name for p in r.prerequisites.all()])
            for ladder in ladders
            for r in ladder.live_rungs
        ]

    assert len(names) == 57
    pht = next(x for x in ladders if x.key == "proximal_hamstring")
    assert "pht_pogo" not in [r.key for r in pht.live_rungs]


def test_exercise_ladder_positions_lists_every_ladder_an_exercise_is_on(library):
    split_squat = Exercise.objects.get(key="split_squat")

    places = exercise_ladder_positions(split_squat)

    assert [(p.ladder.key, p.rung.key, p.number, p.total) for p in places] == [
        ("clinic_glute_med", "gmed_split_squat", 8, 12),
        ("single_leg_squat", "split_squat", 3, 10),
    ]


def test_link_targets_put_longer_names_first_so_they_win(library, django_assert_num_queries):
    with django_assert_num_queries(1):
        targets = exercise_link_targets()

    names = [name for name, _ in targets]
    assert names.index("Banded single-leg squat") < names.index("Single-leg leg press")
    assert dict(targets)["Banded single-leg squat"] == (
        "/training/exercises/banded-single-leg-squat/"
    )
    assert len(targets) == 47
