"""Recording screenings: placement, the programme it starts, red flags, self-screens."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from stridewell.training.models import Alert, Programme, ProgrammeEntry, Screening
from stridewell.training.services_screening import screening_input_build, screening_record

DAY = date(2026, 3, 2)
GOOD_SQUAT = dict.fromkeys(("overall", "trunk", "pelvis", "hip", "knee"), "good")


def _record(runner, by, **extra):
    fields = {"age": 35, "sex": "female", "current_pain": 0, "day": DAY, "today": DAY}
    fields.update(extra)
    return screening_record(runner=runner, recorded_by=by, **fields)


def test_a_physio_screening_places_the_runner_and_starts_a_programme(runner, physio, library):
    outcome = _record(
        runner,
        physio,
        measures={
            "single_leg_squat": {"left": GOOD_SQUAT, "right": GOOD_SQUAT},
            "step_down": {"left": 0, "right": 1},
        },
    )

    screening = outcome.screening
    assert (screening.is_self_screen, screening.has_red_flags, screening.is_referred) == (
        False,
        False,
        False,
    )
    assert screening.recorded_by == physio
    # Good movement, no pain: the clinic cap of level 4 allows the top of each short ladder.
    assert [(p["ladder"], p["rung"]) for p in screening.placement["placements"]] == [
        ("hip", "hip_squat"),
        ("trunk", "trunk_plank"),
        ("balance", "bal_drop"),
    ]
    programme = outcome.programme
    assert programme.physio == physio
    assert programme.created_from == screening
    assert programme.started_on == DAY
    entries = list(programme.entries.order_by("position").select_related("rung"))
    assert [e.rung.key for e in entries] == ["hip_squat", "trunk_plank", "bal_drop"]
    assert [e.dose_text for e in entries] == [
        "2 × 10 reps, light band",
        "2 × 20 s holds, body weight",
        "2 × 10 reps, body weight",
    ]


def test_a_screening_without_movement_tests_starts_more_gently(runner, physio, library):
    outcome = _record(runner, physio)

    rungs = [p["rung"] for p in outcome.screening.placement["placements"]]
    assert rungs == ["hip_bridge", "trunk_plank", "bal_drop"]
    reason = outcome.screening.placement["placements"][0]["reason"]
    assert "no single-leg squat or step-down result yet" in reason


def test_asymmetry_over_15_percent_and_the_z_score_are_stored(runner, physio, library):
    outcome = _record(
        runner,
        physio,
        age=40,
        measures={
            "side_bridge_seconds": {"left": 60, "right": 50},
            "hip_abduction_nm_kg": {"left": 1.4, "right": 1.4},
        },
    )

    placement = outcome.screening.placement
    assert [(a["test"], a["weaker"], a["difference_pct"]) for a in placement["asymmetries"]] == [
        ("side_bridge", "right", 16.7)
    ]
    # Ramskov: expected 1.600 - 0.005 * 40 = 1.4 for a woman of 40, so z = 0.
    assert placement["hip_abduction_z"] == {"left": pytest.approx(0), "right": pytest.approx(0)}


def test_red_flags_mean_no_programme_and_pause_the_current_one(runner, physio, assign):
    old = assign(runner)[0].programme

    outcome = _record(runner, physio, red_flags=["night_pain"])

    assert outcome.programme is None
    assert outcome.screening.has_red_flags is True
    assert outcome.screening.is_referred is True
    assert outcome.screening.red_flags == ["night_pain"]
    assert "pain at night" in outcome.placement.message
    assert outcome.placement.offer_booking is True
    old.refresh_from_db()
    assert (old.is_active, old.ended_on) == (False, DAY)
    assert not Programme.objects.filter(runner=runner, is_active=True).exists()


def test_a_self_screen_with_red_flags_alerts_the_physio(runner, physio, assign):
    assign(runner)

    _record(runner, runner, red_flags=["numbness_or_pins_and_needles"])

    alert = Alert.objects.get()
    assert (alert.kind, alert.physio, alert.runner) == ("red_flags", physio, runner)
    assert "numbness or pins and needles" in alert.message


def test_severe_pain_today_refers_without_red_flags(runner, physio, library):
    outcome = _record(runner, physio, current_pain=7)
    assert outcome.programme is None
    assert outcome.screening.is_referred is True
    assert outcome.screening.has_red_flags is False


def test_a_self_screen_is_marked_and_capped(other_runner, library):
    # `other_runner` has no physio yet, so the programme has none either.
    outcome = _record(
        other_runner, other_runner, measures={"balance_seconds": {"left": 45, "right": 45}}
    )

    assert outcome.screening.is_self_screen is True
    assert outcome.placement.offer_booking is True
    assert outcome.programme is not None
    assert outcome.programme.physio is None


def test_a_self_screen_keeps_the_physio_the_runner_chose(runner, physio, library):
    outcome = _record(runner, runner, measures={"balance_seconds": {"left": 45, "right": 45}})

    assert outcome.programme is not None
    assert outcome.programme.physio == physio


def test_a_self_screen_keeps_the_physios_programme(runner, physio, assign):
    entries = assign(runner)

    outcome = _record(runner, runner)

    assert outcome.kept_programme is True
    assert outcome.programme == entries[0].programme
    assert Programme.objects.filter(runner=runner).count() == 1


def test_a_new_physio_screening_replaces_the_programme(runner, physio, assign):
    old = assign(runner)[0].programme

    outcome = _record(runner, physio)

    old.refresh_from_db()
    assert old.is_active is False
    assert outcome.programme.is_active is True
    assert Programme.objects.filter(runner=runner, is_active=True).get() == outcome.programme


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"current_pain": 11}, "current_pain"),
        ({"age": 9}, "age"),
        ({"measures": {"step_down": {"left": 7, "right": 1}}}, "measures.step_down"),
        ({"measures": {"step_down": {"left": 2}}}, "measures.step_down"),
        ({"measures": {"balance_seconds": {"left": 50, "right": 20}}}, "measures.balance_seconds"),
        ({"red_flags": ["feeling_tired"]}, "red_flags"),
        ({"sex": "other"}, "sex"),
        ({"day": date(2026, 3, 3)}, "date"),
    ],
)
def test_bad_screening_input_is_refused_and_nothing_saved(runner, physio, library, extra, field):
    with pytest.raises(ValidationError) as caught:
        _record(runner, physio, **extra)

    assert field in caught.value.message_dict
    assert Screening.objects.count() == 0
    assert ProgrammeEntry.objects.count() == 0


def test_only_a_physio_or_staff_may_screen_someone_else(runner, other_runner, library):
    with pytest.raises(ValidationError):
        _record(runner, other_runner)
    assert Screening.objects.count() == 0


def test_the_input_builder_reads_every_test_per_side():
    data = screening_input_build(
        age=30,
        sex="male",
        current_pain=2,
        is_self_screen=False,
        injuries=[{"area": "left calf", "months_ago": 2}],
        measures={
            "single_leg_squat": {"left": GOOD_SQUAT, "right": {**GOOD_SQUAT, "knee": "poor"}},
            "step_down": {"left": 1, "right": 4},
            "trendelenburg_positive": {"left": False, "right": True},
            "side_bridge_seconds": {"left": 61.5, "right": 58},
            "hip_abduction_nm_kg": {"left": 1.5, "right": 1.2},
            "balance_seconds": {"left": 45, "right": 30},
        },
    )

    assert data.single_leg_squat.right.grade == "poor"
    assert (data.step_down.left, data.step_down.right) == (1, 4)
    assert data.trendelenburg_positive.right is True
    assert data.side_bridge_seconds.left == 61.5
    assert data.injuries[0].area == "left calf"
