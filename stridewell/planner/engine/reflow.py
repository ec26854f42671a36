"""Re-flowing a living plan after the runner logs or moves something.

What is logged (done or missed) and everything dated before today is never changed. A change
re-places the week's strength sessions within the rules (and the neighbouring weeks', since
"the day before" crosses week boundaries); a missed quality session or long run moves to a
safe later day in the same week when there is one, without making up the lost distance.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .changes import (
    Change,
    ChangeError,
    PlanChanged,
    Reflow,
    RunDone,
    RunMissed,
    RunMoved,
    StrengthDone,
    StrengthMissed,
    StrengthMoved,
)
from .describe import describe_changes, when
from .generate import plan_review
from .model import Plan, PlannedRun, PlannedStrength, RunKind, Status, Week
from .placement import week_strength_place
from .replan import plan_replan
from .rescue import rescue_missed
from .strength import Timeline, rule_out, strength_reason


def _locate(plan: Plan, key: str, *, strength: bool) -> tuple[int, PlannedRun | PlannedStrength]:
    for index, week in enumerate(plan.weeks):
        for item in week.strength if strength else week.runs:
            if item.key == key:
                return index, item
    what = "strength session" if strength else "run"
    raise ChangeError(f"There is no such {what} in this plan.")


def _timeline(plan: Plan, weeks: list[Week], today: date) -> Timeline:
    return Timeline.build(
        weeks, race_date=plan.race_date, available=plan.inputs.available_days, today=today
    )


def _frozen(item: PlannedRun | PlannedStrength, today: date) -> bool:
    return item.is_logged or item.day < today


def restrength(plan: Plan, weeks: list[Week], indices: set[int], today: date) -> list[Week]:
    """Re-place the movable strength sessions of the given weeks (logged, past and still-valid
    pinned sessions stay where they are)."""
    timeline = _timeline(plan, weeks, today)
    for i in sorted(j for j in indices if 0 <= j < len(weeks)):
        week = weeks[i]
        fixed = [s for s in week.strength if _frozen(s, today)]
        movable: list[PlannedStrength] = []
        for session in week.strength:
            if _frozen(session, today):
                continue
            others = {s.day for s in fixed}
            if session.is_pinned and (
                rule_out(
                    session.day,
                    is_heavy=session.is_heavy,
                    timeline=timeline,
                    taken=others,
                    needs_available=False,
                )
                is None
            ):
                fixed.append(session)
            else:
                movable.append(replace(session, is_pinned=False))
        sessions = week_strength_place(
            week, timeline=timeline, fixed=fixed, movable=movable, key_prefix=""
        )
        weeks[i] = replace(week, strength=sessions)
    return weeks


def _check_logged_strength(plan: Plan, weeks: list[Week], indices: set[int], today: date):
    """A move may not put a hard run the day after strength work that is already done."""
    timeline = _timeline(plan, weeks, today)
    for i in indices:
        if not 0 <= i < len(weeks):
            continue
        for session in weeks[i].strength:
            if not _frozen(session, today) or session.status is Status.MISSED:
                continue
            why = rule_out(
                session.day,
                is_heavy=session.is_heavy,
                timeline=timeline,
                taken=set(),
                needs_available=False,
                check_past=False,
            )
            if why is not None and "within 7 days" not in why:
                raise ChangeError(
                    f"Your strength session on {when(session.day)} is already in the log, and "
                    f"after this change that day would be {why.removeprefix('is ')}. Strength "
                    "work may not come the day before a long run, quality session or race: "
                    "choose another day.",
                    field="day",
                )


def _with_run(week: Week, old: PlannedRun, new: PlannedRun) -> Week:
    runs = tuple(sorted((new if r.key == old.key else r for r in week.runs), key=lambda r: r.day))
    return replace(week, runs=runs)


def _run_change(
    plan: Plan, change: RunDone | RunMissed | RunMoved, today: date
) -> tuple[list[Week], set[int], list[str], str]:
    index, run = _locate(plan, change.key, strength=False)
    assert isinstance(run, PlannedRun)
    weeks = list(plan.weeks)
    week = weeks[index]
    if isinstance(change, RunDone):
        if run.day > today:
            raise ChangeError("A run can be marked done on its day or later, not before.")
        if run.status is Status.MISSED or (run.status is Status.DONE and run.actual_km):
            raise ChangeError(f"This run is already logged as {run.status.value}.")
        done = replace(run, status=Status.DONE, actual_km=change.actual_km)
        weeks[index] = _with_run(week, run, done)
        return weeks, {index}, [], ""
    if isinstance(change, RunMissed):
        if run.day > today:
            raise ChangeError(
                "Only a run on or before today can be missed. To run it another day, move it."
            )
        if run.is_logged:
            raise ChangeError(f"This run is already logged as {run.status.value}.")
        weeks[index] = _with_run(week, run, replace(run, status=Status.MISSED))
        weeks[index], note, holder = rescue_missed(weeks, index, run, plan, today)
        return weeks, {index - 1, index, index + 1}, [note], holder
    assert isinstance(change, RunMoved)
    _check_move(run, change.day, week, plan, today)
    other = next((r for r in week.runs if r.day == change.day and r.key != run.key), None)
    moved = replace(run, day=change.day, original_day=run.original_day or run.day)
    week = _with_run(week, run, moved)
    if other is not None:
        swapped = replace(other, day=run.day, original_day=other.original_day or other.day)
        week = _with_run(week, other, swapped)
    weeks[index] = week
    _check_logged_strength(plan, weeks, {index - 1, index}, today)
    return weeks, {index - 1, index, index + 1}, [], ""


def _check_move(run: PlannedRun, day: date, week: Week, plan: Plan, today: date) -> None:
    if run.kind is RunKind.RACE:
        raise ChangeError("Race day moves with the race date: change it on the race itself.")
    if run.is_logged:
        raise ChangeError(f"This run is already logged as {run.status.value}.")
    if run.day < today:
        raise ChangeError("This run's day has passed: mark it done or missed instead.")
    if day == run.day:
        raise ChangeError("The run is already on that day.", field="day")
    if not week.contains(day):
        raise ChangeError(
            f"Runs move within their own week ({when(week.start)} to {when(week.end)}).",
            field="day",
        )
    if day < today:
        raise ChangeError("Choose today or a later day.", field="day")
    if day >= plan.race_date:
        raise ChangeError("Choose a day before the race.", field="day")
    other = next((r for r in week.runs if r.day == day), None)
    if other is not None and (other.is_logged or other.kind is RunKind.RACE):
        raise ChangeError(f"{when(day)} already has a logged run; choose another day.", field="day")


def _strength_change(
    plan: Plan, change: StrengthDone | StrengthMissed | StrengthMoved, today: date
) -> tuple[list[Week], set[int], list[str], str]:
    index, session = _locate(plan, change.key, strength=True)
    assert isinstance(session, PlannedStrength)
    weeks = list(plan.weeks)
    week = weeks[index]
    if session.is_logged:
        raise ChangeError(f"This session is already logged as {session.status.value}.")
    if isinstance(change, StrengthDone | StrengthMissed):
        if session.day > today:
            raise ChangeError("A session can be logged on its day or later, not before.")
        status = Status.DONE if isinstance(change, StrengthDone) else Status.MISSED
        updated = replace(session, status=status)
    else:
        assert isinstance(change, StrengthMoved)
        updated = _moved_strength(
            plan, weeks, week=week, session=session, day=change.day, today=today
        )
    sessions = tuple(
        sorted(
            (updated if s.key == session.key else s for s in week.strength),
            key=lambda s: (s.day, s.key),
        )
    )
    weeks[index] = replace(week, strength=sessions)
    notes = []
    if isinstance(change, StrengthMissed):
        notes.append("Missed strength sessions are not doubled up: carry on with the next one.")
    return weeks, {index}, notes, ""


def _moved_strength(
    plan: Plan,
    weeks: list[Week],
    *,
    week: Week,
    session: PlannedStrength,
    day: date,
    today: date,
) -> PlannedStrength:
    if session.day < today:
        raise ChangeError("This session's day has passed: mark it done or missed instead.")
    if not week.contains(day):
        raise ChangeError(
            f"Strength sessions move within their own week ({when(week.start)} to "
            f"{when(week.end)}).",
            field="day",
        )
    if day == session.day:
        raise ChangeError("The session is already on that day.", field="day")
    timeline = _timeline(plan, weeks, today)
    others = {s.day for s in week.strength if s.key != session.key}
    why = rule_out(
        day, is_heavy=session.is_heavy, timeline=timeline, taken=others, needs_available=False
    )
    if why is not None:
        raise ChangeError(f"{when(day)} {why}: choose another day.", field="day")
    week_phase = week.phase
    reason = "You chose this day; it keeps clear of the days before your hard runs. "
    reason += strength_reason(day, phase=week_phase, is_heavy=session.is_heavy, timeline=timeline)
    return replace(
        session,
        day=day,
        original_day=session.original_day or session.day,
        is_pinned=True,
        reason=reason,
    )


def plan_reflow(plan: Plan, change: Change, *, today: date) -> Reflow:
    """Apply one change and re-flow what may move. Raises `ChangeError` when not allowed."""
    if isinstance(change, PlanChanged):
        return plan_replan(plan, change, today=today)
    if isinstance(change, RunDone | RunMissed | RunMoved):
        weeks, touched, notes, described = _run_change(plan, change, today)
    elif isinstance(change, StrengthDone | StrengthMissed | StrengthMoved):
        weeks, touched, notes, described = _strength_change(plan, change, today)
    else:  # pragma: no cover - every kind of change is handled above
        raise ChangeError("That change is not one the plan understands.")
    weeks = restrength(plan, weeks, touched, today)
    new_plan = plan_review(replace(plan, weeks=tuple(weeks)), today=today)
    return Reflow(new_plan, (*notes, *describe_changes(plan, new_plan, described)))
