"""Plan generation: phases, step-back weeks, the taper, long-run growth and race week.

The reference plan (see builders.inputs): race on Sunday 4 October 2026, made on Wednesday
10 June, 30 km a week now, longest recent run 14 km, runs on Mon/Tue/Thu/Sat/Sun, long run on
Sunday, quality on Tuesday and Thursday, goal 4:00.
"""

from __future__ import annotations

from datetime import date, timedelta
from statistics import mean

import pytest

from stridewell.planner.engine import Phase, RunKind, plan_generate

from .builders import FRI, MON, SAT, SUN, THU, TUE, WED, inputs, runs_of
from .oracle import naive_spikes


@pytest.fixture(scope="module")
def plan():
    return plan_generate(inputs())


def test_a_sixteen_week_plan_runs_base_build_peak_then_a_three_week_taper(plan):
    phases = [w.phase for w in plan.weeks]

    assert plan.start == date(2026, 6, 15)
    assert len(plan.weeks) == 16
    assert phases == [Phase.BASE] * 5 + [Phase.BUILD] * 5 + [Phase.PEAK] * 3 + [Phase.TAPER] * 3


def test_shorter_plans_taper_for_two_weeks():
    plan = plan_generate(inputs(race_date=date(2026, 9, 27)))  # 15 weeks

    assert [w.phase for w in plan.weeks].count(Phase.TAPER) == 2
    assert plan.weeks[-1].phase is Phase.TAPER


def test_every_fourth_week_steps_back_to_about_three_quarters(plan):
    step_backs = [w.number for w in plan.weeks if w.is_step_back]

    assert step_backs == [4, 8, 12]
    for number in step_backs:
        before, week = plan.weeks[number - 2], plan.weeks[number - 1]
        assert week.target_km == pytest.approx(0.75 * before.target_km, abs=0.5)
        assert week.long_km < before.long_km


def test_runners_under_thirty_km_a_week_step_back_every_third_week():
    plan = plan_generate(inputs(current_weekly_km=25.0))

    assert [w.number for w in plan.weeks if w.is_step_back] == [3, 6, 9, 12]


def test_there_is_no_weekly_ten_percent_cap(plan):
    # Buist 2008: the 10% rule prevented nothing. Week 1 already grows 10% over the 30 km the
    # runner does now, and later weeks grow by more than 10% after a step-back.
    jumps = [b.planned_km / a.planned_km for a, b in zip(plan.weeks, plan.weeks[1:], strict=False)]
    assert max(jumps) > 1.10


def test_the_taper_cuts_volume_forty_to_sixty_percent_and_keeps_the_quality_sessions(plan):
    peak = max(w.planned_km for w in plan.weeks if w.phase is not Phase.TAPER)
    taper = [w for w in plan.weeks if w.phase is Phase.TAPER]
    peak_week = plan.weeks[12]

    assert peak == 55.0
    assert [w.planned_km for w in taper] == [38.5, 30.5, 22.0]
    assert 0.40 <= 1 - mean(w.planned_km for w in taper) / peak <= 0.60
    quality = [sum(r.kind is RunKind.QUALITY for r in w.runs) for w in (peak_week, *taper)]
    assert quality == [2, 2, 2, 1]  # race week keeps one short tune-up
    # How often you run stays the same in the taper (Bosquet 2007); only distance drops.
    assert [len(w.runs) for w in taper[:2]] == [len(peak_week.runs)] * 2


def test_race_week_has_the_race_a_rest_day_before_it_and_nothing_after():
    plan = plan_generate(inputs(race_date=date(2026, 10, 3)))  # a Saturday
    race_week = plan.weeks[-1]
    race = [r for r in race_week.runs if r.kind is RunKind.RACE]

    assert [(r.day, r.km) for r in race] == [(date(2026, 10, 3), 42.2)]
    assert not [
        r for r in race_week.runs if r.day >= date(2026, 10, 2) and r.kind is not RunKind.RACE
    ]
    tune_up = [r for r in race_week.runs if r.kind is RunKind.QUALITY]
    assert [r.day for r in tune_up] == [date(2026, 9, 29)]  # Tuesday, 4 days before


def test_a_monday_race_keeps_the_week_before_it_easy():
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
    last_six_days = [r for r in plan.runs() if 0 < (date(2026, 8, 10) - r.day).days < 7]

    assert {r.kind for r in last_six_days} <= {RunKind.EASY, RunKind.QUALITY}
    assert all(r.km <= 8 for r in last_six_days if r.kind is RunKind.EASY)
    assert not [r for r in last_six_days if r.day == date(2026, 8, 9)]


def test_long_runs_grow_without_a_single_run_spike_and_only_the_race_is_flagged(plan):
    longs = [r.km for r in runs_of(plan, RunKind.LONG)]

    assert longs[0] == 15.0
    assert max(longs) == 27.5
    assert naive_spikes(plan) == {r.key for r in runs_of(plan, RunKind.RACE)}
    assert [(s.day, s.is_expected, s.reference_km) for s in plan.spikes] == [
        (date(2026, 10, 4), True, 27.5)
    ]
    assert plan.spikes[0].message.startswith(
        "Race day (42.2 km) is 53% longer than your longest run in the 30 days before it"
    )


def test_a_short_build_up_says_its_long_run_is_capped_and_short():
    plan = plan_generate(
        inputs(
            race_date=date(2026, 8, 9),
            current_weekly_km=20.0,
            longest_recent_run_km=10.0,
            available_days=frozenset({FRI, SAT, SUN}),
            quality_days=frozenset({FRI}),
            goal_time=None,
        )
    )
    codes = {i.code: i for i in plan.issues}

    assert codes["long_run_capped"].message.startswith(
        "Your longest training run reaches 15 km rather than 17.5 km"
    )
    assert codes["short_long_run"].severity.value == "warning"
    assert "No goal time given" in codes["no_goal"].message


def test_paces_follow_the_goal_time(plan):
    easy = runs_of(plan, RunKind.EASY)[0]
    long_run = runs_of(plan, RunKind.LONG)[0]

    # 4:00 goal: marathon pace 5:41/km; easy about a minute slower, long about 45 s slower.
    assert "about 6:41 min/km" in easy.detail
    assert "about 6:26 min/km" in long_run.detail
    assert long_run.minutes == round(15 * (4 * 3600 / 42.195 + 45) / 60)


def test_quality_days_in_base_carry_one_hill_session_and_the_other_runs_easy(plan):
    week = plan.weeks[0]

    assert [(r.day.weekday(), r.kind, r.title) for r in week.runs] == [
        (MON, RunKind.EASY, "Easy run"),
        (TUE, RunKind.QUALITY, "Hill repeats"),
        (THU, RunKind.EASY, "Easy run"),
        (SUN, RunKind.LONG, "Long run"),
    ]


def test_every_run_key_is_unique_and_every_day_has_at_most_one_run(plan):
    keys = [r.key for r in plan.runs()]
    days = [r.day for r in plan.runs()]

    assert len(keys) == len(set(keys))
    assert len(days) == len(set(days))
    assert all(w.start.weekday() == 0 for w in plan.weeks)
    assert all(
        b.start - a.start == timedelta(weeks=1)
        for a, b in zip(plan.weeks, plan.weeks[1:], strict=False)
    )
    assert not [d for d in days if d.weekday() == WED]  # not an available day
