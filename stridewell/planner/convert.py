"""Between stored rows and the engine's dataclasses, both ways.

`engine_plan` rebuilds the engine's view of a stored plan; `plan_rows_sync` writes an engine
plan back, touching only rows that changed. Logged rows are never rewritten: the engine never
changes them, and the sync refuses to delete one as a last line of defence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from stridewell.planner import engine
from stridewell.planner.models import (
    ActualRun,
    Plan,
    PlannedRun,
    PlannedStrength,
    PlanWeek,
)

RUN_FIELDS = (
    "date",
    "original_date",
    "kind",
    "distance_km",
    "title",
    "detail",
    "minutes",
    "status",
    "actual_km",
    "note",
)
STRENGTH_FIELDS = (
    "date",
    "original_date",
    "kind",
    "minutes",
    "is_heavy",
    "reason",
    "status",
    "is_pinned",
)
# Changes to these move or reword the calendar event, so its SEQUENCE goes up.
RUN_EVENT_FIELDS = {"date", "kind", "distance_km", "title", "detail", "minutes", "status"}
STRENGTH_EVENT_FIELDS = {"date", "kind", "minutes", "status"}


def engine_inputs(plan: Plan) -> engine.PlanInputs:
    return engine.PlanInputs(
        race_date=plan.race.date,
        today=plan.created_on,
        current_weekly_km=plan.current_weekly_km,
        longest_recent_run_km=plan.longest_recent_run_km,
        available_days=frozenset(plan.available_days),
        long_run_day=plan.long_run_day,
        quality_days=frozenset(plan.quality_days),
        goal_time=plan.race.goal_time,
        step_back_every=plan.step_back_every,
    )


def _run(row: PlannedRun) -> engine.PlannedRun:
    return engine.PlannedRun(
        key=row.key,
        day=row.date,
        kind=engine.RunKind(row.kind),
        km=row.distance_km,
        title=row.title,
        detail=row.detail,
        minutes=row.minutes,
        status=engine.Status(row.status),
        actual_km=row.actual_km,
        original_day=row.original_date,
        note=row.note,
    )


def _strength(row: PlannedStrength) -> engine.PlannedStrength:
    return engine.PlannedStrength(
        key=row.key,
        day=row.date,
        kind=engine.StrengthKind(row.kind),
        minutes=row.minutes,
        is_heavy=row.is_heavy,
        reason=row.reason,
        status=engine.Status(row.status),
        original_day=row.original_date,
        is_pinned=row.is_pinned,
    )


def history_refs(plan: Plan) -> tuple[engine.ActualRef, ...]:
    """Imported runs that match no planned run still count in the 30-day window."""
    rows = ActualRun.objects.filter(
        runner_id=plan.runner_id,
        planned_run__isnull=True,
        local_date__gte=plan.created_on - timedelta(days=30),
    ).values_list("local_date", "distance_km")
    return tuple(engine.ActualRef(day, km) for day, km in rows)


def engine_plan(plan: Plan) -> engine.Plan:
    """The engine's view of a stored plan (three queries), without derived issues or flags."""
    runs: dict[int, list[engine.PlannedRun]] = {}
    for run in PlannedRun.objects.filter(plan=plan).order_by("date", "id"):
        runs.setdefault(run.week_id, []).append(_run(run))
    sessions: dict[int, list[engine.PlannedStrength]] = {}
    for session in PlannedStrength.objects.filter(plan=plan).order_by("date", "key"):
        sessions.setdefault(session.week_id, []).append(_strength(session))
    weeks = tuple(
        engine.Week(
            number=w.number,
            start=w.start_date,
            phase=engine.Phase(w.phase),
            is_step_back=w.is_step_back,
            target_km=w.target_km,
            long_km=w.long_km,
            runs=tuple(runs.get(w.id, ())),
            strength=tuple(sessions.get(w.id, ())),
        )
        for w in PlanWeek.objects.filter(plan=plan).order_by("number")
    )
    notes = tuple(
        engine.Issue(n["code"], n["message"], n.get("week"), engine.Severity(n["severity"]))
        for n in plan.notes
    )
    return engine.Plan(
        inputs=engine_inputs(plan),
        start=plan.start_date,
        weeks=weeks,
        issues=notes,
        history=history_refs(plan),
    )


def notes_dump(issues: tuple[engine.Issue, ...]) -> list[dict]:
    """Plan-wide notes to store; week shortfalls and spike flags are recomputed on reading."""
    return [
        {"code": i.code, "message": i.message, "week": i.week, "severity": i.severity.value}
        for i in issues
        if i.code != "strength_short"
    ]


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    deleted: int = 0


def _values_run(item: engine.PlannedRun) -> dict:
    return {
        "date": item.day,
        "original_date": item.original_day if item.is_moved else None,
        "kind": item.kind.value,
        "distance_km": item.km,
        "title": item.title,
        "detail": item.detail,
        "minutes": item.minutes,
        "status": item.status.value,
        "actual_km": item.actual_km,
        "note": item.note,
    }


def _values_strength(item: engine.PlannedStrength) -> dict:
    return {
        "date": item.day,
        "original_date": item.original_day if item.is_moved else None,
        "kind": item.kind.value,
        "minutes": item.minutes,
        "is_heavy": item.is_heavy,
        "reason": item.reason,
        "status": item.status.value,
        "is_pinned": item.is_pinned,
    }


@dataclass(frozen=True)
class _Spec:
    model: Any  # PlannedRun or PlannedStrength
    values_of: Callable[[Any], dict]
    fields: tuple[str, ...]
    event_fields: set[str]


RUNS = _Spec(PlannedRun, _values_run, RUN_FIELDS, RUN_EVENT_FIELDS)
SESSIONS = _Spec(PlannedStrength, _values_strength, STRENGTH_FIELDS, STRENGTH_EVENT_FIELDS)


def _sync_items(spec: _Spec, plan: Plan, items, weeks_by_number, extra: dict) -> SyncCounts:
    existing = {row.key: row for row in spec.model.objects.filter(plan=plan)}
    now = timezone.now()
    to_create, to_update = [], []
    for number, item in items:
        values = spec.values_of(item)
        week = weeks_by_number[number]
        row = existing.pop(item.key, None)
        if row is None:
            logged_at = now if values["status"] != "planned" else None
            to_create.append(
                spec.model(
                    plan=plan, week=week, key=item.key, logged_at=logged_at, **values, **extra
                )
            )
            continue
        changed = {f for f in spec.fields if getattr(row, f) != values[f]}
        if row.week_id != week.id:
            changed.add("week")
            row.week = week
        if not changed:
            continue
        for f in changed - {"week"}:
            setattr(row, f, values[f])
        if "status" in changed and values["status"] != "planned":
            row.logged_at = now
        if changed & spec.event_fields:
            row.sequence += 1
        row.updated_at = now
        to_update.append(row)
    if any(row.is_logged for row in existing.values()):
        raise RuntimeError("refusing to delete a logged item: the engine must never drop one")
    spec.model.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
    spec.model.objects.bulk_create(to_create)
    if to_update:
        spec.model.objects.bulk_update(
            to_update, [*spec.fields, "week", "logged_at", "sequence", "updated_at"]
        )
    return SyncCounts(len(to_create), len(to_update), len(existing))


def plan_rows_sync(plan: Plan, new: engine.Plan, *, programme=None) -> SyncCounts:
    """Make the stored weeks, runs and sessions match `new`. Call inside a transaction."""
    weeks = {w.number: w for w in PlanWeek.objects.filter(plan=plan)}
    wanted = {w.number for w in new.weeks}
    for week in new.weeks:
        row = weeks.get(week.number)
        values = {
            "start_date": week.start,
            "phase": week.phase.value,
            "is_step_back": week.is_step_back,
            "target_km": week.target_km,
            "long_km": week.long_km,
        }
        if row is None:
            weeks[week.number] = PlanWeek.objects.create(plan=plan, number=week.number, **values)
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.save(update_fields=list(values))
    runs = [(w.number, r) for w in new.weeks for r in w.runs]
    sessions = [(w.number, s) for w in new.weeks for s in w.strength]
    counts = _sync_items(RUNS, plan, runs, weeks, {})
    more = _sync_items(SESSIONS, plan, sessions, weeks, {"programme": programme})
    stale = [n for n in weeks if n not in wanted]
    PlanWeek.objects.filter(plan=plan, number__in=stale).delete()
    return SyncCounts(
        counts.created + more.created,
        counts.updated + more.updated,
        counts.deleted + more.deleted,
    )
