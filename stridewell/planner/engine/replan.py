"""Re-making the future of a plan (new race date or weekly pattern), keeping the past.

Weeks before this one are kept whole. In this week, runs and strength sessions already logged
or dated before today stay; the rest of the week and every later week are built again from the
runner's level now: the average of the last three weeks as run, and the longest run of the
last 30 days, with missed runs counting as nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from .changes import PlanChanged, Reflow
from .describe import when
from .generate import Start, plan_generate, plan_review, strength_fill, weeks_build
from .inputs import PlanInputError, inputs_validate, monday_of, weeks_until
from .layout import MAX_EASY_KM
from .model import HARD_KINDS, ActualRef, Plan, PlanInputs, RunKind, Week
from .notes import plan_notes
from .sessions import easy_text
from .window import LongestWindow

LEVEL_WEEKS = 3
MIN_LEVEL_KM = 10.0
MIN_LONGEST_KM = 3.0
BASE_SKIPPED_AFTER_WEEKS = 4
ONE_DAY = timedelta(days=1)


def _new_inputs(inputs: PlanInputs, change: PlanChanged) -> PlanInputs:
    goal = None if change.clear_goal else (change.goal_time or inputs.goal_time)
    return replace(
        inputs,
        race_date=change.race_date or inputs.race_date,
        available_days=(
            inputs.available_days if change.available_days is None else change.available_days
        ),
        long_run_day=inputs.long_run_day if change.long_run_day is None else change.long_run_day,
        quality_days=inputs.quality_days if change.quality_days is None else change.quality_days,
        goal_time=goal,
    )


def _level(plan: Plan, kept: list[Week], current: Week | None, today: date) -> tuple[float, float]:
    refs = [plan.inputs.recent_ref().pair]
    refs += [(h.day, h.km) for h in plan.history]
    for week in [*kept, *([current] if current else [])]:
        refs += [(r.day, r.counted_km) for r in week.runs if r.day < today or r.is_logged]
    longest = LongestWindow(refs).longest_before(today + timedelta(days=1))
    recent = kept[-LEVEL_WEEKS:]
    if recent:
        totals = []
        for week in recent:
            extra = sum(h.km for h in plan.history if week.contains(h.day))
            totals.append(sum(r.counted_km for r in week.runs) + extra)
        weekly = sum(totals) / len(totals)
    else:
        weekly = plan.inputs.current_weekly_km
    if longest <= 0:
        longest = plan.inputs.longest_recent_run_km
    return max(weekly, MIN_LEVEL_KM), max(longest, MIN_LONGEST_KM)


def _since_step_back(kept: list[Week]) -> int:
    count = 0
    for week in reversed(kept):
        if week.is_step_back:
            break
        count += 1
    return count


def plan_replan(plan: Plan, change: PlanChanged, *, today: date) -> Reflow:
    inputs = _new_inputs(plan.inputs, change)
    if today < plan.start:
        # Nothing has been run yet: build the whole plan again, under the creation rules.
        fresh = plan_generate(replace(inputs, today=today), history=plan.history)
        return Reflow(fresh, (_summary(fresh, today),))
    inputs_validate(inputs, replan_on=today)
    monday = monday_of(today)
    kept = [w for w in plan.weeks if w.end < monday]
    current = next((w for w in plan.weeks if w.contains(today)), None)
    weekly, longest = _level(plan, kept, current, today)
    first_number = (kept[-1].number + 1) if kept else 1
    if current is None and kept:
        first_number = kept[-1].number + (monday - kept[-1].start).days // 7
    start = Start(
        monday=monday,
        first_number=first_number,
        since_step_back=_since_step_back(kept),
        weekly_km=weekly,
        longest_km=longest,
        allow_base=len(kept) < BASE_SKIPPED_AFTER_WEEKS,
    )
    refs = [plan.inputs.recent_ref().pair]
    refs += [(h.day, h.km) for h in plan.history]
    for week in kept:
        refs += [(r.day, r.counted_km) for r in week.runs]
    built, aimed = weeks_build(
        inputs, start=start, n_weeks=weeks_until(monday, inputs.race_date), refs=refs, prefix=""
    )
    if current is not None:
        built[0] = _merge_current(current, built[0], today)
    built[0] = _after_logged_strength(built[0], [*kept[-1:], built[0]], today)
    built = strength_fill(built, inputs, today=today, prefix="", keep=tuple(kept))
    weeks = (*kept, *built)
    notes = tuple(plan_notes(inputs, list(weeks), aimed_long=aimed))
    new_plan = plan_review(
        Plan(inputs=inputs, start=plan.start, weeks=weeks, issues=notes, history=plan.history),
        today=today,
    )
    return Reflow(new_plan, (_summary(new_plan, today),))


def _merge_current(old: Week, new: Week, today: date) -> Week:
    """This week's logged and past items, plus the newly built ones from today on."""
    kept_runs = [r for r in old.runs if r.day < today or r.is_logged]
    busy = {r.day for r in kept_runs}
    kept_keys = {r.key for r in kept_runs}
    fresh = [r for r in new.runs if r.day >= today and r.day not in busy]
    fresh = [r for r in fresh if r.key not in kept_keys]
    kept_strength = tuple(s for s in old.strength if s.day < today or s.is_logged)
    runs = tuple(sorted((*kept_runs, *fresh), key=lambda r: r.day))
    return replace(new, runs=runs, strength=kept_strength)


def _after_logged_strength(week: Week, neighbours: list[Week], today: date) -> Week:
    """A newly built hard run never lands the day after strength work that is already done
    (or past): it becomes an easy run of at most the same distance."""
    frozen = {s.day for w in neighbours for s in w.strength if s.day < today or s.is_logged}
    runs = []
    for run in week.runs:
        fresh = run.day >= today and not run.is_logged
        if fresh and run.kind in HARD_KINDS - {RunKind.RACE} and run.day - ONE_DAY in frozen:
            title, detail = easy_text(is_step_back=week.is_step_back, phase=week.phase, goal=None)
            runs.append(
                replace(
                    run,
                    kind=RunKind.EASY,
                    km=min(run.km, MAX_EASY_KM),
                    title=title,
                    detail=detail + " Easy today: yesterday's strength session is in the log.",
                )
            )
        else:
            runs.append(run)
    return replace(week, runs=tuple(runs))


def _summary(plan: Plan, today: date) -> str:
    left = [w for w in plan.weeks if w.end >= today]
    return (
        f"Plan re-made from {when(max(today, plan.start))}: {len(left)} week"
        f"{'s' if len(left) != 1 else ''} to race day on {when(plan.race_date)}. "
        "Everything already logged is unchanged."
    )


__all__ = ["ActualRef", "PlanInputError", "plan_replan"]
