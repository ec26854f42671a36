"""Screening placement: where a runner starts on each ladder, and why, in their own numbers.

A referral (`screening_referral`: red flags, bone-stress signs, pain of 5/10 or more at rest)
means "see a physio" with a booking offer and no programme. Otherwise `start_level` (see
`placement_level.py`) turns the findings into a highest starting level, each ladder starts at the
first rung of the highest level it offers within that limit, and a start is lowered until every
rung up to it has prerequisites the runner can be assumed to meet. Being placed on a rung assumes
the rungs below it are done; rungs of other ladders count only when that ladder's start is above
them.

A ladder whose first rung is above the starting level (rule S7), or locked by a prerequisite that
cannot be assumed (S8), is left out and listed under `not_yet` with the reason: a screening never
places a runner above their level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .ladder import Ladder, Prerequisite, PrerequisiteKind, Rung
from .placement_level import StartLevel, hip_z, start_level
from .screening_input import BoneStressSign, RedFlag, ScreeningInput, Sided
from .screening_measures import (
    AsymmetryFlag,
    asymmetry_flags,
    asymmetry_pct,
    ramskov_expected,
    ramskov_z,
    step_down_grade,
)
from .screening_referral import referral
from .screening_rules import BASELINE_PAIN_MAX, REFER_PAIN, ScreeningRule, baseline_pain_for

__all__ = [
    "LadderPlacement",
    "NotYet",
    "Placement",
    "asymmetry_flags",
    "asymmetry_pct",
    "ramskov_expected",
    "ramskov_z",
    "screening_place",
    "step_down_grade",
]

DEFAULT_COMPLETED_SESSIONS = 2
LEVEL_WORDS = {
    1: "activation exercises lying down",
    2: "strength work lying down and supported balance",
    3: "standing work on two legs or with support",
    4: "controlled single-leg strength",
    5: "loaded single-leg strength",
    6: "jumping and hopping",
}


@dataclass(frozen=True, slots=True)
class LadderPlacement:
    ladder_key: str
    rung_key: str
    reason: str
    rule: ScreeningRule = ScreeningRule.S6_PLACED


@dataclass(frozen=True, slots=True)
class NotYet:
    """A ladder left out of the starting programme, and why (rule S7 or S8)."""

    ladder_key: str
    rule: ScreeningRule
    reason: str


@dataclass(frozen=True, slots=True)
class Placement:
    has_programme: bool
    message: str
    offer_booking: bool
    red_flags: tuple[RedFlag, ...] = ()
    placements: tuple[LadderPlacement, ...] = ()
    starting_level: int = 0
    findings: tuple[str, ...] = ()
    asymmetries: tuple[AsymmetryFlag, ...] = ()
    hip_abduction_z: Sided[float] | None = None
    baseline_pain: int = 0
    assumed_progress: tuple[tuple[str, int], ...] = ()  # seed for `progression_start`
    rules: tuple[ScreeningRule, ...] = ()  # every screening rule that fired, in order
    not_yet: tuple[NotYet, ...] = ()  # ladders left out: above the level, or locked
    bone_stress: tuple[BoneStressSign, ...] = ()
    started_despite_pain: bool = False
    experience: str | None = None  # what placed an experienced runner higher (S9)


def _entry_index(ladder: Ladder, level: int) -> int | None:
    """First rung of the highest level reachable without passing a harder rung; None when the
    ladder's first rung is already above `level`."""
    allowed: list[Rung] = []
    for rung in ladder.ordered:
        if rung.level > level:
            break
        allowed.append(rung)
    if not allowed:
        return None
    top = max(r.level for r in allowed)
    return next(i for i, r in enumerate(allowed) if r.level == top)


Starts = dict[str, int | None]


def _assumed(ladders: Sequence[Ladder], starts: Starts, done: int) -> dict[str, int]:
    progress: dict[str, int] = {}
    for ladder in ladders:
        start = starts[ladder.key]
        if start is None:
            continue
        for rung in ladder.ordered[:start]:
            progress[rung.key] = done
        progress[ladder.ordered[start].key] = 0
    return progress


def _lower_for_prerequisites(
    ladders: Sequence[Ladder], starts: Starts, done: int
) -> dict[str, tuple[Rung, Prerequisite]]:
    """Lower starts until every rung up to each start has its prerequisites assumed met; a
    ladder whose first rung cannot be assumed met is left out (its start becomes None).

    Starts only ever move down (and rungs below a start are never above the level), so this
    settles after at most one pass per rung.
    """
    why: dict[str, tuple[Rung, Prerequisite]] = {}
    changed = True
    while changed:
        changed = False
        progress = _assumed(ladders, starts, done)
        for ladder in ladders:
            k = starts[ladder.key]
            if k is None:
                continue
            for j, rung in enumerate(ladder.ordered[: k + 1]):
                unmet = [p for p in rung.prerequisites if not p.is_met(progress)]
                if unmet:
                    starts[ladder.key] = j - 1 if j > 0 else None
                    why[ladder.key] = (rung, unmet[0])
                    changed = True
                    break
            if changed:
                break
    return why


def _reason(
    level: StartLevel,
    rung: Rung,
    blocked: tuple[Rung, Prerequisite] | None,
    labels: dict[str, str],
    despite: str,
) -> str:
    if level.raised and level.experience:
        text = f"{level.experience.capitalize()}, so you start a level higher, at '{rung.label}'."
        held = (*level.limits, *level.lowered_by)
        if held:
            text += " Otherwise we'd have started you lower because " + " and ".join(held) + "."
    else:
        if level.limits:
            text = f"You start at '{rung.label}' because " + " and ".join(level.limits) + "."
        else:
            text = (
                "Your movement, strength and pain results were good, so you start at "
                f"'{rung.label}'."
            )
        if level.lowered_by:
            text += (
                " We've started you a step more gently because "
                + " and ".join(level.lowered_by)
                + "."
            )
        if level.experience and level.held_by:
            text += (
                f" Your running ({level.experience}) would start you a level higher, but "
                f"{level.held_by}."
            )
    if blocked is not None:
        locked, prerequisite = blocked
        needs = labels.get(prerequisite.rung_key, prerequisite.rung_key)
        verb = "reached" if prerequisite.kind is PrerequisiteKind.REACHED else "completed"
        text += f" '{locked.label}' can only follow once '{needs}' has been {verb}."
    return despite + text


def _not_yet(
    ladder: Ladder, level: int, blocked: tuple[Rung, Prerequisite] | None, labels: dict[str, str]
) -> NotYet:
    first = ladder.ordered[0]
    if blocked is None:  # the first rung is above the starting level
        words = LEVEL_WORDS.get(first.level, "")
        what = f" ({words})" if words else ""
        return NotYet(
            ladder.key,
            ScreeningRule.S7_LADDER_ABOVE_LEVEL,
            f"{ladder.name} starts at level {first.level}{what}; your starting level is "
            f"{level}, so it is not in your programme yet.",
        )
    locked, prerequisite = blocked
    needs = labels.get(prerequisite.rung_key, prerequisite.rung_key)
    verb = "reached" if prerequisite.kind is PrerequisiteKind.REACHED else "completed"
    return NotYet(
        ladder.key,
        ScreeningRule.S8_LADDER_LOCKED,
        f"{ladder.name} starts with '{locked.label}', which can only follow once '{needs}' has "
        f"been {verb}, so it is not in your programme yet.",
    )


def _refer(screening: ScreeningInput, rules: tuple[ScreeningRule, ...], message: str) -> Placement:
    return Placement(
        False,
        message,
        True,
        tuple(sorted(screening.red_flags)),
        baseline_pain=baseline_pain_for(screening.current_pain),
        rules=rules,
        bone_stress=tuple(sorted(screening.bone_stress)),
    )


def screening_place(screening: ScreeningInput, ladders: Sequence[Ladder]) -> Placement:
    """Place the runner on each ladder, or refer them to a physio (red flags, bone-stress signs,
    pain of 5/10 or more at rest unless a physio chose to start anyway)."""
    referred = referral(screening)
    if referred is not None:
        return _refer(screening, *referred)
    level = start_level(screening)
    usable = [ladder for ladder in ladders if ladder.ordered]
    starts: Starts = {ladder.key: _entry_index(ladder, level.level) for ladder in usable}
    above = {key for key, start in starts.items() if start is None}
    done = max(
        (p.min_good_sessions for ladder in usable for r in ladder.ordered for p in r.prerequisites),
        default=DEFAULT_COMPLETED_SESSIONS,
    )
    blocked = _lower_for_prerequisites(usable, starts, done)
    labels = {r.key: r.label for ladder in usable for r in ladder.ordered}
    despite = ""
    rules: list[ScreeningRule] = []
    if screening.current_pain >= REFER_PAIN:  # only a physio's explicit choice gets here
        who = screening.screened_by or "your physio"
        despite = f"Started by {who} despite pain {screening.current_pain}/10 at rest. "
        rules.append(ScreeningRule.S5_STARTED_DESPITE_PAIN)
    rules.append(ScreeningRule.S6_PLACED)
    rule = ScreeningRule.S9_EXPERIENCED_ONE_LEVEL_UP if level.raised else ScreeningRule.S6_PLACED
    placements: list[LadderPlacement] = []
    not_yet: list[NotYet] = []
    for ladder in usable:
        start = starts[ladder.key]
        if start is None:
            why = None if ladder.key in above else blocked.get(ladder.key)
            not_yet.append(_not_yet(ladder, level.level, why, labels))
            continue
        rung = ladder.ordered[start]
        reason = _reason(level, rung, blocked.get(ladder.key), labels, despite)
        placements.append(LadderPlacement(ladder.key, rung.key, reason, rule))
    if level.raised:
        rules.append(ScreeningRule.S9_EXPERIENCED_ONE_LEVEL_UP)
    rules.extend(dict.fromkeys(n.rule for n in not_yet))
    if screening.current_pain > BASELINE_PAIN_MAX:
        rules.append(ScreeningRule.S10_BASELINE_PAIN_CAPPED)
    message = "Your starting programme is ready: one exercise from each ladder."
    if despite:
        message += (
            f" {screening.screened_by or 'Your physio'} chose to start it despite your pain of "
            f"{screening.current_pain}/10 at rest."
        )
    if screening.is_self_screen:
        message += " A screening with one of our physios can place you more precisely."
    return Placement(
        has_programme=True,
        message=message,
        offer_booking=screening.is_self_screen,
        placements=tuple(placements),
        starting_level=level.level,
        findings=level.findings,
        asymmetries=asymmetry_flags(screening),
        hip_abduction_z=hip_z(screening),
        baseline_pain=baseline_pain_for(screening.current_pain),
        assumed_progress=tuple(sorted(_assumed(usable, starts, done).items())),
        rules=tuple(rules),
        not_yet=tuple(not_yet),
        started_despite_pain=bool(despite),
        experience=level.experience if level.raised else None,
    )
