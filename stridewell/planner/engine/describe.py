"""Sentences describing what a re-flow changed, for the runner to read after a change."""

from __future__ import annotations

from datetime import date

from .model import WEEKDAYS, Plan, PlannedRun, PlannedStrength


def when(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {day:%B}"


def _label(item: PlannedRun | PlannedStrength) -> str:
    if isinstance(item, PlannedRun):
        return f"{item.title} ({item.km:g} km)"
    return "Strength session"


def describe_changes(old: Plan, new: Plan, skip_key: str = "") -> tuple[str, ...]:
    """What moved, appeared or disappeared between two versions of a plan (not `skip_key`)."""
    before: dict[str, PlannedRun | PlannedStrength] = {}
    for week in old.weeks:
        before.update({r.key: r for r in week.runs})
        before.update({s.key: s for s in week.strength})
    notes: list[str] = []
    seen: set[str] = set()
    for week in new.weeks:
        items: tuple[PlannedRun | PlannedStrength, ...] = (*week.runs, *week.strength)
        for item in items:
            seen.add(item.key)
            if item.key == skip_key:
                continue
            previous = before.get(item.key)
            if previous is None:
                notes.append(f"{_label(item)} added on {when(item.day)}.")
            elif (
                isinstance(item, PlannedRun)
                and isinstance(previous, PlannedRun)
                and (item.kind is not previous.kind)
            ):
                notes.append(
                    f"{when(item.day)}: your {previous.title.lower()} becomes {_label(item)}."
                )
            elif item.day != previous.day:
                notes.append(f"{_label(item)} moved from {when(previous.day)} to {when(item.day)}.")
    for key, item in before.items():
        if key not in seen and key != skip_key:
            notes.append(f"{_label(item)} on {when(item.day)} taken out of the plan.")
    return tuple(notes)
