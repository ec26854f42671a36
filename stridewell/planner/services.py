"""Writes for the marathon planner. Every page, API call and command goes through these.

Each change locks the plan row, rebuilds the engine's view of it, lets the engine decide, and
writes back only what changed, all in one transaction: a refused change writes nothing.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from stridewell.core.time import now_london
from stridewell.planner import engine
from stridewell.planner.convert import engine_plan, notes_dump, plan_rows_sync
from stridewell.planner.models import Plan, PlannedRun, PlannedStrength, Race
from stridewell.planner.programme import programme_active_for

DEFAULT_RUN_TIME = time(7, 0)
DEFAULT_STRENGTH_TIME = time(18, 30)
DEFAULT_RACE_START = time(9, 30)
RACE_NAME_MAX = 120


def london_today() -> date:
    return now_london().date()


def _invalid(problems: dict[str, list[str]]) -> ValidationError:
    return ValidationError({field: list(messages) for field, messages in problems.items()})


def _check_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise _invalid({"race_name": ["Give the race a name, for example “London Marathon”."]})
    if len(cleaned) > RACE_NAME_MAX:
        raise _invalid({"race_name": [f"Keep the name under {RACE_NAME_MAX} characters."]})
    return cleaned


@transaction.atomic
def plan_create(
    *,
    runner,
    race_name: str,
    race_date: date,
    current_weekly_km: float,
    longest_recent_run_km: float,
    available_days: set[int] | frozenset[int],
    long_run_day: int,
    quality_days: set[int] | frozenset[int] = frozenset(),
    goal_time: timedelta | None = None,
    race_start_time: time = DEFAULT_RACE_START,
    run_time: time = DEFAULT_RUN_TIME,
    strength_time: time = DEFAULT_STRENGTH_TIME,
    today: date | None = None,
) -> Plan:
    """Make a race and its plan; an earlier active plan is archived (kept, not deleted)."""
    name = _check_name(race_name)
    today = today or london_today()
    inputs = engine.PlanInputs(
        race_date=race_date,
        today=today,
        current_weekly_km=float(current_weekly_km),
        longest_recent_run_km=float(longest_recent_run_km),
        available_days=frozenset(available_days),
        long_run_day=long_run_day,
        quality_days=frozenset(quality_days),
        goal_time=goal_time,
    )
    try:
        made = engine.plan_generate(inputs)
    except engine.PlanInputError as error:
        raise _invalid(error.problems) from error
    Plan.objects.select_for_update().filter(runner=runner, is_active=True).update(is_active=False)
    race = Race.objects.create(
        runner=runner, name=name, date=race_date, goal_time=goal_time, start_time=race_start_time
    )
    plan = Plan.objects.create(
        runner=runner,
        race=race,
        created_on=today,
        start_date=made.start,
        current_weekly_km=inputs.current_weekly_km,
        longest_recent_run_km=inputs.longest_recent_run_km,
        available_days=sorted(inputs.available_days),
        long_run_day=long_run_day,
        quality_days=sorted(inputs.quality_days),
        run_time=run_time,
        strength_time=strength_time,
        notes=notes_dump(made.issues),
    )
    plan_rows_sync(plan, made, programme=programme_active_for(runner))
    return plan


def _locked(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().select_related("race").get(pk=plan.pk)


def plan_changes_apply(
    *, plan: Plan, changes: list[engine.Change], today: date | None = None
) -> tuple[str, ...]:
    """Apply several changes in order with one write (used by run import). Call inside a
    transaction. A change the engine refuses is raised, and nothing is written."""
    return _apply(plan, changes, today)


def _apply(
    plan: Plan, change: engine.Change | list[engine.Change], today: date | None
) -> tuple[str, ...]:
    """Let the engine re-flow the plan after the change(s) and store the result."""
    plan = _locked(plan)
    today = today or london_today()
    changes = change if isinstance(change, list) else [change]
    current = engine_plan(plan)
    notes: list[str] = []
    try:
        for one in changes:
            result = engine.plan_reflow(current, one, today=today)
            current = result.plan
            notes += result.notes
    except engine.ChangeError as error:
        raise _invalid({error.field: [error.message]}) from error
    except engine.PlanInputError as error:
        raise _invalid(error.problems) from error
    new = current
    if any(isinstance(one, engine.PlanChanged) for one in changes):
        inputs = new.inputs
        Race.objects.filter(pk=plan.race_id).update(
            date=inputs.race_date, goal_time=inputs.goal_time
        )
        plan.created_on = inputs.today
        plan.start_date = new.start
        plan.available_days = sorted(inputs.available_days)
        plan.long_run_day = inputs.long_run_day
        plan.quality_days = sorted(inputs.quality_days)
    plan.notes = notes_dump(new.issues)
    plan.save()
    plan_rows_sync(plan, new, programme=programme_active_for(plan.runner))
    return tuple(notes)


@transaction.atomic
def run_mark_done(
    *, run: PlannedRun, actual_km: float | None = None, today: date | None = None
) -> tuple[str, ...]:
    return _apply(run.plan, engine.RunDone(run.key, actual_km), today)


@transaction.atomic
def run_mark_missed(*, run: PlannedRun, today: date | None = None) -> tuple[str, ...]:
    return _apply(run.plan, engine.RunMissed(run.key), today)


@transaction.atomic
def run_move(*, run: PlannedRun, new_date: date, today: date | None = None) -> tuple[str, ...]:
    return _apply(run.plan, engine.RunMoved(run.key, new_date), today)


@transaction.atomic
def strength_mark_done(*, session: PlannedStrength, today: date | None = None) -> tuple[str, ...]:
    return _apply(session.plan, engine.StrengthDone(session.key), today)


@transaction.atomic
def strength_mark_missed(*, session: PlannedStrength, today: date | None = None) -> tuple[str, ...]:
    return _apply(session.plan, engine.StrengthMissed(session.key), today)


@transaction.atomic
def strength_move(
    *, session: PlannedStrength, new_date: date, today: date | None = None
) -> tuple[str, ...]:
    return _apply(session.plan, engine.StrengthMoved(session.key, new_date), today)


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    race_name: str | None = None,
    race_date: date | None = None,
    race_start_time: time | None = None,
    goal_time: timedelta | None = None,
    clear_goal: bool = False,
    available_days: set[int] | frozenset[int] | None = None,
    long_run_day: int | None = None,
    quality_days: set[int] | frozenset[int] | None = None,
    run_time: time | None = None,
    strength_time: time | None = None,
    today: date | None = None,
) -> tuple[str, ...]:
    """Change the race or the weekly pattern. A new date, goal or pattern re-plans the future
    (the past is kept); a new name or usual times only relabel the calendar."""
    locked = _locked(plan)
    if race_name is not None or race_start_time is not None:
        locked.race.name = _check_name(race_name) if race_name is not None else locked.race.name
        locked.race.start_time = race_start_time or locked.race.start_time
        locked.race.save(update_fields=["name", "start_time", "updated_at"])
        PlannedRun.objects.filter(plan=locked, kind="race").update(sequence=F("sequence") + 1)
    times = {"run_time": run_time, "strength_time": strength_time}
    changed_times = [k for k, v in times.items() if v is not None and getattr(locked, k) != v]
    for name in changed_times:
        setattr(locked, name, times[name])
    if changed_times:
        locked.save(update_fields=[*changed_times, "updated_at"])
        # Every calendar event moves, so each one's SEQUENCE goes up.
        for model in (PlannedRun, PlannedStrength):
            model.objects.filter(plan=locked, status="planned").update(sequence=F("sequence") + 1)
    change = engine.PlanChanged(
        race_date=race_date if race_date != locked.race.date else None,
        available_days=_changed(available_days, locked.available_days),
        long_run_day=long_run_day if long_run_day != locked.long_run_day else None,
        quality_days=_changed(quality_days, locked.quality_days),
        goal_time=goal_time if goal_time != locked.race.goal_time else None,
        clear_goal=clear_goal and locked.race.goal_time is not None,
    )
    if change == engine.PlanChanged():
        return ()
    return _apply(locked, change, today)


def _changed(new: set[int] | frozenset[int] | None, stored: list[int]) -> frozenset[int] | None:
    if new is None or frozenset(new) == frozenset(stored):
        return None
    return frozenset(new)
