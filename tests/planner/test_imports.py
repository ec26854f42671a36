"""Importing runs: stored, matched with the plan, duplicates skipped, bad files change nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from stridewell.planner.convert import engine_plan
from stridewell.planner.imports import runs_import
from stridewell.planner.models import ActualRun, PlannedRun

from .files import gpx_file
from .fitwriter import fit_file

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 6, 15)  # week 1: easy 6 km Monday, hills 5.5 km Tuesday
TODAY = date(2026, 6, 17)
MONDAY_RUN = datetime(2026, 6, 15, 6, 0, tzinfo=UTC)


def snapshot(plan):
    return (
        list(ActualRun.objects.values_list("id", "distance_km")),
        list(PlannedRun.objects.filter(plan=plan).values_list("id", "status", "actual_km")),
    )


def test_a_gpx_run_on_a_planned_day_is_stored_and_logs_the_planned_run(runner, plan):
    result = runs_import(
        runner=runner,
        file_name="monday.gpx",
        data=gpx_file(start=MONDAY_RUN, km=6.4, minutes=40),
        today=TODAY,
    )

    (actual,) = result.created
    planned = PlannedRun.objects.get(plan=plan, date=MONDAY)
    assert (actual.local_date, actual.source, actual.duration_s) == (MONDAY, "gpx", 2400)
    assert (planned.status, planned.actual_run_id) == ("done", actual.pk)
    assert planned.actual_km == pytest.approx(6.4, abs=0.05)
    assert result.matched == [(actual, planned)]


def test_the_same_file_twice_is_refused_and_changes_nothing(runner, plan):
    data = gpx_file(start=MONDAY_RUN, km=6.4, minutes=40)
    runs_import(runner=runner, file_name="monday.gpx", data=data, today=TODAY)
    before = snapshot(plan)

    with pytest.raises(ValidationError) as caught:
        runs_import(runner=runner, file_name="copy.gpx", data=data, today=TODAY)

    assert caught.value.message_dict["file"][0].startswith("You imported this file on ")
    assert snapshot(plan) == before


def test_the_same_run_from_another_device_is_a_duplicate(runner, plan):
    runs_import(
        runner=runner,
        file_name="watch.gpx",
        data=gpx_file(start=MONDAY_RUN, km=6.40, minutes=40),
        today=TODAY,
    )

    result = runs_import(
        runner=runner,
        file_name="watch.fit",
        data=fit_file(start=MONDAY_RUN.replace(second=45), distance_m=6490, seconds=2390),
        today=TODAY,
    )

    assert result.created == []
    assert [parsed.distance_km for parsed, _ in result.duplicates] == [6.49]
    assert ActualRun.objects.count() == 1


def test_a_run_three_percent_longer_is_not_a_duplicate(runner, plan):
    runs_import(
        runner=runner,
        file_name="a.gpx",
        data=gpx_file(start=MONDAY_RUN, km=6.0, minutes=40),
        today=TODAY,
    )

    result = runs_import(
        runner=runner,
        file_name="b.fit",
        data=fit_file(start=MONDAY_RUN, distance_m=6200, seconds=2400),
        today=TODAY,
    )

    assert len(result.created) == 1


def test_a_damaged_file_gets_a_clear_error_and_nothing_changes(runner, plan):
    before = snapshot(plan)
    damaged = fit_file(start=MONDAY_RUN, distance_m=6000, seconds=2400)[:-3]

    with pytest.raises(ValidationError) as caught:
        runs_import(runner=runner, file_name="broken.fit", data=damaged, today=TODAY)

    assert caught.value.message_dict["file"][0].startswith("This FIT file is damaged")
    assert snapshot(plan) == before


def test_a_csv_imports_several_runs_matching_those_it_can(runner, plan):
    data = (
        b"date,distance_km,duration\n"
        b"2026-06-12,9,50:00\n"
        b"2026-06-15 07:00,6.1,38:00\n"
        b"2026-06-16,5.6,\n"
    )

    result = runs_import(runner=runner, file_name="log.csv", data=data, today=TODAY)

    assert [a.local_date.day for a in result.created] == [12, 15, 16]
    assert [p.date.day for _, p in result.matched] == [15, 16]  # the 12th is before the plan
    assert set(
        PlannedRun.objects.filter(plan=plan, status="done").values_list("date", flat=True)
    ) == {date(2026, 6, 15), date(2026, 6, 16)}
    # The unmatched run still counts in the 30-day window for spike flags.
    assert [(h.day, h.km) for h in engine_plan(plan).history] == [(date(2026, 6, 12), 9.0)]


def test_runs_in_the_future_or_without_a_plan_are_stored_but_not_matched(runner, other_runner):
    result = runs_import(
        runner=other_runner,
        file_name="x.gpx",
        data=gpx_file(start=MONDAY_RUN, km=6.0, minutes=40),
        today=TODAY,
    )

    assert len(result.created) == 1
    assert result.matched == []
