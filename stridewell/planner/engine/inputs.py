"""Checking what the runner told us before any plan is built. Every problem names its field and
says what to do, so a form or an API can show it next to the right input."""

from __future__ import annotations

from datetime import date, timedelta

from .model import WEEKDAYS, PlanInputs

MIN_WEEKS = 8
MAX_WEEKS = 30
MIN_WEEKLY_KM = 15.0
MAX_WEEKLY_KM = 200.0
MIN_LONGEST_KM = 5.0
MAX_LONGEST_KM = 45.0
MIN_DAYS = 3
MAX_QUALITY_DAYS = 2
MIN_GOAL = timedelta(hours=2)
MAX_GOAL = timedelta(hours=7)


class PlanInputError(ValueError):
    """The inputs cannot make a plan. `problems` maps an input name to messages about it."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        self.problems = problems
        super().__init__(" ".join(m for messages in problems.values() for m in messages))


def plan_start(today: date) -> date:
    """Plans run Monday to Sunday; the first week is the next one to begin (today if Monday)."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_until(start: date, race_date: date) -> int:
    """Number of Monday-to-Sunday weeks from `start`'s week up to and including race week."""
    return (monday_of(race_date) - monday_of(start)).days // 7 + 1


def day_names(days: frozenset[int] | set[int]) -> str:
    names = [WEEKDAYS[d] for d in sorted(days)]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _long_date(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {day:%B %Y}"


REPLAN_MIN_WEEKS = 3


def _check_replan_dates(race_date: date, today: date, add) -> None:
    """A plan already under way may move its race nearer than 8 weeks, but it still needs
    room for a taper (at least 3 weeks including this one)."""
    if race_date <= today:
        add("race_date", "The race date has to be in the future: choose an upcoming race.")
        return
    weeks = weeks_until(today, race_date)
    if weeks < REPLAN_MIN_WEEKS:
        add(
            "race_date",
            f"That race is only {weeks} week{'s' if weeks != 1 else ''} away, counting this "
            f"one. Re-planning needs at least {REPLAN_MIN_WEEKS} weeks so there is room to "
            "taper; keep your current plan or choose a later race.",
        )
    elif weeks > MAX_WEEKS:
        add(
            "race_date",
            f"That race is {weeks} weeks away; plans cover at most {MAX_WEEKS} weeks.",
        )


def _check_dates(inputs: PlanInputs, add) -> None:
    if inputs.race_date <= inputs.today:
        add("race_date", "The race date has to be in the future: choose an upcoming race.")
        return
    start = plan_start(inputs.today)
    weeks = weeks_until(start, inputs.race_date)
    if weeks < MIN_WEEKS:
        add(
            "race_date",
            f"Your race is {weeks} week{'s' if weeks != 1 else ''} away (the plan would start "
            f"on {_long_date(start)}). A marathon plan needs at least {MIN_WEEKS} weeks to "
            "build up and then taper safely: choose a later race, or ask your physio about a "
            "shorter, gentler build-up.",
        )
    elif weeks > MAX_WEEKS:
        earliest = monday_of(inputs.race_date) - timedelta(weeks=MAX_WEEKS - 1, days=6)
        add(
            "race_date",
            f"Your race is {weeks} weeks away; plans cover at most {MAX_WEEKS} weeks. Create "
            f"it on or after {_long_date(earliest)}. Until then, keep up your usual running "
            "and strength work.",
        )


def _check_volume(inputs: PlanInputs, add) -> None:
    weekly = inputs.current_weekly_km
    if weekly < MIN_WEEKLY_KM:
        add(
            "current_weekly_km",
            f"A marathon plan starts from at least {MIN_WEEKLY_KM:.0f} km a week. Build your "
            "regular running up to that first; your physio can help you do it safely.",
        )
    elif weekly > MAX_WEEKLY_KM:
        add(
            "current_weekly_km",
            f"More than {MAX_WEEKLY_KM:.0f} km a week is outside what this planner handles: "
            "please check the number (kilometres per week).",
        )
    longest = inputs.longest_recent_run_km
    if longest < MIN_LONGEST_KM:
        add(
            "longest_recent_run_km",
            f"A marathon plan builds on what you already run: your longest run of the last 30 "
            f"days should be at least {MIN_LONGEST_KM:.0f} km. Build up to that first.",
        )
    elif MIN_WEEKLY_KM <= weekly <= MAX_WEEKLY_KM and longest * 7 < weekly:
        add(
            "longest_recent_run_km",
            f"{weekly:g} km a week means at least one run of {weekly / 7:.1f} km, but your "
            f"longest run is {longest:g} km. Please check both numbers.",
        )
    elif longest > MAX_LONGEST_KM:
        add(
            "longest_recent_run_km",
            f"That is longer than a marathon. Enter your longest run of the last 30 days in km "
            f"(at most {MAX_LONGEST_KM:.0f}).",
        )


def _check_days(inputs: PlanInputs, add) -> None:
    available = inputs.available_days
    if any(d not in range(7) for d in available | inputs.quality_days | {inputs.long_run_day}):
        add("available_days", "Days must be weekdays from Monday to Sunday.")
        return
    if len(available) < MIN_DAYS:
        add(
            "available_days",
            f"Choose at least {MIN_DAYS} days: a long run and two shorter runs a week is the "
            "least a marathon plan can work with.",
        )
    if inputs.long_run_day not in available:
        add(
            "long_run_day",
            f"Your long-run day ({WEEKDAYS[inputs.long_run_day]}) must be one of the days you "
            "are available.",
        )
    quality = inputs.quality_days
    if not quality <= available:
        add(
            "quality_days",
            f"Quality sessions must fall on days you are available: "
            f"{day_names(quality - available)} {'is' if len(quality - available) == 1 else 'are'}"
            " not.",
        )
    if inputs.long_run_day in quality:
        add(
            "quality_days",
            f"{WEEKDAYS[inputs.long_run_day]} is your long-run day; choose a different day for "
            "quality sessions.",
        )
    if len(quality) > MAX_QUALITY_DAYS:
        add(
            "quality_days",
            f"Choose at most {MAX_QUALITY_DAYS} quality days: more hard days leave too little "
            "time to recover between them.",
        )
    for day in sorted(quality):
        if (day + 1) % 7 in quality:
            add(
                "quality_days",
                f"Leave at least one easier day between quality sessions: {WEEKDAYS[day]} and "
                f"{WEEKDAYS[(day + 1) % 7]} are back to back.",
            )
    easy_days = available - quality - {inputs.long_run_day}
    if len(available) >= MIN_DAYS and quality <= available and not easy_days:
        add(
            "quality_days",
            "Keep at least one available day for an easy run: with these days every run would "
            "be a hard one.",
        )


def _check_other(inputs: PlanInputs, add) -> None:
    goal = inputs.goal_time
    if goal is not None and not MIN_GOAL <= goal <= MAX_GOAL:
        add(
            "goal_time",
            "Enter a goal time between 2:00 and 7:00 (hours:minutes), or leave it blank.",
        )
    if inputs.step_back_every not in (None, 3, 4):
        add("step_back_every", "A step-back week comes every 3rd or 4th week.")


def inputs_validate(inputs: PlanInputs, *, replan_on: date | None = None) -> None:
    """Raise `PlanInputError` listing every problem with the inputs (not just the first).

    `replan_on` is the day a plan under way is being re-made: the race may then be nearer than
    8 weeks (the runner is already training), but not nearer than 3.
    """
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if replan_on is None:
        _check_dates(inputs, add)
    else:
        _check_replan_dates(inputs.race_date, replan_on, add)
    _check_volume(inputs, add)
    _check_days(inputs, add)
    _check_other(inputs, add)
    if problems:
        raise PlanInputError(problems)
