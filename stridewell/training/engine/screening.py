"""Screening placement: where a runner starts on each ladder, and why, in their own numbers.

Red flags stop everything: they can signal problems exercise must not mask, so the result is
"see a physio" with a booking offer and no programme. Otherwise `start_level` (see
`placement_level.py`) turns the findings into a highest starting level, each ladder starts at the
first rung of the highest level it offers within that limit, and a start is lowered until every
rung up to it has prerequisites the runner can be assumed to meet. Being placed on a rung assumes
the rungs below it are done; rungs of other ladders count only when that ladder's start is above
them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .ladder import Ladder, Prerequisite, PrerequisiteKind, Rung
from .placement_level import StartLevel, hip_z, start_level
from .screening_input import RED_FLAG_WORDS, RedFlag, ScreeningInput, Sided
from .screening_measures import (
    AsymmetryFlag,
    asymmetry_flags,
    asymmetry_pct,
    ramskov_expected,
    ramskov_z,
    step_down_grade,
)

__all__ = [
    "LadderPlacement",
    "Placement",
    "asymmetry_flags",
    "asymmetry_pct",
    "ramskov_expected",
    "ramskov_z",
    "screening_place",
    "step_down_grade",
]

SEVERE_PAIN = 7  # pain this high at rest needs assessment in person before any programme
DEFAULT_COMPLETED_SESSIONS = 2


@dataclass(frozen=True, slots=True)
class LadderPlacement:
    ladder_key: str
    rung_key: str
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


def _see_physio(screening: ScreeningInput) -> Placement:
    flags = tuple(sorted(screening.red_flags))
    if flags:
        listed = "; ".join(RED_FLAG_WORDS[f] for f in flags)
        message = (
            f"You told us about {listed}. These are usually not serious, but they need a "
            "physiotherapist to check them in person before you start an exercise programme. "
            "Please book an appointment with one of our physios."
        )
        if RedFlag.BLADDER_BOWEL in screening.red_flags:
            message += (
                " Because you mentioned a change in bladder or bowel control, please don't wait "
                "for an appointment: call NHS 111 or go to A&E today."
            )
    else:
        message = (
            f"Your pain today is {screening.current_pain}/10, which is too high to start a "
            "programme safely on your own. Please book an appointment with one of our physios."
        )
    return Placement(False, message, True, flags, baseline_pain=screening.current_pain)


def _entry_index(ladder: Ladder, level: int) -> int:
    """First rung of the highest level reachable without passing a harder rung."""
    allowed: list[Rung] = []
    for rung in ladder.ordered:
        if rung.level > level:
            break
        allowed.append(rung)
    if not allowed:
        return 0
    top = max(r.level for r in allowed)
    return next(i for i, r in enumerate(allowed) if r.level == top)


def _assumed(ladders: Sequence[Ladder], starts: dict[str, int], done: int) -> dict[str, int]:
    progress: dict[str, int] = {}
    for ladder in ladders:
        rungs = ladder.ordered
        for rung in rungs[: starts[ladder.key]]:
            progress[rung.key] = done
        progress[rungs[starts[ladder.key]].key] = 0
    return progress


def _lower_for_prerequisites(
    ladders: Sequence[Ladder], starts: dict[str, int], done: int
) -> dict[str, tuple[Rung, Prerequisite]]:
    """Lower starts until every rung up to each start has its prerequisites assumed met.

    Starts only ever move down, so this settles after at most one pass per rung.
    """
    why: dict[str, tuple[Rung, Prerequisite]] = {}
    changed = True
    while changed:
        changed = False
        progress = _assumed(ladders, starts, done)
        for ladder in ladders:
            k = starts[ladder.key]
            for j, rung in enumerate(ladder.ordered[: k + 1]):
                unmet = [p for p in rung.prerequisites if not p.is_met(progress)]
                if unmet and max(j - 1, 0) < k:
                    starts[ladder.key] = max(j - 1, 0)
                    why[ladder.key] = (rung, unmet[0])
                    changed = True
                    break
            if changed:
                break
    return why


def _reason(
    level: StartLevel, rung: Rung, blocked: tuple[Rung, Prerequisite] | None, labels: dict[str, str]
) -> str:
    if level.limits:
        text = f"You start at '{rung.label}' because " + " and ".join(level.limits) + "."
    else:
        text = (
            f"Your movement, strength and pain results were good, so you start at '{rung.label}'."
        )
    if level.lowered_by:
        text += (
            " We've started you a step more gently because " + " and ".join(level.lowered_by) + "."
        )
    if blocked is not None:
        locked, prerequisite = blocked
        needs = labels.get(prerequisite.rung_key, prerequisite.rung_key)
        verb = "reached" if prerequisite.kind is PrerequisiteKind.REACHED else "completed"
        text += f" '{locked.label}' can only follow once '{needs}' has been {verb}."
    return text


def screening_place(screening: ScreeningInput, ladders: Sequence[Ladder]) -> Placement:
    """Place the runner on each ladder, or refer them to a physio (red flags, severe pain)."""
    if screening.red_flags or screening.current_pain >= SEVERE_PAIN:
        return _see_physio(screening)
    level = start_level(screening)
    usable = [ladder for ladder in ladders if ladder.ordered]
    starts = {ladder.key: _entry_index(ladder, level.level) for ladder in usable}
    done = max(
        (p.min_good_sessions for ladder in usable for r in ladder.ordered for p in r.prerequisites),
        default=DEFAULT_COMPLETED_SESSIONS,
    )
    blocked = _lower_for_prerequisites(usable, starts, done)
    labels = {r.key: r.label for ladder in usable for r in ladder.ordered}
    placements = tuple(
        LadderPlacement(
            ladder.key,
            ladder.ordered[starts[ladder.key]].key,
            _reason(level, ladder.ordered[starts[ladder.key]], blocked.get(ladder.key), labels),
        )
        for ladder in usable
    )
    message = "Your starting programme is ready: one exercise from each ladder."
    if screening.is_self_screen:
        message += " A screening with one of our physios can place you more precisely."
    return Placement(
        has_programme=True,
        message=message,
        offer_booking=screening.is_self_screen,
        placements=placements,
        starting_level=level.level,
        findings=level.findings,
        asymmetries=asymmetry_flags(screening),
        hip_abduction_z=hip_z(screening),
        baseline_pain=screening.current_pain,
        assumed_progress=tuple(sorted(_assumed(usable, starts, done).items())),
    )
