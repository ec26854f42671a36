"""Placing (or re-placing) one week's strength sessions, with an issue when they don't fit."""

from __future__ import annotations

from collections import defaultdict

from .model import WEEKDAYS, Issue, PlannedStrength, Severity, Week
from .strength import KIND, MINIMUM, MINUTES, TARGET, Timeline, _best, rule_out, strength_reason


def _plural(why: str) -> str:
    if why == "is not one of your available days":
        return "are not among your available days"
    if why.startswith("is the day before"):
        return "are each the day before" + why.removeprefix("is the day before")
    if why.startswith("is "):
        return "are " + why.removeprefix("is ")
    return why.replace("already has", "already have")


def _ruled_out_text(week: Week, *, is_heavy: bool, timeline: Timeline, skip: set) -> str:
    """Why each day without a session could not take one, grouped by reason."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for day in week.days:
        if day in skip:
            continue
        why = rule_out(day, is_heavy=is_heavy, timeline=timeline, taken=set())
        if why is not None and why != "is already past":
            grouped[why].append(WEEKDAYS[day.weekday()])
    sentences = []
    for why, names in grouped.items():
        if len(names) == 1:
            sentences.append(f"{names[0]} {why}")
        else:
            joined = ", ".join(names[:-1]) + " and " + names[-1]
            sentences.append(f"{joined} {_plural(why)}")
    return "; ".join(sentences)


def week_strength_place(
    week: Week,
    *,
    timeline: Timeline,
    fixed: list[PlannedStrength],
    movable: list[PlannedStrength],
    key_prefix: str,
) -> tuple[PlannedStrength, ...]:
    """All of the week's sessions: `fixed` ones unchanged, plus the ones placed now.

    `fixed` are logged, past or chosen by the runner; they count towards the week's number.
    `movable` are the planned sessions a re-flow may move or drop (their keys are reused).
    """
    phase = week.phase
    kind = KIND[phase]
    is_heavy = kind.value != "maintenance"
    taken = {s.day for s in fixed}
    needed = max(0, TARGET[phase] - len(fixed))
    candidates = [
        d
        for d in week.days
        if rule_out(d, is_heavy=is_heavy, timeline=timeline, taken=taken) is None
    ]
    current = {s.day for s in movable}
    chosen = _best(candidates, min(needed, len(candidates)), timeline, taken, current)

    # Keep each session's identity where it can: first the ones whose day is kept, then the
    # others in date order; new keys only when the week needs more sessions than it had.
    reserved = {s.key for s in fixed} | {s.key for s in movable}
    staying = {s.day: s for s in movable if s.day in chosen}
    spare = [s for s in sorted(movable, key=lambda s: (s.day, s.key)) if s.day not in staying]
    placed: list[PlannedStrength] = []
    for day in sorted(chosen):
        previous = staying.get(day) or (spare.pop(0) if spare else None)
        if previous is not None:
            key = previous.key
            original = previous.original_day or previous.day
        else:
            n = 1
            while f"{key_prefix}w{week.number:02d}-s{n}" in reserved:
                n += 1
            key = f"{key_prefix}w{week.number:02d}-s{n}"
            reserved.add(key)
            original = None
        placed.append(
            PlannedStrength(
                key=key,
                day=day,
                kind=kind,
                minutes=MINUTES[kind],
                is_heavy=is_heavy,
                reason=strength_reason(day, phase=phase, is_heavy=is_heavy, timeline=timeline),
                original_day=original if original != day else None,
            )
        )
    return tuple(sorted([*fixed, *placed], key=lambda s: (s.day, s.key)))


def week_strength_issue(week: Week, *, timeline: Timeline) -> Issue | None:
    """Why the week holds fewer strength sessions than its phase asks for, if it does."""
    phase = week.phase
    total = len(week.strength)
    if total >= TARGET[phase] or week.end < timeline.today:
        return None
    is_heavy = KIND[phase].value != "maintenance"
    severity = Severity.WARNING if total < MINIMUM[phase] else Severity.INFO
    is_race_week = week.contains(timeline.race_date)
    if is_race_week:
        severity = Severity.INFO
    holding = {s.day for s in week.strength}
    why = _ruled_out_text(week, is_heavy=is_heavy, timeline=timeline, skip=holding)
    count = "no strength session fits" if total == 0 else f"only {total} of {TARGET[phase]} fit"
    message = f"Week {week.number} ({phase.value}): {count}"
    message += f", because {why}." if why else "."
    if is_race_week:
        message += " In race week that is fine: rest matters more than one more session."
    elif severity is Severity.INFO:
        message += " One session is still within the 1-2 a week advised for this phase."
    else:
        message += " Free up another available day, or move a run, to make room."
    return Issue("strength_short", message, week=week.number, severity=severity)
