"""Ladders: ordered rungs (exercises), each unlocked by prerequisites.

A runner climbs one rung at a time, in position order, and a rung whose prerequisites are unmet
stays locked. The clinic's rule "banded single-leg squats only once banded weighted squats are done
with good control" is written as a `completed` prerequisite like any other, so the engine needs no
special case for it. Rung keys are unique across the clinic, which lets a rung require a rung of
another ladder (a step-up needing single-leg balance, say) by key alone.

Progress on rungs is a mapping `rung key -> good top-dose sessions`: a key that is present was
reached; a `completed` prerequisite also needs its count of sessions at the rung's top dose with
good control, no pain flare and a settled next morning.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .dose import Dose, LoadScale
from .errors import EngineInputError

DEFAULT_DOSE = Dose.reps(sets=3, low=10, high=15)
# "Completed" by default means the confirming session at the rung's top dose that moves a runner
# on (outcome.TOP_DOSE_SESSIONS_TO_MOVE): asking for more would lock a rung the climb never earns.
COMPLETED_SESSIONS = 1
BODYWEIGHT = LoadScale.bodyweight()


class PrerequisiteKind(StrEnum):
    REACHED = "reached"
    COMPLETED = "completed"


@dataclass(frozen=True, slots=True)
class Prerequisite:
    rung_key: str
    kind: PrerequisiteKind = PrerequisiteKind.COMPLETED
    min_good_sessions: int = COMPLETED_SESSIONS

    def is_met(self, progress: Mapping[str, int]) -> bool:
        if self.rung_key not in progress:
            return False
        return self.kind is PrerequisiteKind.REACHED or (
            progress[self.rung_key] >= self.min_good_sessions
        )


@dataclass(frozen=True, slots=True)
class Rung:
    """One exercise on a ladder. `level` follows the exercise library (1 = non-weight-bearing
    activation ... 6 = plyometric) and is what screening placement matches findings against."""

    key: str
    exercise_slug: str
    position: int
    name: str = ""
    level: int = 1
    prerequisites: tuple[Prerequisite, ...] = ()
    dose: Dose = DEFAULT_DOSE
    scale: LoadScale = BODYWEIGHT

    @property
    def label(self) -> str:
        return self.name or self.exercise_slug.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Ladder:
    key: str
    name: str
    rungs: tuple[Rung, ...]
    _ordered: tuple[Rung, ...] = field(init=False, repr=False, compare=False)
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.rungs, key=lambda r: (r.position, r.key)))
        object.__setattr__(self, "_ordered", ordered)
        object.__setattr__(self, "_index", {r.key: i for i, r in enumerate(ordered)})

    @property
    def ordered(self) -> tuple[Rung, ...]:
        return self._ordered

    def has(self, key: str) -> bool:
        return key in self._index

    def index_of(self, key: str) -> int:
        try:
            return self._index[key]
        except KeyError:
            raise EngineInputError(f"ladder '{self.key}' has no rung '{key}'") from None

    def rung(self, key: str) -> Rung:
        return self._ordered[self.index_of(key)]

    def below(self, key: str) -> Rung | None:
        i = self.index_of(key)
        return self._ordered[i - 1] if i > 0 else None

    def above(self, key: str) -> Rung | None:
        i = self.index_of(key)
        return self._ordered[i + 1] if i + 1 < len(self._ordered) else None


@dataclass(frozen=True, slots=True)
class LadderError:
    code: str  # empty_ladder, duplicate_key, duplicate_position, unknown_prerequisite, ...
    message: str
    rung_key: str | None = None


@dataclass(frozen=True, slots=True)
class NextRung:
    """The answer to "may the runner move up from `current`?"."""

    current: Rung
    candidate: Rung | None  # the rung above, None at the top of the ladder
    unmet: tuple[Prerequisite, ...]
    message: str

    @property
    def is_allowed(self) -> bool:
        return self.candidate is not None and not self.unmet

    @property
    def rung(self) -> Rung:
        """Where the runner should be: the candidate when allowed, otherwise where they are."""
        return self.candidate if self.is_allowed and self.candidate else self.current


def prerequisite_phrase(prerequisite: Prerequisite, label: str, progress: Mapping[str, int]) -> str:
    """E.g. "'Banded weighted squat' has been done with good control in 2 sessions (so far 1)"."""
    if prerequisite.kind is PrerequisiteKind.REACHED:
        return f"you have reached '{label}'"
    done = progress.get(prerequisite.rung_key, 0)
    n = prerequisite.min_good_sessions
    sessions = "session" if n == 1 else "sessions"
    return (
        f"'{label}' has been done at its full dose with good control in {n} {sessions} "
        f"(so far {done})"
    )


def next_rung(ladder: Ladder, current: str, progress: Mapping[str, int]) -> NextRung:
    """Check the rung directly above `current`; a runner can never skip past it."""
    here = ladder.rung(current)
    candidate = ladder.above(current)
    if candidate is None:
        return NextRung(here, None, (), f"'{here.label}' is the top of {ladder.name}.")
    unmet = tuple(p for p in candidate.prerequisites if not p.is_met(progress))
    if not unmet:
        return NextRung(here, candidate, (), f"'{candidate.label}' is unlocked.")
    labels = {r.key: r.label for r in ladder.ordered}
    phrases = [prerequisite_phrase(p, labels.get(p.rung_key, p.rung_key), progress) for p in unmet]
    message = f"'{candidate.label}' unlocks once " + " and ".join(phrases) + "."
    return NextRung(here, candidate, unmet, message)


def ladder_validate(ladder: Ladder, *, external_keys: Collection[str] = ()) -> list[LadderError]:
    """Check one ladder. `external_keys` are rung keys of other ladders that prerequisites may
    name; use `ladders_validate` to check those references (and cross-ladder cycles) too."""
    return _validate([ladder], frozenset(external_keys))


def ladders_validate(ladders: Sequence[Ladder]) -> list[LadderError]:
    """Check a clinic's ladders together: keys unique across ladders, cycles across ladders."""
    return _validate(list(ladders), frozenset())


def _validate(ladders: list[Ladder], external: frozenset[str]) -> list[LadderError]:
    errors: list[LadderError] = []
    owner: dict[str, Ladder] = {}
    for ladder in ladders:
        if not ladder.rungs:
            errors.append(LadderError("empty_ladder", f"Ladder '{ladder.key}' has no rungs."))
        positions: dict[int, str] = {}
        for rung in ladder.ordered:
            if rung.key in owner:
                where = owner[rung.key].key
                errors.append(
                    LadderError(
                        "duplicate_key",
                        f"Rung key '{rung.key}' is used twice "
                        f"(ladders '{where}' and '{ladder.key}').",
                        rung.key,
                    )
                )
            owner.setdefault(rung.key, ladder)
            if rung.position in positions:
                errors.append(
                    LadderError(
                        "duplicate_position",
                        f"Rungs '{positions[rung.position]}' and '{rung.key}' share position "
                        f"{rung.position} in ladder '{ladder.key}'.",
                        rung.key,
                    )
                )
            positions.setdefault(rung.position, rung.key)
    graph: dict[str, list[str]] = {}
    for ladder in ladders:
        for rung in ladder.ordered:
            graph.setdefault(rung.key, [])
            for p in rung.prerequisites:
                errors.extend(_check_prerequisite(rung, p, owner, external))
                if p.rung_key in owner:
                    graph[rung.key].append(p.rung_key)
    cycles = _find_cycles(graph)
    errors.extend(
        LadderError("cycle", "Prerequisites form a cycle: " + " → ".join(c) + ".", c[0])
        for c in cycles
    )
    in_cycle = {key for c in cycles for key in c}
    errors.extend(_unreachable(ladders, owner, in_cycle))
    return errors


def _check_prerequisite(
    rung: Rung, p: Prerequisite, owner: Mapping[str, Ladder], external: frozenset[str]
) -> list[LadderError]:
    errors = []
    if p.rung_key not in owner and p.rung_key not in external:
        errors.append(
            LadderError(
                "unknown_prerequisite",
                f"Rung '{rung.key}' requires '{p.rung_key}', which is not a rung of any ladder.",
                rung.key,
            )
        )
    if not isinstance(p.min_good_sessions, int) or p.min_good_sessions < 1:
        errors.append(
            LadderError(
                "invalid_prerequisite",
                f"Rung '{rung.key}' requires '{p.rung_key}' in {p.min_good_sessions} sessions; "
                "it must be at least 1.",
                rung.key,
            )
        )
    return errors


def _find_cycles(graph: Mapping[str, list[str]]) -> list[tuple[str, ...]]:
    """Each distinct cycle once, as a closed path starting at its smallest key (a → b → a)."""
    found: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(key: str) -> None:
        state[key] = 1
        path.append(key)
        for nxt in graph.get(key, []):
            if state.get(nxt) == 1:
                loop = path[path.index(nxt) :]
                start = loop.index(min(loop))
                rotated = loop[start:] + loop[:start]
                found.add((*rotated, rotated[0]))
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[key] = 2

    for key in sorted(graph):
        if key not in state:
            visit(key)
    return sorted(found)


def _unreachable(
    ladders: list[Ladder], owner: Mapping[str, Ladder], in_cycle: set[str]
) -> list[LadderError]:
    """Rungs no runner can ever stand on, found as the complement of the reachable set.

    The reachable set grows from each ladder's first rung: a rung joins once the rung below it
    has joined and every prerequisite it names has joined (unknown keys are already reported).
    """
    reachable: set[str] = set()
    changed = True
    while changed:
        changed = False
        for ladder in ladders:
            below: Rung | None = None
            for rung in ladder.ordered:
                if rung.key not in reachable and (below is None or below.key in reachable):
                    needs = [p.rung_key for p in rung.prerequisites if p.rung_key in owner]
                    if all(k in reachable and k != rung.key for k in needs):
                        reachable.add(rung.key)
                        changed = True
                below = rung
    errors = []
    for ladder in ladders:
        below = None
        for rung in ladder.ordered:
            if rung.key not in reachable:
                why = _why_unreachable(
                    ladder=ladder,
                    rung=rung,
                    below=below,
                    owner=owner,
                    reachable=reachable,
                    in_cycle=in_cycle,
                )
                msg = f"Rung '{rung.key}' can never be reached: {why}."
                errors.append(LadderError("unreachable", msg, rung.key))
            below = rung
    return errors


def _why_unreachable(
    *,
    ladder: Ladder,
    rung: Rung,
    below: Rung | None,
    owner: Mapping[str, Ladder],
    reachable: set[str],
    in_cycle: set[str],
) -> str:
    if below is not None and below.key not in reachable:
        return f"the rung below it, '{below.key}', can never be reached"
    for p in rung.prerequisites:
        key = p.rung_key
        if key not in owner or key in reachable:
            continue
        if key in in_cycle:
            return f"it requires '{key}', which is part of a prerequisite cycle"
        if owner[key] is ladder:
            where = ladder.index_of(key) + 1
            return (
                f"it requires '{key}', which comes later in the ladder (rung {where}), "
                "and rungs are climbed in order"
            )
        return f"it requires '{key}', which can never be reached itself"
    return "its prerequisites can never all be met"
