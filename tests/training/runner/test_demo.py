"""The demo runner's six weeks, made by the real services on the clinic's own library."""

from __future__ import annotations

from datetime import date

import pytest

from stridewell.training.demo_runner import seed_training_runner_demo
from stridewell.training.library_loader import library_load_file
from stridewell.training.models import (
    AccessLog,
    Alert,
    CheckIn,
    Decision,
    ExerciseLog,
    Programme,
    Screening,
    Session,
)

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.fixture
def seeded(runner, physio):
    library_load_file()
    return seed_training_runner_demo(runner=runner, physio=physio, today=TODAY)


def _counts():
    models = (Screening, Programme, Session, ExerciseLog, CheckIn, Decision, Alert)
    return tuple(m.objects.count() for m in models)


def test_the_demo_runner_has_a_screening_a_programme_and_six_weeks_of_sessions(seeded, physio):
    screening = Screening.objects.get()
    assert (screening.recorded_by, screening.date) == (physio, date(2026, 10, 12))
    assert seeded.physio == physio
    assert 3 <= seeded.entries.count() <= 5
    assert Session.objects.count() == 12
    assert not ExerciseLog.objects.filter(status="pending").exists()


def test_the_demo_timeline_has_a_progression_a_hold_and_a_regression(seeded):
    decisions = Decision.objects.exclude(rule="C1_check_in_recorded")
    rules = set(decisions.values_list("action", "rule"))
    assert ("progress", "P1_sets_complete_pain_ok") in rules
    assert ("hold", "H2_pain_4_to_5_settled_overnight") in rules
    assert ("regress", "R1_pain_during_above_5") in rules
    assert ("regress", "R2_next_morning_worse_than_baseline") in rules
    # Issue #10: bigger steps, effort, a pause and the physio's restart show in the demo.
    assert ("progress", "P3_big_step") in rules
    assert ("hold", "H10_effort_not_moderate") in rules
    assert ("regress", "S1_paused_pain_during_7_or_more") in rules
    assert ("hold", "S4_resumed_by_physio") in rules
    # The engine made them from stored inputs: every decision names its session or check-in.
    from_inputs = decisions.exclude(rule="S4_resumed_by_physio")
    assert not from_inputs.filter(source_session__isnull=True, source_check_in__isnull=True)
    assert ("hold", "F2_unwell_no_progress") in rules
    assert ("hold", "F1_red_flag_stop_see_physio") in rules
    assert set(Alert.objects.values_list("kind", flat=True)) >= {
        "pain_over_5",
        "morning_worse",
        "exercise_paused",
        "check_in_red_flag",
    }
    flagged = CheckIn.objects.get(swelling=True)
    assert flagged.urgency == "see_physio"


def test_running_the_demo_again_changes_nothing(seeded, runner, physio):
    before = _counts()

    again = seed_training_runner_demo(runner=runner, physio=physio, today=TODAY)

    assert again is None
    assert _counts() == before


def test_without_the_library_the_demo_does_nothing(runner, physio, db):
    assert seed_training_runner_demo(runner=runner, physio=physio, today=TODAY) is None
    assert _counts() == (0, 0, 0, 0, 0, 0, 0)


def test_the_demo_runner_sees_who_looked_at_their_data(seeded, runner, physio):
    entries = list(AccessLog.objects.filter(runner=runner))
    assert {e.viewer for e in entries} == {physio}
    assert {e.what for e in entries} == {"training.screening", "training.timeline"}
    assert all(e.at.date() <= TODAY for e in entries)
