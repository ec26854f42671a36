"""Logging sessions and check-ins: what is stored, when the engine decides, and bad input.

Given a runner on the hip bridge (2 x 10-14 reps, light/medium band) and the side plank
(2 x 20-30 s), whose usual morning has been learnt from a week of check-ins (Mon 2 - Sun 8 March).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from stridewell.training.models import CheckIn, Decision, ExerciseLog, Session, SetLog
from stridewell.training.services_logging import (
    ExerciseInput,
    SetInput,
    check_in_record,
    session_log,
)

from .conftest import MONDAY, check_in, learn_baseline, log, sets_for

WEEK2 = MONDAY + timedelta(days=7)  # Monday 9 March


@pytest.fixture
def entries(runner, assign):
    entries = assign(runner)
    learn_baseline(runner)
    return entries


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Session.objects.count(),
        ExerciseLog.objects.count(),
        SetLog.objects.count(),
        CheckIn.objects.count(),
        Decision.objects.count(),
    )


def test_a_session_is_stored_at_once_waiting_for_the_next_morning(runner, entries):
    outcome = log(runner, entries, WEEK2, pain=2)

    assert outcome.created is True
    assert outcome.decisions == []
    logs = list(ExerciseLog.objects.filter(session=outcome.session).order_by("entry__position"))
    assert [lg.status for lg in logs] == ["pending", "pending"]
    assert [lg.max_pain for lg in logs] == [2, 2]
    assert [s.reps_or_seconds for s in logs[0].sets.all()] == [10, 10]
    assert [s.load_label for s in logs[0].sets.all()] == ["light band", "light band"]


def test_the_next_morning_check_in_decides_each_exercise_of_yesterday(runner, entries):
    log(runner, entries, WEEK2)

    outcome = check_in(runner, WEEK2 + timedelta(days=1), pain=0, stiffness=1)

    assert [(d.entry_id, d.action, d.rule) for d in outcome.decisions] == [
        (entries[0].pk, "progress", "P1_sets_complete_pain_ok"),
        (entries[1].pk, "progress", "P1_sets_complete_pain_ok"),
    ]
    assert [d.dose_text for d in outcome.decisions] == [
        "2 × 12 reps, light band",
        "2 × 25 s holds, body weight",
    ]
    decision = outcome.decisions[0]
    assert decision.source_session_id is not None
    assert decision.source_check_in == outcome.check_in
    assert decision.inputs["session"]["sets"] == [[10, 0, 1], [10, 0, 1]]
    assert decision.inputs["check_in"] == {"date": "2026-03-10", "pain": 0, "stiffness": 1}
    assert decision.inputs["state_before"]["dose"]["target"] == 10
    assert decision.state_after["dose"]["target"] == 12
    assert set(ExerciseLog.objects.values_list("status", flat=True)) == {"decided"}
    entries[0].refresh_from_db()
    assert (entries[0].target, entries[0].dose_text) == (12, "2 × 12 reps, light band")


def test_a_rest_day_check_in_is_fed_to_every_exercise_as_a_check_in(runner, entries):
    outcome = check_in(runner, WEEK2, pain=0, stiffness=1)

    assert [d.rule for d in outcome.decisions] == ["C1_check_in_recorded"] * 2
    assert [d.action for d in outcome.decisions] == ["hold", "hold"]


def test_each_check_in_goes_to_exactly_one_engine_function_per_exercise(runner, entries):
    # Only the bridge was done on Monday: Tuesday's check-in judges the bridge and is a plain
    # check-in for the plank.
    bridge, plank = entries
    log(runner, [bridge], WEEK2)

    outcome = check_in(runner, WEEK2 + timedelta(days=1))

    by_entry = {d.entry_id: d.rule for d in outcome.decisions}
    assert by_entry == {bridge.pk: "P1_sets_complete_pain_ok", plank.pk: "C1_check_in_recorded"}
    assert Decision.objects.filter(source_check_in=outcome.check_in).count() == 2


def test_without_a_next_morning_check_in_the_next_session_holds_the_last_one(runner, entries):
    log(runner, entries, WEEK2)

    outcome = log(runner, entries, WEEK2 + timedelta(days=3))

    assert [(d.action, d.rule) for d in outcome.decisions] == [
        ("hold", "H1_no_next_morning_check_in"),
        ("hold", "H1_no_next_morning_check_in"),
    ]
    assert [d.effective_date for d in outcome.decisions] == [WEEK2, WEEK2]
    statuses = dict(ExerciseLog.objects.values_list("session__date", "status").distinct())
    assert statuses == {WEEK2: "decided", WEEK2 + timedelta(days=3): "pending"}


def test_a_late_check_in_holds_the_session_whose_morning_was_missed(runner, entries):
    log(runner, entries, WEEK2)

    outcome = check_in(runner, WEEK2 + timedelta(days=2))  # Wednesday, not Tuesday

    rules = [d.rule for d in outcome.decisions]
    assert rules == ["H1_no_next_morning_check_in"] * 2 + ["C1_check_in_recorded"] * 2


def test_after_14_days_away_the_session_starts_one_step_lower(runner, entries):
    log(runner, entries, WEEK2)
    check_in(runner, WEEK2 + timedelta(days=1))  # progress to 12 reps / 25 s
    back = WEEK2 + timedelta(days=15)

    outcome = log(runner, entries, back)

    assert [(d.action, d.kind, d.rule) for d in outcome.decisions] == [
        ("regress", "resume_lower", "G1_resume_after_14_days"),
        ("regress", "resume_lower", "G1_resume_after_14_days"),
    ]
    assert [d.dose_text for d in outcome.decisions] == [
        "2 × 10 reps, light band",
        "2 × 20 s holds, body weight",
    ]
    assert "15 days" in outcome.decisions[0].reason
    assert [lg.prescribed["target"] for lg in outcome.session.exercises.order_by("id")] == [10, 20]


def test_the_same_client_token_records_a_session_once(runner, entries):
    token = uuid.uuid4()
    exercises = [ExerciseInput(e.pk, "good", sets_for(e)) for e in entries]
    first = session_log(
        runner=runner, day=WEEK2, client_token=token, exercises=exercises, today=WEEK2
    )
    before = _counts()

    again = session_log(
        runner=runner, day=WEEK2, client_token=token, exercises=exercises, today=WEEK2
    )

    assert (first.created, again.created) == (True, False)
    assert again.session == first.session
    assert _counts() == before


def test_a_second_session_on_the_same_day_is_a_conflict_and_saves_nothing(runner, entries):
    log(runner, entries, WEEK2)
    before = _counts()

    with pytest.raises(ValidationError) as caught:
        log(runner, entries, WEEK2)

    assert caught.value.error_dict["date"][0].code == "conflict"
    assert _counts() == before


@pytest.mark.parametrize(
    ("sets", "field", "message"),
    [
        ((SetInput(10, 0, 11),), "exercises.0.sets.0.pain_during", "from 0 to 10"),
        ((SetInput(10, 0, -1),), "exercises.0.sets.0.pain_during", "from 0 to 10"),
        ((SetInput(-3, 0, 1),), "exercises.0.sets.0.reps_or_seconds", "from 0 to 600"),
        ((SetInput(10, 2, 1),), "exercises.0.sets.0.load_step", "loads listed"),
        ((), "exercises.0.sets", "between 1 and 20"),
    ],
)
def test_bad_sets_are_refused_by_field_and_nothing_is_saved(runner, entries, sets, field, message):
    before = _counts()
    exercise = ExerciseInput(entries[0].pk, "good", sets)

    with pytest.raises(ValidationError) as caught:
        session_log(
            runner=runner, day=WEEK2, client_token=uuid.uuid4(), exercises=[exercise], today=WEEK2
        )

    assert message in caught.value.message_dict[field][0]
    assert _counts() == before


def test_an_exercise_not_in_the_programme_is_refused(runner, other_runner, staff, entries, assign):
    theirs = assign(other_runner, by=staff)[0]
    before = _counts()

    with pytest.raises(ValidationError) as caught:
        session_log(
            runner=runner,
            day=WEEK2,
            client_token=uuid.uuid4(),
            exercises=[ExerciseInput(theirs.pk, "good", sets_for(theirs))],
            today=WEEK2,
        )

    assert caught.value.message_dict["exercises.0.entry"] == [
        "This exercise is not in your programme."
    ]
    assert _counts() == before


def test_a_session_in_the_future_is_refused(runner, entries):
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        session_log(
            runner=runner,
            day=WEEK2 + timedelta(days=1),
            client_token=uuid.uuid4(),
            exercises=[ExerciseInput(entries[0].pk, "good", sets_for(entries[0]))],
            today=WEEK2,
        )
    assert "hasn't happened yet" in caught.value.message_dict["date"][0]
    assert _counts() == before


def test_a_session_before_the_latest_check_in_is_refused(runner, entries):
    check_in(runner, WEEK2 + timedelta(days=1))
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        log(runner, entries, WEEK2)
    assert "checked in on 10 March" in caught.value.message_dict["date"][0]
    assert _counts() == before


def test_a_check_in_in_the_future_is_refused_and_nothing_saved(runner, entries):
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        check_in_record(runner=runner, day=date(2026, 3, 10), pain=1, stiffness=1, today=WEEK2)
    assert caught.value.message_dict == {"date": ["A check-in can't be dated in the future."]}
    assert _counts() == before


@pytest.mark.parametrize(("pain", "stiffness", "field"), [(11, 1, "pain"), (1, -1, "stiffness")])
def test_check_in_scores_outside_0_to_10_are_refused(runner, entries, pain, stiffness, field):
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        check_in_record(runner=runner, day=WEEK2, pain=pain, stiffness=stiffness, today=WEEK2)
    assert list(caught.value.message_dict) == [field]
    assert _counts() == before


def test_a_repeated_check_in_is_recorded_once_and_a_different_one_conflicts(runner, entries):
    first = check_in(runner, WEEK2, 1, 1)
    before = _counts()

    again = check_in(runner, WEEK2, 1, 1)
    with pytest.raises(ValidationError) as caught:
        check_in(runner, WEEK2, 3, 1)

    assert (first.created, again.created) == (True, False)
    assert again.check_in == first.check_in
    assert caught.value.error_dict["date"][0].code == "conflict"
    assert _counts() == before


def test_without_a_programme_a_check_in_is_stored_and_nothing_decided(runner, library):
    outcome = check_in(runner, WEEK2)
    assert outcome.created is True
    assert outcome.decisions == []
    with pytest.raises(ValidationError, match="programme"):
        session_log(runner=runner, day=WEEK2, client_token=uuid.uuid4(), exercises=[], today=WEEK2)
