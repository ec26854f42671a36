"""Working hours become real instants through the clinic engine, DST days included."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from stridewell.booking import rota


def test_overrides_replace_the_usual_day_and_days_off_remove_it():
    weekly = (rota.WeeklyRange(0, time(8), time(18)), rota.WeeklyRange(1, time(8), time(18)))
    monday, tuesday = date(2026, 6, 15), date(2026, 6, 16)
    plan = rota.Rota(
        weekly=weekly,
        overrides=(rota.DateRange(monday, time(12), time(16)),),
        days_off=(rota.DaysOff(tuesday, tuesday),),
    )

    assert rota.ranges_on(monday, plan) == [(time(12), time(16))]
    assert rota.ranges_on(tuesday, plan) == []
    assert rota.ranges_on(date(2026, 6, 22), plan) == [(time(8), time(18))]


def test_an_override_without_times_means_not_working():
    plan = rota.Rota(
        weekly=(rota.WeeklyRange(0, time(8), time(18)),),
        overrides=(rota.DateRange(date(2026, 6, 15)),),
    )

    assert rota.ranges_on(date(2026, 6, 15), plan) == []


def test_wall_clock_hours_become_utc_on_both_sides_of_the_spring_change():
    plan = rota.Rota(
        weekly=(rota.WeeklyRange(5, time(8), time(18)), rota.WeeklyRange(0, time(8), time(18)))
    )

    before, after = rota.working_intervals(
        plan, first_day=date(2026, 3, 28), last_day=date(2026, 3, 30)
    )

    assert before.start == datetime(2026, 3, 28, 8, tzinfo=UTC)  # GMT
    assert after.start == datetime(2026, 3, 30, 7, tzinfo=UTC)  # BST


def test_a_range_needs_both_times_in_order():
    assert rota.range_errors(time(9), None) == [
        "Give both a start and an end time, or neither for a day off."
    ]
    assert rota.range_errors(time(9), time(9)) == ["The end time must be after the start time."]
    assert rota.range_errors(None, None) == []
