"""Strength placement: how many a week per phase, on which days, and the reason each carries.

Rules: 2 a week in base, 1-2 in build/peak, 1 short maintenance session in the taper; never the
day before the long run, a quality session or the race; preferably after a quality run or on an
easy day; no heavy lower-body work in the last 7 days before the race.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stridewell.planner.engine import Phase, RunKind, Severity, StrengthKind, plan_generate
from stridewell.planner.engine.model import PlannedRun, Week
from stridewell.planner.engine.strength import Timeline, rule_out

from .builders import FRI, MON, SAT, SUN, THU, TODAY, TUE, WED, inputs
from .oracle import count_violations, strength_violations


@pytest.fixture(scope="module")
def plan():
    return plan_generate(inputs())


def weekdays(week) -> list[int]:
    return [s.day.weekday() for s in week.strength]


def test_sessions_per_week_follow_the_phase(plan):
    counts = {w.number: len(w.strength) for w in plan.weeks}
    kinds = {w.phase: {s.kind for s in w.strength} for w in plan.weeks}

    assert [counts[n] for n in range(1, 17)] == [2] * 10 + [1] * 6
    assert kinds == {
        Phase.BASE: {StrengthKind.FULL},
        Phase.BUILD: {StrengthKind.REDUCED},
        Phase.PEAK: {StrengthKind.REDUCED},
        Phase.TAPER: {StrengthKind.MAINTENANCE},
    }
    taper_sessions = [s for w in plan.weeks[-3:] for s in w.strength]
    assert {(s.minutes, s.is_heavy) for s in taper_sessions} == {(20, False)}


def test_sessions_go_after_a_quality_run_or_on_an_easy_day_never_before_a_hard_run(plan):
    # Monday is the day before Tuesday's quality run, Saturday the day before the long run,
    # Wednesday the day before Thursday's quality run in build and peak.
    assert weekdays(plan.weeks[0]) == [TUE, THU]  # base: after hills, and an easy-run day
    assert weekdays(plan.weeks[6]) == [TUE, THU]  # build: both after quality sessions
    assert weekdays(plan.weeks[10]) == [TUE]  # peak: one, after the first quality session
    assert strength_violations(plan) == []
    assert count_violations(plan, today=TODAY) == []


def test_each_session_says_why_it_is_there(plan):
    tuesday, thursday = plan.weeks[0].strength

    assert tuesday.reason.startswith(
        "Tuesday, after your hill repeats: run first and do the strength work afterwards"
    )
    assert "Your long run is 5 days later" in tuesday.reason
    assert "Base phase: two heavier sessions a week" in tuesday.reason
    assert thursday.reason.startswith("Thursday, an easy-run day: do it after the run.")
    taper = plan.weeks[-1].strength[0]
    assert "Taper: one short, light maintenance session" in taper.reason


def test_the_last_heavy_session_is_at_least_seven_days_before_the_race(plan):
    heavy = [s for s in plan.strength() if s.is_heavy]

    assert (plan.race_date - max(s.day for s in heavy)).days >= 7
    assert max(s.day for s in heavy) == date(2026, 9, 8)  # Tuesday of the last peak week


def test_a_week_that_cannot_hold_its_sessions_says_which_days_were_ruled_out_and_why():
    plan = plan_generate(
        inputs(
            race_date=date(2026, 8, 9),
            current_weekly_km=20.0,
            longest_recent_run_km=10.0,
            available_days=frozenset({FRI, SAT, SUN}),
            quality_days=frozenset({FRI}),
        )
    )
    week_one = next(i for i in plan.issues if i.code == "strength_short" and i.week == 1)

    assert weekdays(plan.weeks[0]) == [FRI]
    assert week_one.severity is Severity.WARNING
    assert week_one.message == (
        "Week 1 (base): only 1 of 2 fit, because Monday, Tuesday, Wednesday and Thursday are "
        "not among your available days; Saturday is the day before your long run; Sunday is "
        "your long-run day. Free up another available day, or move a run, to make room."
    )
    build = next(i for i in plan.issues if i.code == "strength_short" and i.week == 4)
    assert build.severity is Severity.INFO  # one is within the 1-2 advised in build
    assert strength_violations(plan) == []


def test_a_quality_session_on_monday_keeps_sunday_free_across_the_week_boundary():
    plan = plan_generate(
        inputs(
            available_days=frozenset({MON, WED, FRI, SAT, SUN}),
            long_run_day=SAT,
            quality_days=frozenset({MON}),
        )
    )

    assert not [s for s in plan.strength() if s.day.weekday() in (SUN, FRI)]
    assert strength_violations(plan) == []


def test_a_monday_race_leaves_race_week_without_strength_and_says_that_is_fine():
    plan = plan_generate(
        inputs(
            race_date=date(2026, 8, 10),
            current_weekly_km=40.0,
            longest_recent_run_km=16.0,
            available_days=frozenset({MON, WED, SAT, SUN}),
            long_run_day=SAT,
            quality_days=frozenset({MON}),
        )
    )
    race_week = plan.weeks[-1]
    issue = next(i for i in plan.issues if i.week == race_week.number)

    assert race_week.strength == ()
    assert issue.severity is Severity.INFO
    assert issue.message.endswith(
        "In race week that is fine: rest matters more than one more session."
    )


def _timeline(runs: dict[date, RunKind], race: date) -> Timeline:
    made = {
        day: PlannedRun(
            key=str(day), day=day, kind=kind, km=10, title=kind.value.title(), detail="", minutes=60
        )
        for day, kind in runs.items()
    }
    return Timeline(made, race, frozenset(range(7)), TODAY)


@pytest.mark.parametrize(
    ("offset", "heavy", "expected"),
    [
        (-1, False, "is the day before the race"),
        (0, False, "is race day"),
        (1, False, "is after the race"),
        (-6, True, "is within 7 days of the race, too close for heavy leg work"),
        (-6, False, None),  # a light maintenance session may go 6 days out
        (-7, True, None),  # heavy work exactly 7 days out is allowed
    ],
)
def test_the_rules_near_the_race(offset, heavy, expected):
    race = date(2026, 10, 4)
    timeline = _timeline({race: RunKind.RACE}, race)

    day = race + timedelta(days=offset)
    assert rule_out(day, is_heavy=heavy, timeline=timeline, taken=set()) == expected


def test_the_day_before_a_long_run_or_quality_session_is_never_used():
    race = date(2026, 10, 4)
    timeline = _timeline({date(2026, 7, 5): RunKind.LONG, date(2026, 7, 7): RunKind.QUALITY}, race)

    assert rule_out(date(2026, 7, 4), is_heavy=True, timeline=timeline, taken=set()) == (
        "is the day before your long run"
    )
    assert rule_out(date(2026, 7, 5), is_heavy=True, timeline=timeline, taken=set()) == (
        "is your long-run day"
    )
    assert rule_out(date(2026, 7, 6), is_heavy=True, timeline=timeline, taken=set()) == (
        "is the day before your quality session (quality)"
    )
    assert rule_out(date(2026, 7, 7), is_heavy=True, timeline=timeline, taken=set()) is None
    assert rule_out(
        date(2026, 7, 8), is_heavy=True, timeline=timeline, taken={date(2026, 7, 8)}
    ) == ("already has a strength session")
    assert rule_out(date(2026, 6, 9), is_heavy=False, timeline=timeline, taken=set()) == (
        "is already past"
    )


def test_two_sessions_are_kept_apart_when_the_week_allows():
    plan = plan_generate(
        inputs(
            available_days=frozenset({MON, TUE, WED, THU, FRI, SUN}),
            quality_days=frozenset({WED}),
        )
    )

    for week in plan.weeks[:5]:
        days = [s.day for s in week.strength]
        assert len(days) == 2
        assert (days[1] - days[0]).days >= 2, f"week {week.number}: {days}"


def test_weeks_are_built_whole():
    week: Week = plan_generate(inputs()).weeks[0]

    assert week.end == week.start + timedelta(days=6)
    assert week.days[0].weekday() == MON
    assert week.days[-1].weekday() == SUN
