"""Finding a new day for a missed quality session or long run, within the same week.

The lost session moves only to a day that keeps one easier day between hard runs and is not
the day after strength work already done; the easy run it lands on is replaced, not added to,
because missed distance is never made up (cramming it in is how load spikes happen).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from .describe import when
from .model import Plan, PlannedRun, RunKind, Status, Week
from .strength import Timeline

ONE_DAY = timedelta(days=1)


def _strength_fixed_on(week_list: list[Week], day: date, today: date) -> bool:
    for week in week_list:
        for session in week.strength:
            fixed = session.is_logged or session.day < today or session.is_pinned
            if session.day == day and fixed:
                return True
    return False


def _can_host(
    day: date,
    *,
    missed: PlannedRun,
    week: Week,
    weeks: list[Week],
    plan: Plan,
    today: date,
    timeline: Timeline,
) -> bool:
    """Whether `day` can take the missed hard session."""
    if day <= missed.day or day < today or day > plan.race_date - timedelta(days=3):
        return False
    here = [r for r in week.runs if r.day == day and r.status is not Status.MISSED]
    if any(r.is_logged or r.kind is not RunKind.EASY for r in here):
        return False
    if not here and day.weekday() not in plan.inputs.available_days:
        return False
    if timeline.hard_on(day - ONE_DAY) or timeline.hard_on(day + ONE_DAY):
        return False
    return not _strength_fixed_on(weeks, day - ONE_DAY, today)


def rescue_missed(
    weeks: list[Week], index: int, missed: PlannedRun, plan: Plan, today: date
) -> tuple[Week, str, str]:
    """The week with the missed session re-homed if possible, a sentence saying what happened,
    and the key of the run that now holds it ("" if none). `weeks[index]` must already hold
    the run marked missed."""
    week = weeks[index]
    if missed.kind not in (RunKind.QUALITY, RunKind.LONG):
        return week, "Easy runs are not made up: carry on with the rest of the week.", ""
    name = missed.title.lower()
    timeline = Timeline.build(
        weeks, race_date=plan.race_date, available=plan.inputs.available_days, today=today
    )
    for day in week.days:
        if not _can_host(
            day, missed=missed, week=week, weeks=weeks, plan=plan, today=today, timeline=timeline
        ):
            continue
        here = next((r for r in week.runs if r.day == day and not r.is_logged), None)
        note = f"Moved from {when(missed.day)}, when it was missed."
        if here is not None:
            note += " It replaces the easy run planned for this day; nothing is added."
            moved = replace(
                here,
                kind=missed.kind,
                km=missed.km,
                title=missed.title,
                detail=missed.detail,
                minutes=missed.minutes,
                original_day=None,
                note=note,
            )
            runs = tuple(moved if r.key == here.key else r for r in week.runs)
        else:
            moved = replace(
                missed,
                key=f"{missed.key}-r",
                day=day,
                original_day=missed.day,
                note=note,
                status=Status.PLANNED,
            )
            runs = tuple(sorted((*week.runs, moved), key=lambda r: r.day))
        sentence = f"Your missed {name} moves to {when(day)}, with an easier day either side."
        if here is not None:
            sentence += f" It takes the place of the easy run planned there ({here.km:g} km)."
        return replace(week, runs=runs), sentence, moved.key
    if missed.kind is RunKind.LONG:
        advice = (
            "No safe day is left this week for the long run: let it go, and do not add the "
            "distance to next week."
        )
    else:
        advice = (
            f"No safe day is left this week for the {name}: let it go rather than squeeze it "
            "in next to another hard run."
        )
    return week, advice, ""
