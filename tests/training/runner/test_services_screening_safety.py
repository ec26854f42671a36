"""Recording screenings safely: ladders above the level left out, pain >= 5 referred unless a
physio starts anyway (then a capped baseline), running history and the bone-stress screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from stridewell.training.models import Alert, Decision, Ladder, Programme, Screening
from stridewell.training.services_screening import RunningHistory, screening_record

from .conftest import MONDAY, _exercise, _rung, check_in, learn_baseline, log

GOOD_SQUAT = dict.fromkeys(("overall", "trunk", "pelvis", "hip", "knee"), "good")
GOOD_MOVEMENT = {
    "single_leg_squat": {"left": GOOD_SQUAT, "right": GOOD_SQUAT},
    "step_down": {"left": 0, "right": 1},
}


def _record(runner, by, **extra):
    fields = {"age": 35, "sex": "female", "current_pain": 0, "day": MONDAY, "today": MONDAY}
    fields.update(extra)
    return screening_record(runner=runner, recorded_by=by, **fields)


@pytest.fixture
def hops(library):
    ladder = Ladder.objects.create(key="hops", name="Hops and bounds", position=5)
    _rung(ladder, "hops_pogo", _exercise("pogo", "Double-leg pogo", 6), 1)
    return ladder


def test_a_ladder_above_the_level_is_stored_as_not_yet_and_left_out(runner, physio, hops):
    outcome = _record(runner, physio, current_pain=4)

    placement = outcome.screening.placement
    assert [p["ladder"] for p in placement["placements"]] == ["hip", "trunk", "balance"]
    assert placement["not_yet"] == [
        {
            "ladder": "hops",
            "rule": "S7_ladder_above_start_level_left_out",
            "reason": "Hops and bounds starts at level 6 (jumping and hopping); your starting "
            "level is 1, so it is not in your programme yet.",
        }
    ]
    assert "S7_ladder_above_start_level_left_out" in placement["rules"]
    keys = set(outcome.programme.entries.values_list("ladder__key", flat=True))
    assert keys == {"hip", "trunk", "balance"}


def test_a_self_screen_with_pain_6_refers_and_pauses_the_programme(runner, physio, assign):
    old = assign(runner)[0].programme

    outcome = _record(runner, runner, current_pain=6)

    assert outcome.programme is None
    assert outcome.screening.is_referred is True
    assert outcome.screening.placement["rules"] == ["S3_self_screen_pain_5_plus_refer"]
    assert outcome.placement.offer_booking is True
    old.refresh_from_db()
    assert old.is_active is False
    alert = Alert.objects.get()
    assert (alert.kind, alert.physio) == ("red_flags", physio)
    assert "Your pain today is 6/10" in alert.message


def test_a_clinic_screening_with_pain_5_needs_the_physios_choice(runner, physio, library):
    outcome = _record(runner, physio, current_pain=5)

    assert outcome.programme is None
    assert outcome.screening.is_referred is True
    assert outcome.screening.start_despite_pain is False
    assert not Programme.objects.exists()


def test_a_physio_starts_despite_pain_with_a_capped_baseline(runner, physio, library):
    outcome = _record(runner, physio, current_pain=6, start_despite_pain=True)

    screening = outcome.screening
    assert (screening.is_referred, screening.start_despite_pain) == (False, True)
    assert screening.placement["started_despite_pain"] is True
    reasons = [p["reason"] for p in screening.placement["placements"]]
    assert all(r.startswith("Started by Priya Raman despite pain 6/10 at rest. ") for r in reasons)
    entry = outcome.programme.entries.order_by("position").first()
    assert entry.state["baseline"]["pain"] == 4
    assert entry.state["baseline"]["start_pain"] == 4


def test_after_a_start_at_pain_6_a_6_morning_regresses_and_alerts(runner, physio, library):
    # Given a physio's start at 6/10 and a learnt week of 6/10 mornings
    outcome = _record(runner, physio, current_pain=6, start_despite_pain=True)
    entries = list(outcome.programme.entries.order_by("position"))
    learn_baseline(runner, pain=6, stiffness=1)
    week2 = MONDAY + timedelta(days=7)

    # When a session is followed by a 6/10 morning
    log(runner, entries, week2, pain=1)
    check_in(runner, week2 + timedelta(days=1), pain=6, stiffness=1)

    # Then that morning is "worse than usual": each exercise eases off and the physio is told
    rules = set(
        Decision.objects.filter(source_session__isnull=False).values_list("rule", flat=True)
    )
    assert rules == {"R2_next_morning_worse_than_baseline"}
    assert Alert.objects.filter(kind="morning_worse").exists()


def test_a_self_screen_cannot_claim_the_physios_choice(runner, library):
    with pytest.raises(ValidationError) as caught:
        _record(runner, runner, current_pain=6, start_despite_pain=True)
    assert "start_despite_pain" in caught.value.message_dict
    assert Screening.objects.count() == 0


def test_the_choice_is_not_recorded_when_the_pain_was_below_5(runner, physio, library):
    outcome = _record(runner, physio, current_pain=3, start_despite_pain=True)
    assert outcome.screening.start_despite_pain is False
    assert outcome.programme is not None


def test_running_history_is_stored_and_places_an_experienced_runner_higher(runner, physio, library):
    history = RunningHistory(years_running=6, weekly_km=45)
    novice = _record(
        runner, physio, measures=GOOD_MOVEMENT, injuries=[{"area": "calf", "months_ago": 2}]
    )
    seasoned = _record(
        runner,
        physio,
        measures=GOOD_MOVEMENT,
        injuries=[{"area": "calf", "months_ago": 2}],
        history=history,
    )

    assert (novice.placement.starting_level, seasoned.placement.starting_level) == (3, 4)
    screening = seasoned.screening
    assert (screening.years_running, screening.weekly_km, screening.marathons_finished) == (
        6,
        45,
        None,
    )
    reason = screening.placement["placements"][0]["reason"]
    assert reason.startswith(
        "You have run for 6 years, about 45 km a week, with good single-leg squats and good "
        "step-downs, so you start a level higher, at 'Banded squat'."
    )
    assert screening.placement["experience"].startswith("you have run for 6 years")


@pytest.mark.parametrize("sign", ["pain_on_hopping", "missed_periods", "under_fuelling"])
def test_a_bone_stress_sign_refers_to_a_physio(runner, physio, library, sign):
    outcome = _record(runner, physio, history=RunningHistory(bone_stress=[sign]))

    assert outcome.programme is None
    assert outcome.screening.is_referred is True
    assert outcome.screening.bone_stress_signs == [sign]
    assert outcome.screening.placement["rules"] == ["S2_bone_stress_signs_refer"]


@pytest.mark.parametrize(
    ("history", "field"),
    [
        (RunningHistory(years_running=81), "years_running"),
        (RunningHistory(years_running=40), "years_running"),  # more than her age of 35
        (RunningHistory(weekly_km=301), "weekly_km"),
        (RunningHistory(marathons_finished=-1), "marathons_finished"),
        (RunningHistory(bone_stress=["sore_shins"]), "bone_stress_signs"),
    ],
)
def test_bad_history_is_refused_and_nothing_saved(runner, physio, library, history, field):
    with pytest.raises(ValidationError) as caught:
        _record(runner, physio, history=history)
    assert field in caught.value.message_dict
    assert Screening.objects.count() == 0


def test_a_programme_chosen_by_hand_after_a_pain_referral_starts_from_a_capped_baseline(
    runner, physio, assign
):
    # Given a clinic screening at 7/10 that referred (no programme)
    assert _record(runner, physio, current_pain=7).programme is None

    # When the physio then chooses the exercises by hand
    entry = assign(runner)[0]

    # Then the morning baseline starts at 4/10, not 7/10
    assert (entry.state["baseline"]["pain"], entry.state["baseline"]["start_pain"]) == (4, 4)
