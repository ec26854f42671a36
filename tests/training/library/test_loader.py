"""`load_exercises` writes the data file in one transaction: idempotent, never deleting, and a
broken file (checked with the training engine first) changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from stridewell.training.models.library import (
    Exercise,
    Ladder,
    Rung,
    RungPrerequisite,
    Source,
)
from tests.training.library.conftest import ladder_of, rung_of, snapshot

pytestmark = pytest.mark.django_db


def test_loading_the_clinic_file_creates_every_exercise_ladder_and_rung(raw_library):
    call_command("load_exercises", verbosity=0)

    assert Exercise.objects.filter(is_published=True).count() == len(raw_library["exercises"])
    assert list(Ladder.objects.values_list("key", flat=True)) == [
        x["key"] for x in raw_library["ladders"]
    ]
    assert Rung.objects.filter(is_active=True).count() == sum(
        len(x["rungs"]) for x in raw_library["ladders"]
    )
    assert Source.objects.get(key="goom2016").label == "Goom 2016"


def test_loading_twice_leaves_exactly_the_same_rows():
    call_command("load_exercises", verbosity=0)
    first = snapshot()

    call_command("load_exercises", verbosity=0)

    assert snapshot() == first


def test_the_file_wins_over_an_admin_edit_on_the_next_load():
    call_command("load_exercises", verbosity=0)
    Rung.objects.filter(key="gmed_clam").update(sets=9)
    RungPrerequisite.objects.filter(rung__key="gmed_banded_single_leg_squat").delete()

    call_command("load_exercises", verbosity=0)

    assert Rung.objects.get(key="gmed_clam").sets == 3
    needs = RungPrerequisite.objects.get(rung__key="gmed_banded_single_leg_squat")
    assert (needs.requires.key, needs.kind, needs.min_good_sessions) == (
        "gmed_banded_weighted_squat",
        "completed",
        1,
    )


def test_items_removed_from_the_file_are_unpublished_or_retired_not_deleted(
    raw_library, write_library
):
    call_command("load_exercises", verbosity=0)
    rung_pk = Rung.objects.get(key="pht_pogo").pk
    raw_library["exercises"] = [
        e for e in raw_library["exercises"] if e["key"] != "front_plank_hip_extension"
    ]
    for e in raw_library["exercises"]:
        e["progressions"] = [
            p for p in e.get("progressions", []) if p != "front_plank_hip_extension"
        ]
    hinge = ladder_of(raw_library, "hinge")
    hinge["rungs"] = [r for r in hinge["rungs"] if r["exercise"] != "front_plank_hip_extension"]
    for number, rung in enumerate(hinge["rungs"], start=1):
        rung["position"] = number
    pht = ladder_of(raw_library, "proximal_hamstring")
    pht["rungs"] = [r for r in pht["rungs"] if r["key"] != "pht_pogo"]
    pht["rungs"][-1]["position"] = 6
    raw_library["ladders"] = [x for x in raw_library["ladders"] if x["key"] != "plyometric"]

    call_command("load_exercises", file=write_library(raw_library), verbosity=0)

    gone = Exercise.objects.get(key="front_plank_hip_extension")
    assert gone.is_published is False
    assert Rung.objects.get(pk=rung_pk).is_active is False
    assert Ladder.objects.get(key="plyometric").is_active is False
    assert Rung.objects.get(key="pht_a_skips").position == 6
    assert Rung.objects.get(key="pht_a_skips").is_active is True


def test_reordering_rungs_in_the_file_swaps_their_positions(raw_library, write_library):
    call_command("load_exercises", verbosity=0)
    pair = ("gmed_banded_step_up", "gmed_banded_split_squat")
    pks = dict(Rung.objects.filter(key__in=pair).values_list("key", "pk"))
    rung_of(raw_library, "gmed_banded_step_up")["position"] = 11
    rung_of(raw_library, "gmed_banded_split_squat")["position"] = 10

    call_command("load_exercises", file=write_library(raw_library), verbosity=0)

    moved = dict(Rung.objects.filter(pk__in=pks.values()).values_list("key", "position"))
    assert moved == {"gmed_banded_step_up": 11, "gmed_banded_split_squat": 10}
    assert dict(Rung.objects.filter(key__in=pair).values_list("key", "pk")) == pks


@pytest.mark.parametrize(
    ("mistake", "expected"),
    [
        pytest.param(
            lambda doc: (
                rung_of(doc, "gmed_banded_weighted_squat")
                .setdefault("requires", [])
                .append("gmed_banded_single_leg_squat")
            ),
            "Prerequisites form a cycle: gmed_banded_single_leg_squat → "
            "gmed_banded_weighted_squat → gmed_banded_single_leg_squat.",
            id="cycle",
        ),
        pytest.param(
            lambda doc: (
                rung_of(doc, "gmed_step_up").setdefault("requires", []).append("gmed_hopscotch")
            ),
            "Rung 'gmed_step_up' requires 'gmed_hopscotch', which is not a rung of any ladder.",
            id="unknown-prerequisite",
        ),
        pytest.param(
            lambda doc: rung_of(doc, "gmed_banded_clam").update(position=1),
            "Rungs 'gmed_banded_clam' and 'gmed_clam' share position 1 in ladder "
            "'clinic_glute_med'.",
            id="duplicate-position",
        ),
        pytest.param(
            lambda doc: rung_of(doc, "gmed_clam").update(exercise="cartwheel"),
            "ladder clinic_glute_med rung gmed_clam: unknown exercise 'cartwheel'",
            id="unknown-exercise",
        ),
        pytest.param(
            lambda doc: rung_of(doc, "gmed_clam")["dose"].update(low=20, high=10),
            "Rung 'gmed_clam' in ladder 'clinic_glute_med': the top of the range must be",
            id="range-upside-down",
        ),
    ],
)
def test_a_broken_file_is_refused_naming_the_problem_and_nothing_is_written(
    raw_library, write_library, mistake, expected
):
    mistake(raw_library)
    path = write_library(raw_library)

    with pytest.raises(CommandError) as caught:
        call_command("load_exercises", file=path, verbosity=0)

    assert "nothing was loaded" in str(caught.value)
    assert expected in str(caught.value)
    assert (Exercise.objects.count(), Ladder.objects.count(), Rung.objects.count()) == (0, 0, 0)


def test_a_broken_file_leaves_a_loaded_library_untouched(raw_library, write_library):
    call_command("load_exercises", verbosity=0)
    before = snapshot()
    rung_of(raw_library, "gmed_clam")["requires"] = ["gmed_banded_step_up"]
    raw_library["exercises"][0]["name"] = "Renamed but never saved"

    with pytest.raises(CommandError, match="can never be reached"):
        call_command("load_exercises", file=write_library(raw_library), verbosity=0)

    assert snapshot() == before


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("exercises: [unclosed\n", "utf-8")

    with pytest.raises(CommandError, match="is not valid YAML"):
        call_command("load_exercises", file=path, verbosity=0)

    assert Exercise.objects.count() == 0


def test_check_only_validates_and_writes_nothing(capsys):
    call_command("load_exercises", check=True)

    assert "is valid: 47 exercises, 8 ladders" in capsys.readouterr().out
    assert Exercise.objects.count() == 0
