"""Services: a plan made and changed through the engine, stored row for row, in transactions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from stridewell.planner.convert import engine_plan
from stridewell.planner.engine import plan_generate
from stridewell.planner.models import Plan, PlannedRun, PlannedStrength, PlanWeek, Race
from stridewell.planner.services import (
    plan_create,
    plan_update,
    run_mark_done,
    run_mark_missed,
    run_move,
    strength_mark_done,
    strength_move,
)

from .conftest import PLAN_ARGS, TODAY

pytestmark = pytest.mark.django_db

WEEK2_TUESDAY = date(2026, 6, 23)
WEEK2_THURSDAY = date(2026, 6, 25)


def test_a_new_plan_stores_exactly_what_the_engine_made(plan):
    stored = engine_plan(plan)
    made = plan_generate(stored.inputs)

    assert plan.start_date == date(2026, 6, 15)
    assert PlanWeek.objects.filter(plan=plan).count() == 16
    assert [w.runs for w in stored.weeks] == [w.runs for w in made.weeks]
    assert [w.strength for w in stored.weeks] == [w.strength for w in made.weeks]
    assert {n["code"] for n in plan.notes} == {"step_back", "taper"}


def test_invalid_inputs_raise_field_errors_and_save_nothing(runner):
    with pytest.raises(ValidationError) as caught:
        plan_create(
            runner=runner,
            today=TODAY,
            **{**PLAN_ARGS, "race_date": date(2026, 7, 26), "long_run_day": 2, "race_name": "  "},
        )

    assert set(caught.value.message_dict) == {"race_name"}
    with pytest.raises(ValidationError) as caught:
        plan_create(
            runner=runner,
            today=TODAY,
            **{**PLAN_ARGS, "race_date": date(2026, 7, 26), "long_run_day": 2},
        )
    assert set(caught.value.message_dict) == {"race_date", "long_run_day"}
    assert Race.objects.count() == Plan.objects.count() == PlannedRun.objects.count() == 0


def test_a_second_plan_archives_the_first(make_plan, runner):
    first = make_plan(runner)
    second = make_plan(runner, race_name="Spring Marathon")

    first.refresh_from_db()
    assert (first.is_active, second.is_active) == (False, True)
    assert PlannedRun.objects.filter(plan=first).exists()


def test_marking_a_quality_run_missed_re_flows_the_week_and_keeps_the_log(plan):
    hills = PlannedRun.objects.get(plan=plan, date=WEEK2_TUESDAY)
    thursday = PlannedRun.objects.get(plan=plan, date=WEEK2_THURSDAY)
    sequence = thursday.sequence

    notes = run_mark_missed(run=hills, today=WEEK2_TUESDAY)

    hills.refresh_from_db()
    thursday.refresh_from_db()
    assert (hills.status, hills.logged_at is not None) == ("missed", True)
    assert (thursday.kind, thursday.title, thursday.sequence) == (
        "quality",
        "Hill repeats",
        sequence + 1,
    )
    assert notes[0].startswith("Your missed hill repeats moves to Thursday 25 June")


def test_a_refused_change_writes_nothing(plan):
    hills = PlannedRun.objects.get(plan=plan, date=WEEK2_TUESDAY)
    before = list(PlannedRun.objects.filter(plan=plan).values())

    with pytest.raises(ValidationError) as caught:
        run_move(run=hills, new_date=date(2026, 7, 1), today=date(2026, 6, 22))

    assert caught.value.message_dict == {
        "day": ["Runs move within their own week (Monday 22 June to Sunday 28 June)."]
    }
    assert list(PlannedRun.objects.filter(plan=plan).values()) == before


def test_moving_strength_to_an_unsafe_day_is_refused_with_the_reason(plan):
    session = PlannedStrength.objects.get(plan=plan, date=WEEK2_THURSDAY)

    with pytest.raises(ValidationError) as caught:
        strength_move(session=session, new_date=date(2026, 6, 27), today=date(2026, 6, 22))

    assert caught.value.message_dict["day"] == [
        "Saturday 27 June is the day before your long run: choose another day."
    ]
    strength_move(session=session, new_date=date(2026, 6, 26), today=date(2026, 6, 22))
    session.refresh_from_db()
    assert (session.date, session.is_pinned, session.original_date) == (
        date(2026, 6, 26),
        True,
        WEEK2_THURSDAY,
    )


def test_a_new_race_date_re_plans_the_future_and_keeps_what_is_logged(plan):
    today = date(2026, 7, 15)
    done = PlannedRun.objects.get(plan=plan, date=date(2026, 7, 13))
    run_mark_done(run=done, actual_km=7.5, today=today)
    session = PlannedStrength.objects.get(plan=plan, date=date(2026, 7, 14))
    strength_mark_done(session=session, today=today)
    logged = {
        r.pk: (r.date, r.status, r.actual_km)
        for r in PlannedRun.objects.filter(plan=plan, status="done")
    }

    notes = plan_update(plan=plan, race_date=date(2026, 10, 18), today=today)

    plan.refresh_from_db()
    assert plan.race.date == date(2026, 10, 18)
    assert notes[0].startswith("Plan re-made from Wednesday 15 July: 14 weeks to race day")
    assert {
        r.pk: (r.date, r.status, r.actual_km)
        for r in PlannedRun.objects.filter(plan=plan, status="done")
    } == logged
    assert PlannedRun.objects.get(plan=plan, kind="race").date == date(2026, 10, 18)
    assert PlanWeek.objects.filter(plan=plan).count() == 18
    session.refresh_from_db()
    assert session.status == "done"


def test_changing_only_the_name_or_times_does_not_re_plan(plan):
    runs_before = list(
        PlannedRun.objects.filter(plan=plan).values_list("key", "date", "distance_km")
    )

    notes = plan_update(plan=plan, race_name="Autumn City Marathon 2026", run_time=None)

    plan.refresh_from_db()
    assert notes == ()
    assert plan.race.name == "Autumn City Marathon 2026"
    assert (
        list(PlannedRun.objects.filter(plan=plan).values_list("key", "date", "distance_km"))
        == runs_before
    )


def test_shortening_the_plan_removes_the_weeks_after_the_new_race(plan):
    plan_update(plan=plan, race_date=date(2026, 9, 20), today=date(2026, 6, 12))

    assert PlanWeek.objects.filter(plan=plan).count() == 14
    assert not PlannedRun.objects.filter(plan=plan, date__gt=date(2026, 9, 20)).exists()
    assert PlannedRun.objects.get(plan=plan, kind="race").date == date(2026, 9, 20)
    assert timedelta(0) < date(2026, 9, 20) - TODAY
