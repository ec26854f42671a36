"""Where the week's strength sessions go, and why.

The rules (facts file section 5: Blagrove 2018, Doma & Deakin 2013, Bosquet 2007):
* 2 sessions a week in base, 1-2 in build and peak, 1 short maintenance session in the taper;
* never on the day before the long run, a quality session or the race, and never on the
  long-run day or race day itself;
* preferably after a quality run on the same day, or on an easy day;
* no heavy lower-body session in the last 7 days before the race.
When a week cannot hold its sessions the plan says which days were ruled out and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from .model import (
    HARD_KINDS,
    WEEKDAYS,
    Phase,
    PlannedRun,
    RunKind,
    Status,
    StrengthKind,
    Week,
)

TARGET = {Phase.BASE: 2, Phase.BUILD: 2, Phase.PEAK: 1, Phase.TAPER: 1}
MINIMUM = {Phase.BASE: 2, Phase.BUILD: 1, Phase.PEAK: 1, Phase.TAPER: 1}
KIND = {
    Phase.BASE: StrengthKind.FULL,
    Phase.BUILD: StrengthKind.REDUCED,
    Phase.PEAK: StrengthKind.REDUCED,
    Phase.TAPER: StrengthKind.MAINTENANCE,
}
MINUTES = {StrengthKind.FULL: 45, StrengthKind.REDUCED: 30, StrengthKind.MAINTENANCE: 20}
HEAVY_CLEARANCE_DAYS = 7

PHASE_WHY = {
    Phase.BASE: (
        "Base phase: two heavier sessions a week build strength while the running is still "
        "modest (strength work improved running economy by 2-8% in Blagrove 2018's review)."
    ),
    Phase.BUILD: (
        "Build phase: fewer sets of the same exercises keep the strength you have built while "
        "the running gets harder."
    ),
    Phase.PEAK: (
        "Peak phase: one shorter session, so your biggest running weeks get your freshest legs."
    ),
    Phase.TAPER: (
        "Taper: one short, light maintenance session. Nothing new and no heavy leg work, so "
        "the last heavy session stays at least 7 days before the race."
    ),
}


@dataclass(frozen=True, slots=True)
class Timeline:
    """The runs that constrain strength work, across the whole plan (week boundaries too)."""

    runs: dict[date, PlannedRun]  # the run that counts on each day (missed runs left out)
    race_date: date
    available: frozenset[int]
    today: date

    @classmethod
    def build(
        cls, weeks: tuple[Week, ...] | list[Week], *, race_date, available, today
    ) -> Timeline:
        runs: dict[date, PlannedRun] = {}
        for week in weeks:
            for run in week.runs:
                if run.status is Status.MISSED:
                    continue
                held = runs.get(run.day)
                if held is None or (held.kind not in HARD_KINDS and run.kind in HARD_KINDS):
                    runs[run.day] = run
        return cls(runs, race_date, frozenset(available), today)

    def hard_on(self, day: date) -> PlannedRun | None:
        run = self.runs.get(day)
        return run if run is not None and run.kind in HARD_KINDS else None


def _hard_label(run: PlannedRun) -> str:
    if run.kind is RunKind.RACE:
        return "the race"
    if run.kind is RunKind.LONG:
        return "your long run"
    return f"your quality session ({run.title.lower()})"


def rule_out(  # noqa: PLR0911 - one return per rule, in the order they are explained
    day: date,
    *,
    is_heavy: bool,
    timeline: Timeline,
    taken: set[date],
    needs_available: bool = True,
    check_past: bool = True,
) -> str | None:
    """Why a strength session may not go on `day`, or None when it may."""
    if check_past and day < timeline.today:
        return "is already past"
    if day > timeline.race_date:
        return "is after the race"
    if day == timeline.race_date:
        return "is race day"
    if needs_available and day.weekday() not in timeline.available:
        return "is not one of your available days"
    run = timeline.runs.get(day)
    if run is not None and run.kind is RunKind.LONG:
        return "is your long-run day"
    tomorrow = timeline.hard_on(day + timedelta(days=1))
    if tomorrow is not None:
        return f"is the day before {_hard_label(tomorrow)}"
    if is_heavy and (timeline.race_date - day).days < HEAVY_CLEARANCE_DAYS:
        return "is within 7 days of the race, too close for heavy leg work"
    if day in taken:
        return "already has a strength session"
    return None


def _next_hard(day: date, timeline: Timeline) -> tuple[PlannedRun, int] | None:
    for ahead in range(2, 15):
        run = timeline.hard_on(day + timedelta(days=ahead))
        if run is not None:
            return run, ahead
    return None


def strength_reason(day: date, *, phase: Phase, is_heavy: bool, timeline: Timeline) -> str:
    name = WEEKDAYS[day.weekday()]
    run = timeline.runs.get(day)
    if run is not None and run.kind is RunKind.QUALITY:
        where = (
            f"{name}, after your {run.title.lower()}: run first and do the strength work "
            "afterwards (ideally a few hours later), so the key run gets fresh legs and your "
            "easy days stay easy."
        )
    elif run is not None:
        where = f"{name}, an easy-run day: do it after the run."
    else:
        where = f"{name}, a day without running."
    parts = [where]
    following = _next_hard(day, timeline)
    if following is not None:
        run_after, gap = following
        parts.append(
            f"{_hard_label(run_after).capitalize()} is {gap} days later, so your legs have time "
            "to recover."
        )
    if is_heavy and (timeline.race_date - day).days <= 28:
        parts.append(
            f"It is {(timeline.race_date - day).days} days before the race, outside the last 7 "
            "days that must stay free of heavy leg work."
        )
    parts.append(PHASE_WHY[phase])
    return " ".join(parts)


def _score(day: date, timeline: Timeline, current: set[date]) -> int:
    run = timeline.runs.get(day)
    if run is not None and run.kind is RunKind.QUALITY:
        score = 3
    elif run is not None:
        score = 2
    else:
        score = 1
    yesterday = timeline.runs.get(day - timedelta(days=1))
    if yesterday is not None and yesterday.kind is RunKind.LONG:
        score -= 1  # legs are still tired the day after the long run
    if day in current:
        score += 4  # a re-flow moves as little as possible
    return score


def _best(candidates: list[date], count: int, timeline, fixed: set[date], current: set[date]):
    best: tuple[date, ...] = ()
    best_score = None
    for combo in combinations(candidates, count):
        total = sum(_score(d, timeline, current) for d in combo)
        chosen = set(combo) | fixed
        # 48 hours between strength sessions where possible.
        total -= 3 * sum(1 for d in combo if (d + timedelta(days=1)) in chosen)
        total -= 3 * sum(1 for d in combo if (d - timedelta(days=1)) in fixed)
        if best_score is None or total > best_score:
            best, best_score = combo, total
    return list(best)
