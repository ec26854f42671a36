"""Rows and engine results turned into the API's output shapes."""

from __future__ import annotations

from datetime import date

from stridewell.planner import selectors
from stridewell.planner.forms import goal_text
from stridewell.planner.models import Plan, PlannedRun, PlannedStrength, PlanWeek


def _note(issue) -> dict:
    return {
        "code": issue.code,
        "message": issue.message,
        "week": issue.week,
        "severity": issue.severity.value,
    }


def plan_out(plan: Plan, *, today: date) -> dict:
    reviewed = selectors.plan_reviewed(plan=plan, today=today)
    run_ids = dict(PlannedRun.objects.filter(plan=plan).values_list("key", "id"))
    return {
        "id": plan.pk,
        "race": {
            "name": plan.race.name,
            "date": plan.race.date,
            "start_time": plan.race.start_time,
            "goal_time": goal_text(plan.race.goal_time),
        },
        "start_date": plan.start_date,
        "weeks": len(reviewed.weeks),
        "available_days": plan.available_days,
        "long_run_day": plan.long_run_day,
        "quality_days": plan.quality_days,
        "run_time": plan.run_time,
        "strength_time": plan.strength_time,
        "notes": [_note(i) for i in reviewed.issues],
        "flags": [
            {
                "run_id": run_ids.get(s.run_key),
                "date": s.day,
                "km": s.km,
                "reference_km": s.reference_km,
                "is_expected": s.is_expected,
                "message": s.message,
            }
            for s in reviewed.spikes
        ],
    }


def week_out(week: PlanWeek) -> dict:
    runs = list(week.runs.all())
    return {
        "number": week.number,
        "start_date": week.start_date,
        "phase": week.phase,
        "is_step_back": week.is_step_back,
        "target_km": week.target_km,
        "planned_km": round(sum(r.distance_km for r in runs if r.kind != "race"), 1),
        "long_km": week.long_km,
        "strength_sessions": week.strength_sessions.count(),
    }


def _run(run: PlannedRun) -> dict:
    return {
        f: getattr(run, f)
        for f in (
            "id",
            "date",
            "original_date",
            "kind",
            "title",
            "detail",
            "distance_km",
            "minutes",
            "status",
            "actual_km",
            "note",
        )
    }


def _strength(session: PlannedStrength) -> dict:
    return {
        f: getattr(session, f)
        for f in (
            "id",
            "date",
            "original_date",
            "kind",
            "minutes",
            "is_heavy",
            "reason",
            "status",
            "is_pinned",
        )
    }


def week_detail_out(plan: Plan, week: PlanWeek, *, today: date) -> dict:
    days = selectors.week_days(plan=plan, week=week, today=today)
    reviewed = selectors.plan_reviewed(plan=plan, today=today)
    return {
        **week_out(week),
        "days": [
            {
                "date": d.day,
                "runs": [_run(r) for r in d.runs],
                "strength": [_strength(s) for s in d.sessions],
            }
            for d in days
        ],
        "issues": [_note(i) for i in reviewed.issues if i.week == week.number],
    }
