"""The check-in's optional answers through the service: what is stored, decided and alerted,
and the plateau review alert.

Given a runner on the hip bridge and the side plank whose usual morning (0/10 pain, 1/10
stiffness) was learnt from a week of check-ins (Mon 2 - Sun 8 March 2026), with physio Priya.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from stridewell.training.models import Alert, CheckIn, Decision
from stridewell.training.services_logging import check_in_record
from stridewell.training.services_plateau import alerts_plateau_scan

from .conftest import MONDAY, check_in, learn_baseline, log

WEEK2 = MONDAY + timedelta(days=7)  # Monday 9 March
TUESDAY = WEEK2 + timedelta(days=1)


@pytest.fixture
def entries(runner, assign):
    entries = assign(runner)
    learn_baseline(runner)
    return entries


def record(runner, day, pain=0, stiffness=1, **answers):
    return check_in_record(
        runner=runner, day=day, pain=pain, stiffness=stiffness, answers=answers, today=day
    )


def test_a_red_flag_stops_every_exercise_and_alerts_the_physio_once(runner, physio, entries):
    log(runner, entries[:1], WEEK2)  # the bridge yesterday; the plank not

    outcome = record(runner, TUESDAY, numbness=True)

    assert [d.rule for d in outcome.decisions] == ["F1_red_flag_stop_see_physio"] * 2
    assert all(d.alert_physio and d.action == "hold" for d in outcome.decisions)
    stored = CheckIn.objects.get(runner=runner, date=TUESDAY)
    assert (stored.numbness, stored.night_pain, stored.urgency) == (True, False, "see_physio")
    assert stored.advice.startswith("Please stop your exercises for now and see a physio")
    alert = Alert.objects.get(runner=runner)
    assert (alert.kind, alert.physio) == ("check_in_red_flag", physio)
    assert alert.message == (
        "Red flag at the morning check-in (Tue 10 Mar): numbness/tingling; pain 0/10, "
        "stiffness 1/10. Advised: Stop and see a physio. Told to stop Banded bridge, Side plank."
    )
    assert outcome.alerts == [alert]
    assert Decision.objects.get(source_check_in=stored, entry=entries[0]).inputs["check_in"] == {
        "date": "2026-03-10",
        "pain": 0,
        "stiffness": 1,
        "numbness": True,
    }


@pytest.mark.parametrize(
    ("answers", "urgency", "advised"),
    [
        ({"emergency_signs": True}, "emergency_999", "999 / A&E now"),
        ({"urgent_signs": True}, "nhs_111_today", "NHS 111 today"),
        ({"swelling": True, "unwell": True}, "nhs_111_today", "NHS 111 today"),
    ],
)
def test_urgent_answers_store_the_nhs_route_and_tell_the_physio(
    runner, entries, answers, urgency, advised
):
    outcome = record(runner, TUESDAY, **answers)
    assert outcome.check_in.urgency == urgency
    assert f"Advised: {advised}. Told to stop" in Alert.objects.get(runner=runner).message


def test_feeling_unwell_holds_yesterdays_session_without_an_alert(runner, entries):
    log(runner, entries, WEEK2)
    outcome = record(runner, TUESDAY, unwell=True)
    assert {d.rule for d in outcome.decisions} == {"F2_unwell_no_progress"}
    assert outcome.check_in.urgency == "easy_day"
    assert "don't train hard today" in outcome.check_in.advice
    assert Alert.objects.count() == 0


def test_the_same_session_and_morning_without_illness_progresses(runner, entries):
    log(runner, entries, WEEK2)
    outcome = record(runner, TUESDAY)
    assert {d.action for d in outcome.decisions} == {"progress"}
    assert (outcome.check_in.urgency, outcome.check_in.advice) == ("none", "")


def test_a_rise_after_a_long_run_holds_without_an_alert(runner, entries):
    log(runner, entries, WEEK2)
    outcome = record(runner, TUESDAY, pain=2, long_run_yesterday=True)
    assert {d.rule for d in outcome.decisions} == {"F3_morning_rise_after_race_or_long_run"}
    assert Alert.objects.count() == 0


def test_a_high_rest_day_morning_alerts_once(runner, physio, entries):
    outcome = record(runner, TUESDAY, pain=7)
    assert {d.rule for d in outcome.decisions} == {"C2_rest_day_morning_high"}
    alert = Alert.objects.get(runner=runner)
    assert (alert.kind, alert.physio) == ("rest_day_high", physio)


def test_a_high_morning_after_a_session_of_one_exercise_is_not_a_rest_day(runner, entries):
    log(runner, entries[:1], WEEK2)
    outcome = record(runner, TUESDAY, pain=7)
    rules = {d.entry_id: d.rule for d in outcome.decisions}
    assert rules == {  # 6 points above the usual 1/10 the morning after: paused (S2), not C2
        entries[0].pk: "S2_paused_next_morning_4_above_baseline",
        entries[1].pk: "C1_check_in_recorded",
    }
    assert list(Alert.objects.values_list("kind", flat=True)) == ["exercise_paused"]


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"night_pain": "yes"}, "night_pain", "Answer yes or no."),
        ({"swelling": 1}, "swelling", "Answer yes or no."),
        ({"sore_throat": True}, "sore_throat", "This is not one of the check-in questions."),
    ],
)
def test_bad_answers_are_refused_by_field_and_nothing_saved(
    runner, entries, answers, field, message
):
    before = (CheckIn.objects.count(), Decision.objects.count())
    with pytest.raises(ValidationError) as caught:
        record(runner, TUESDAY, **answers)
    assert caught.value.message_dict == {field: [message]}
    assert (CheckIn.objects.count(), Decision.objects.count()) == before


def test_a_retried_check_in_with_the_same_answers_records_once_and_other_answers_conflict(
    runner, entries
):
    first = record(runner, TUESDAY, night_pain=True)
    again = record(runner, TUESDAY, night_pain=True)
    assert (first.created, again.created) == (True, False)
    assert Alert.objects.count() == 1
    with pytest.raises(ValidationError) as caught:
        record(runner, TUESDAY)
    assert caught.value.error_dict["date"][0].code == "conflict"


# --- plateau -------------------------------------------------------------------------------------


def _fortnight_of_mornings_a_little_above(runner, entries, *, last: int = 4):
    """Sessions Mon/Wed/Fri/Mon from 9 March, each followed by a morning 1 point stiffer than
    usual (rule H9: hold). Returns the outcome of the last check-in."""
    outcome = None
    for day in (7, 9, 11, 14)[:last]:
        log(runner, entries, MONDAY + timedelta(days=day))
        outcome = check_in(runner, MONDAY + timedelta(days=day + 1), 0, 2)
    return outcome


def test_two_weeks_of_holds_with_reacting_mornings_raise_one_review_alert(runner, physio, entries):
    outcome = _fortnight_of_mornings_a_little_above(runner, entries)

    assert {d.rule for d in outcome.decisions} == {"H9_next_morning_a_little_above_baseline"}
    alerts = Alert.objects.filter(runner=runner, kind="plateau_review")
    assert sorted(a.key for a in alerts) == [f"plateau:{e.pk}:2026-03-02" for e in entries]
    bridge = alerts.get(key=f"plateau:{entries[0].pk}:2026-03-02")
    assert bridge.physio == physio
    assert bridge.message == (
        "Review Banded bridge: no progress since Mon 02 Mar (15 days). In the last two weeks: "
        "4 sessions, and mornings above usual on 4 days."
    )
    assert set(outcome.alerts) == set(alerts)
    # The daily scan and the physio's dashboard find the same plateau: nothing new.
    assert alerts_plateau_scan(today=MONDAY + timedelta(days=16)) == []
    assert Alert.objects.filter(kind="plateau_review").count() == 2


def test_twelve_days_of_reacting_mornings_are_not_yet_a_plateau(runner, entries):
    _fortnight_of_mornings_a_little_above(runner, entries, last=3)
    assert alerts_plateau_scan(today=MONDAY + timedelta(days=12)) == []


def test_settled_mornings_over_two_weeks_are_no_plateau(runner, entries):
    for day in (7, 9, 11, 14):
        log(runner, entries, MONDAY + timedelta(days=day), pain=4)  # H2: hold, settled overnight
        check_in(runner, MONDAY + timedelta(days=day + 1), 0, 1)
    assert alerts_plateau_scan(today=MONDAY + timedelta(days=15)) == []
