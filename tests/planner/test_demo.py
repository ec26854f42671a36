"""The planner demo: a race about 16 weeks away, a plan under way, some runs logged."""

from __future__ import annotations

from datetime import date

import pytest

from stridewell.planner.demo import DEMO_RACE, seed_planner_demo
from stridewell.planner.models import ActualRun, Plan, PlannedRun, PlannedStrength

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 10)


def snapshot():
    return (
        list(Plan.objects.values_list("id", "race__date")),
        list(PlannedRun.objects.values_list("id", "date", "status", "actual_km", "sequence")),
        list(PlannedStrength.objects.values_list("id", "date", "status", "sequence")),
        list(ActualRun.objects.values_list("id", "distance_km")),
    )


def test_the_demo_runner_has_a_race_sixteen_weeks_away_and_some_logged_runs(runner):
    plan = seed_planner_demo(runner=runner, today=TODAY)

    assert plan.race.name == DEMO_RACE
    assert plan.race.date == date(2026, 10, 4)  # the Sunday 16 weeks on
    past = PlannedRun.objects.filter(plan=plan, date__lt=TODAY)
    assert past.count() == 6  # week 1 (4 runs) and this Monday and Tuesday
    assert past.filter(status="missed").count() == 1
    assert past.filter(status="done", actual_run__isnull=False).count() == 5
    assert PlannedStrength.objects.filter(plan=plan, date__lt=TODAY, status="missed").count() == 1
    assert not PlannedRun.objects.filter(plan=plan, date__gte=TODAY).exclude(status="planned")


def test_running_the_demo_twice_changes_nothing(runner):
    seed_planner_demo(runner=runner, today=TODAY)
    before = snapshot()

    seed_planner_demo(runner=runner, today=TODAY)

    assert snapshot() == before


def test_a_runner_with_their_own_plan_keeps_it(make_plan, runner):
    own = make_plan(runner)

    assert seed_planner_demo(runner=runner, today=TODAY) == own
    assert Plan.objects.count() == 1
