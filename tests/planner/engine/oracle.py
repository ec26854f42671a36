"""An independent check of the planner's rules, written without the engine's helpers, so a bug
in the engine's own rule code cannot hide itself from the tests."""

from __future__ import annotations

from datetime import date, timedelta

from stridewell.planner.engine import Phase, Plan, RunKind, Status

HARD = {RunKind.LONG, RunKind.QUALITY, RunKind.RACE}
TARGET = {Phase.BASE: 2, Phase.BUILD: 2, Phase.PEAK: 1, Phase.TAPER: 1}
MINIMUM = {Phase.BASE: 2, Phase.BUILD: 1, Phase.PEAK: 1, Phase.TAPER: 1}


def strength_violations(plan: Plan, *, today: date | None = None) -> list[str]:
    """Broken placement rules, one sentence each (empty when every session is safe).

    With `today`, sessions logged or past keep the kind they had when they were planned (a
    re-plan may turn their week into a taper week)."""
    hard_days: dict[date, RunKind] = {}
    long_days: set[date] = set()
    for run in plan.runs():
        if run.status is Status.MISSED:
            continue
        if run.kind in HARD:
            hard_days[run.day] = run.kind
        if run.kind is RunKind.LONG:
            long_days.add(run.day)
    problems: list[str] = []
    seen_days: set[date] = set()
    for week in plan.weeks:
        for s in week.strength:
            if s.status is Status.MISSED:
                continue  # never happened, so it constrains nothing
            problems += _session_problems(
                plan, week, s, hard_days=hard_days, long_days=long_days, today=today
            )
            if s.day in seen_days:
                problems.append(f"strength {s.key} on {s.day}: two sessions on one day")
            seen_days.add(s.day)
    return problems


def _session_problems(plan, week, s, *, hard_days, long_days, today) -> list[str]:
    race = plan.race_date
    label = f"strength {s.key} on {s.day}"
    problems = []
    if not s.is_pinned and s.day.weekday() not in plan.inputs.available_days:
        problems.append(f"{label}: not an available day")
    if s.day in long_days:
        problems.append(f"{label}: on the long-run day")
    if s.day >= race:
        problems.append(f"{label}: on or after race day")
    tomorrow = s.day + timedelta(days=1)
    if tomorrow in hard_days:
        problems.append(f"{label}: the day before a {hard_days[tomorrow].value} run")
    if s.is_heavy and (race - s.day).days < 7:
        problems.append(f"{label}: heavy work {(race - s.day).days} days before the race")
    frozen = today is not None and (s.day < today or s.is_logged)
    light = not s.is_heavy and s.kind.value == "maintenance"
    if week.phase is Phase.TAPER and not light and not frozen:
        problems.append(f"{label}: taper sessions must be light maintenance")
    if not s.reason.strip() and not s.is_logged:
        problems.append(f"{label}: no reason given")
    return problems


def count_violations(plan: Plan, *, today: date) -> list[str]:
    """Weeks above their phase's number of sessions, or below it without an issue saying why."""
    explained = {i.week for i in plan.issues if i.code == "strength_short"}
    problems = []
    for week in plan.weeks:
        if week.end < today:
            continue
        count = len(week.strength)
        frozen = sum(1 for s in week.strength if s.day < today or s.is_logged)
        if count > max(TARGET[week.phase], frozen):
            problems.append(f"week {week.number}: {count} sessions, more than the phase allows")
        if count < TARGET[week.phase] and week.number not in explained:
            problems.append(f"week {week.number}: {count} sessions and no issue saying why")
    return problems


def naive_spikes(plan: Plan) -> set[str]:
    """Keys of planned runs more than 10% over the longest run of the previous 30 days."""
    # The runner's longest recent run happened before the plan was made: the day before.
    refs = [(plan.inputs.today - timedelta(days=1), plan.inputs.longest_recent_run_km)]
    refs += [(h.day, h.km) for h in plan.history]
    for run in plan.runs():
        if run.status is Status.MISSED:
            continue
        refs.append((run.day, run.actual_km if run.actual_km is not None else run.km))
    flagged = set()
    for run in plan.runs():
        if run.status is not Status.PLANNED:
            continue
        window = [km for day, km in refs if 1 <= (run.day - day).days <= 30]
        longest = max(window, default=0.0)
        if run.km > longest * 1.1 + 1e-9:
            flagged.add(run.key)
    return flagged
