"""Demo data: the demo runner is about 16 weeks from a marathon, two weeks into the plan, with
some runs and strength sessions logged (one of each missed). Running it again changes nothing.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db import transaction

from stridewell.core.time import local_dt
from stridewell.planner import engine
from stridewell.planner.models import ActualRun, Plan, PlannedRun, PlannedStrength, RunSource
from stridewell.planner.services import london_today, plan_changes_apply, plan_create

DEMO_RACE = "Thames Autumn Marathon"
WEEKS_TO_RACE = 16
STARTED_DAYS_AGO = 14
EASY_PACE = 375  # seconds per km, for the demo's imported runs


def _race_day(today: date) -> date:
    target = today + timedelta(weeks=WEEKS_TO_RACE)
    return target + timedelta(days=(6 - target.weekday()) % 7)  # the Sunday on or after


@transaction.atomic
def seed_planner_demo(*, runner, today: date | None = None) -> Plan:
    """Give `runner` a demo plan with a little history, unless they already have a plan."""
    today = today or london_today()
    existing = Plan.objects.filter(runner=runner, is_active=True).first()
    if existing is not None:
        return existing
    made_on = today - timedelta(days=STARTED_DAYS_AGO)
    plan = plan_create(
        runner=runner,
        race_name=DEMO_RACE,
        race_date=_race_day(today),
        goal_time=timedelta(hours=3, minutes=55),
        current_weekly_km=32.0,
        longest_recent_run_km=15.0,
        available_days={0, 1, 3, 5, 6},
        long_run_day=6,
        quality_days={1, 3},
        today=made_on,
    )
    past_runs = list(PlannedRun.objects.filter(plan=plan, date__lt=today).order_by("date"))
    past_sessions = list(PlannedStrength.objects.filter(plan=plan, date__lt=today))
    changes: list[engine.Change] = []
    missed_run = next((r for r in past_runs if r.kind == "quality"), None)
    actual_km: dict[int, float] = {}
    for index, run in enumerate(past_runs):
        if run is missed_run:
            changes.append(engine.RunMissed(run.key))
            continue
        # Real runs are never exactly as planned: a little over or under.
        km = round(run.distance_km * (1 + ((index * 37) % 7 - 3) / 100), 2)
        actual_km[run.pk] = km
        changes.append(engine.RunDone(run.key, km))
    for index, session in enumerate(sorted(past_sessions, key=lambda s: s.date)):
        kind = engine.StrengthMissed if index == 1 else engine.StrengthDone
        changes.append(kind(session.key))
    plan_changes_apply(plan=plan, changes=changes, today=today)
    for run in past_runs:
        if run.pk not in actual_km:
            continue
        km = actual_km[run.pk]
        started = local_dt(run.date, time(7, 5))
        actual = ActualRun.objects.create(
            runner=runner,
            started_at=started,
            local_date=run.date,
            distance_km=km,
            duration_s=round(km * EASY_PACE),
            name=f"Demo: {run.title.lower()}",
            source=RunSource.DEMO,
        )
        PlannedRun.objects.filter(pk=run.pk).update(actual_run=actual)
    return plan
