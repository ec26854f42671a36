"""Reads for the planner pages and API. Every lookup is scoped to the runner: another runner's
plan, run or session simply does not exist for them (404)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet

from stridewell.planner import engine
from stridewell.planner.charts import DayItem, WeekBar
from stridewell.planner.convert import engine_plan
from stridewell.planner.models import ActualRun, Plan, PlannedRun, PlannedStrength, PlanWeek


def plan_active(*, runner) -> Plan | None:
    if not getattr(runner, "is_authenticated", False):
        return None
    return Plan.objects.select_related("race").filter(runner=runner, is_active=True).first()


def plan_reviewed(*, plan: Plan, today: date) -> engine.Plan:
    """The engine's view of the plan with this week's issues and the spike flags."""
    return engine.plan_review(engine_plan(plan), today=today)


def runs_for(*, runner) -> QuerySet[PlannedRun]:
    return PlannedRun.objects.select_related("plan", "week").filter(
        plan__runner=runner, plan__is_active=True
    )


def sessions_for(*, runner) -> QuerySet[PlannedStrength]:
    return PlannedStrength.objects.select_related("plan", "week").filter(
        plan__runner=runner, plan__is_active=True
    )


def week_number_for(*, plan: Plan, day: date) -> int:
    """The plan week holding `day` (the first or last week when outside the plan)."""
    numbers = list(PlanWeek.objects.filter(plan=plan).values_list("number", "start_date"))
    if not numbers:
        return 1
    for number, start in numbers:
        if start <= day <= start + timedelta(days=6):
            return number
    return numbers[0][0] if day < numbers[0][1] else numbers[-1][0]


def week_bars(*, plan: Plan, reviewed: engine.Plan, today: date) -> list[WeekBar]:
    extra: dict[date, float] = defaultdict(float)
    for ref in reviewed.history:
        extra[ref.day] += ref.km
    bars = []
    for week in reviewed.weeks:
        logged = [r for r in week.runs if r.status is engine.Status.DONE]
        unmatched = sum(km for day, km in extra.items() if week.contains(day))
        actual = None
        if week.start <= today and (logged or unmatched):
            actual = round(sum(r.counted_km for r in logged) + unmatched, 1)
        bars.append(
            WeekBar(
                number=week.number,
                phase=week.phase.value,
                planned_km=week.planned_km,
                long_km=week.long_km,
                actual_km=actual,
                is_step_back=week.is_step_back,
                is_current=week.contains(today),
            )
        )
    return bars


@dataclass
class DayView:
    day: date
    runs: list[PlannedRun] = field(default_factory=list)
    sessions: list[PlannedStrength] = field(default_factory=list)
    extra_runs: list[ActualRun] = field(default_factory=list)
    is_today: bool = False


def week_days(*, plan: Plan, week: PlanWeek, today: date) -> list[DayView]:
    days = [DayView(week.start_date + timedelta(days=i)) for i in range(7)]
    by_day = {d.day: d for d in days}
    for run in PlannedRun.objects.filter(week=week).select_related("actual_run"):
        by_day[run.date].runs.append(run)
    for session in PlannedStrength.objects.filter(week=week).select_related("programme"):
        by_day[session.date].sessions.append(session)
    extra = ActualRun.objects.filter(
        runner_id=plan.runner_id,
        planned_run__isnull=True,
        local_date__range=(week.start_date, week.start_date + timedelta(days=6)),
    )
    for actual in extra:
        by_day[actual.local_date].extra_runs.append(actual)
    for day in days:
        day.is_today = day.day == today
    return days


def month_items(*, plan: Plan, first: date, last: date) -> dict[date, list[DayItem]]:
    items: dict[date, list[DayItem]] = defaultdict(list)
    short = {"easy": "Easy", "long": "Long", "quality": "Quality", "race": "Race"}
    for run in PlannedRun.objects.filter(plan=plan, date__range=(first, last)).order_by("date"):
        items[run.date].append(
            DayItem(
                f"{short[run.kind]} {run.distance_km:g}",
                run.kind,
                run.status,
                f"{run.title}, {run.distance_km:g} km",
            )
        )
    for session in PlannedStrength.objects.filter(plan=plan, date__range=(first, last)):
        items[session.date].append(
            DayItem("Strength", "strength", session.status, session.get_kind_display())
        )
    return items


@dataclass(frozen=True)
class Comparison:
    day: date
    planned: PlannedRun | None
    actual: ActualRun | None

    @property
    def difference_km(self) -> float | None:
        if self.planned is None or self.actual is None:
            return None
        return round(self.actual.distance_km - self.planned.distance_km, 2)


def actual_vs_planned(*, runner, plan: Plan | None, limit: int = 20) -> list[Comparison]:
    """The latest imported runs, each beside the planned run it logged (if any)."""
    actuals = (
        ActualRun.objects.filter(runner=runner)
        .select_related("planned_run")
        .order_by("-started_at")[:limit]
    )
    rows = []
    for actual in actuals:
        planned = getattr(actual, "planned_run", None)
        if planned is not None and (plan is None or planned.plan_id != plan.pk):
            planned = None
        rows.append(Comparison(actual.local_date, planned, actual))
    return rows
