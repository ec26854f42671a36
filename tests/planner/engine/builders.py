"""Small helpers to make engine inputs in tests. Dates are fixed: tests never read the clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from stridewell.planner.engine import Plan, PlanInputs, PlannedRun, PlannedStrength, RunKind

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
TODAY = date(2026, 6, 10)  # a Wednesday; the plan starts on Monday 15 June 2026


def inputs(**overrides) -> PlanInputs:
    base = PlanInputs(
        race_date=date(2026, 10, 4),  # Sunday, week 16
        today=TODAY,
        current_weekly_km=30.0,
        longest_recent_run_km=14.0,
        available_days=frozenset({MON, TUE, THU, SAT, SUN}),
        long_run_day=SUN,
        quality_days=frozenset({TUE, THU}),
        goal_time=timedelta(hours=4),
    )
    return replace(base, **overrides)


def runs_of(plan: Plan, kind: RunKind | None = None) -> list[PlannedRun]:
    return [r for r in plan.runs() if kind is None or r.kind is kind]


def strength_of(plan: Plan) -> list[PlannedStrength]:
    return plan.strength()


def on(plan: Plan, day: date) -> tuple[list[PlannedRun], list[PlannedStrength]]:
    return [r for r in plan.runs() if r.day == day], [s for s in plan.strength() if s.day == day]
