"""Building a whole plan from the runner's inputs (or re-building its future)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .inputs import inputs_validate, plan_start, weeks_until
from .layout import RunDays, WeekContext, lay_out_week, round_half, run_days
from .model import (
    ActualRef,
    Issue,
    Phase,
    Plan,
    PlanInputs,
    RunKind,
    Severity,
    Week,
)
from .notes import plan_notes
from .placement import week_strength_issue, week_strength_place
from .shape import (
    STEP_BACK_LONG,
    STEP_BACK_VOLUME,
    TAPER_LONG,
    TAPER_VOLUME,
    WeekShape,
    shape_weeks,
    step_back_cycle,
    taper_length,
    targets_for,
)
from .spikes import spikes_find
from .strength import Timeline
from .window import LongestWindow


@dataclass(frozen=True, slots=True)
class Start:
    """Where the (re)built part of a plan begins, and the runner's level at that point."""

    monday: date
    first_number: int
    since_step_back: int
    weekly_km: float
    longest_km: float
    allow_base: bool = True


def _week_volumes(shape: WeekShape, targets, state: dict[str, float], n_taper: int):
    if shape.phase is Phase.TAPER:
        index = shape.taper_index or 0
        volume = state["peak_volume"] * TAPER_VOLUME[n_taper][index]
        longs = TAPER_LONG[n_taper]
        long_km = state["peak_long"] * longs[index] if index < len(longs) else 0.0
    elif shape.is_step_back:
        volume = state["up_volume"] * STEP_BACK_VOLUME
        long_km = state["up_long"] * STEP_BACK_LONG
    elif shape.ramp_index is not None:
        volume = targets.ramp_volume(shape.ramp_index)
        long_km = targets.ramp_long(shape.ramp_index)
    else:
        volume, long_km = targets.peak_km, targets.peak_long
    return round_half(volume), round_half(long_km)


def weeks_build(
    inputs: PlanInputs, *, start: Start, n_weeks: int, refs: list[tuple[date, float]], prefix: str
) -> tuple[list[Week], float]:
    """Weeks with their runs (no strength yet) and the long-run target that was aimed for."""
    cycle = step_back_cycle(inputs.current_weekly_km, inputs.step_back_every)
    shapes = shape_weeks(
        n_weeks=n_weeks,
        start=start.monday,
        cycle=cycle,
        first_number=start.first_number,
        since_step_back=start.since_step_back,
        allow_base=start.allow_base,
    )
    targets = targets_for(shapes, weekly_km=start.weekly_km, longest_km=start.longest_km)
    days: RunDays = run_days(inputs)
    window = LongestWindow(refs)
    n_taper = taper_length(n_weeks)
    state = {
        "up_volume": start.weekly_km,
        "up_long": start.longest_km,
        "peak_volume": 0.0,
        "peak_long": 0.0,
    }
    in_phase: dict[Phase, int] = {}
    weeks: list[Week] = []
    for shape in shapes:
        if shape.phase is Phase.TAPER and state["peak_volume"] == 0.0:
            state["peak_volume"], state["peak_long"] = start.weekly_km, start.longest_km
        volume, long_km = _week_volumes(shape, targets, state, n_taper)
        ctx = WeekContext(
            shape=shape,
            volume=volume,
            long_km=long_km,
            race_date=inputs.race_date,
            week_in_phase=in_phase.get(shape.phase, 0),
            key_prefix=prefix,
        )
        in_phase[shape.phase] = in_phase.get(shape.phase, 0) + 1
        runs = lay_out_week(ctx, days, inputs, window)
        longest = max((r.km for r in runs if r.kind is RunKind.LONG), default=0.0)
        week = Week(
            number=shape.number,
            start=shape.start,
            phase=shape.phase,
            is_step_back=shape.is_step_back,
            target_km=volume,
            long_km=longest,
            runs=runs,
        )
        weeks.append(week)
        if shape.phase is not Phase.TAPER:
            state["peak_volume"] = max(state["peak_volume"], week.planned_km)
            state["peak_long"] = max(state["peak_long"], longest)
            if not shape.is_step_back:
                state["up_volume"], state["up_long"] = volume, longest
    return weeks, targets.peak_long


def strength_fill(
    weeks: list[Week], inputs: PlanInputs, *, today: date, prefix: str, keep: tuple[Week, ...] = ()
) -> list[Week]:
    """Place strength sessions in every week of `weeks` (the `keep` weeks only constrain)."""
    timeline = Timeline.build(
        [*keep, *weeks], race_date=inputs.race_date, available=inputs.available_days, today=today
    )
    filled = []
    for week in weeks:
        fixed = list(week.strength)
        sessions = week_strength_place(
            week, timeline=timeline, fixed=fixed, movable=[], key_prefix=prefix
        )
        filled.append(replace(week, strength=sessions))
    return filled


def plan_review(plan: Plan, *, today: date) -> Plan:
    """Recompute the derived parts of a plan: strength shortfalls and spike flags."""
    timeline = Timeline.build(
        plan.weeks,
        race_date=plan.race_date,
        available=plan.inputs.available_days,
        today=today,
    )
    kept = [issue for issue in plan.issues if issue.code != "strength_short"]
    derived = [week_strength_issue(week, timeline=timeline) for week in plan.weeks]
    issues = tuple(kept + [issue for issue in derived if issue is not None])
    refs = (plan.inputs.recent_ref(), *plan.history)
    return replace(plan, issues=issues, spikes=spikes_find(plan.weeks, history=refs))


def plan_generate(
    inputs: PlanInputs, *, history: tuple[ActualRef, ...] = (), key_prefix: str = ""
) -> Plan:
    """A new plan from the runner's inputs. Raises `PlanInputError` when it cannot be made."""
    inputs_validate(inputs)
    start = plan_start(inputs.today)
    n_weeks = weeks_until(start, inputs.race_date)
    refs = [inputs.recent_ref().pair, *((h.day, h.km) for h in history)]
    weeks, aimed_long = weeks_build(
        inputs,
        start=Start(start, 1, 0, inputs.current_weekly_km, inputs.longest_recent_run_km),
        n_weeks=n_weeks,
        refs=refs,
        prefix=key_prefix,
    )
    weeks = strength_fill(weeks, inputs, today=inputs.today, prefix=key_prefix)
    notes: list[Issue] = plan_notes(inputs, weeks, aimed_long=aimed_long)
    plan = Plan(
        inputs=inputs, start=start, weeks=tuple(weeks), issues=tuple(notes), history=tuple(history)
    )
    return plan_review(plan, today=inputs.today)


__all__ = ["Severity", "Start", "plan_generate", "plan_review", "strength_fill", "weeks_build"]
