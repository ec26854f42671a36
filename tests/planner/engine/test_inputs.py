"""Checking the runner's inputs: plans from 8 to 30 weeks out, sensible volumes, and days that
make a plan possible. Every problem is reported against its field, all at once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stridewell.planner.engine import PlanInputError, inputs_validate, plan_generate, plan_start

from .builders import FRI, MON, SAT, SUN, THU, TODAY, TUE, WED, inputs


def problems(**overrides) -> dict[str, list[str]]:
    with pytest.raises(PlanInputError) as caught:
        inputs_validate(inputs(**overrides))
    return caught.value.problems


def test_plans_start_on_the_next_monday_or_today_when_it_is_a_monday():
    assert plan_start(TODAY) == date(2026, 6, 15)
    assert plan_start(date(2026, 6, 15)) == date(2026, 6, 15)
    assert plan_start(date(2026, 6, 14)) == date(2026, 6, 15)


def test_a_race_eight_weeks_out_is_accepted_and_seven_is_refused_with_the_reason():
    inputs_validate(inputs(race_date=date(2026, 8, 9)))  # 8th week from Monday 15 June

    found = problems(race_date=date(2026, 8, 2))

    assert list(found) == ["race_date"]
    message = found["race_date"][0]
    assert message.startswith("Your race is 7 weeks away (the plan would start on Monday 15 June")
    assert "needs at least 8 weeks" in message


def test_a_race_thirty_weeks_out_is_accepted_and_thirty_one_says_when_to_come_back():
    inputs_validate(inputs(race_date=date(2027, 1, 10)))

    message = problems(race_date=date(2027, 1, 17))["race_date"][0]

    assert message.startswith("Your race is 31 weeks away; plans cover at most 30 weeks.")
    assert "on or after Tuesday 16 June 2026" in message
    # ...and that date really is the first day the plan can be made.
    inputs_validate(inputs(race_date=date(2027, 1, 17), today=date(2026, 6, 16)))


def test_a_race_in_the_past_is_refused():
    assert problems(race_date=TODAY)["race_date"] == [
        "The race date has to be in the future: choose an upcoming race."
    ]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("current_weekly_km", 14.5, "starts from at least 15 km a week"),
        ("current_weekly_km", 201.0, "More than 200 km a week"),
        ("longest_recent_run_km", 4.9, "should be at least 5 km"),
        ("longest_recent_run_km", 46.0, "longer than a marathon"),
        ("goal_time", timedelta(hours=1, minutes=59), "between 2:00 and 7:00"),
        ("goal_time", timedelta(hours=7, minutes=1), "between 2:00 and 7:00"),
        ("step_back_every", 5, "every 3rd or 4th week"),
    ],
)
def test_out_of_range_numbers_are_refused_against_their_field(field, value, expected):
    found = problems(**{field: value})

    assert list(found) == [field]
    assert expected in found[field][0]


def test_the_long_run_day_must_be_an_available_day():
    found = problems(long_run_day=FRI)

    assert found["long_run_day"] == [
        "Your long-run day (Friday) must be one of the days you are available."
    ]


def test_fewer_than_three_available_days_is_refused():
    found = problems(available_days=frozenset({TUE, SUN}), quality_days=frozenset({TUE}))

    assert "Choose at least 3 days" in found["available_days"][0]


def test_quality_days_must_be_available_apart_and_not_the_long_run_day():
    found = problems(quality_days=frozenset({WED, SUN}))

    assert found["quality_days"][0] == (
        "Quality sessions must fall on days you are available: Wednesday is not."
    )
    assert "Sunday is your long-run day" in found["quality_days"][1]


def test_back_to_back_quality_days_are_refused():
    found = problems(
        available_days=frozenset({MON, TUE, WED, SUN}), quality_days=frozenset({TUE, WED})
    )

    assert found["quality_days"] == [
        "Leave at least one easier day between quality sessions: Tuesday and Wednesday are "
        "back to back."
    ]


def test_a_week_of_only_hard_runs_is_refused():
    found = problems(available_days=frozenset({TUE, THU, SUN}), quality_days=frozenset({TUE, THU}))

    assert found["quality_days"] == [
        "Keep at least one available day for an easy run: with these days every run would be "
        "a hard one."
    ]


def test_every_problem_is_reported_at_once_and_generation_refuses_too():
    bad = inputs(race_date=date(2026, 7, 1), current_weekly_km=5.0, long_run_day=WED)

    with pytest.raises(PlanInputError) as caught:
        plan_generate(bad)

    assert set(caught.value.problems) == {"race_date", "current_weekly_km", "long_run_day"}


def test_valid_inputs_with_no_quality_days_make_a_plan_without_quality_runs():
    plan = plan_generate(
        inputs(quality_days=frozenset(), available_days=frozenset({MON, THU, SAT, SUN}))
    )

    assert all(r.kind.value != "quality" for r in plan.runs())
    assert plan.weeks[-1].runs[-1].day == date(2026, 10, 4)


def test_a_longest_run_shorter_than_an_average_day_of_the_week_is_questioned():
    found = problems(current_weekly_km=70.0, longest_recent_run_km=9.5)

    assert found == {
        "longest_recent_run_km": [
            "70 km a week means at least one run of 10.0 km, but your longest run is 9.5 km. "
            "Please check both numbers."
        ]
    }
    inputs_validate(inputs(current_weekly_km=70.0, longest_recent_run_km=10.0))
