"""Check an edit to the ladders before it is saved: the stored ladders with the edit applied.

The admin edits one ladder's rungs, or one rung's prerequisites, at a time, but a change can
break another ladder (a rung retired while a rung elsewhere still requires it; a prerequisite
that closes a cycle across ladders). So the check always covers every active ladder, taken
from the database, with the unsaved edit laid over it. Nothing is written here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stridewell.training import engine
from stridewell.training.library_engine import (
    LadderProblem,
    LadderSpec,
    PrerequisiteSpec,
    RungSpec,
    ladder_specs_check,
    rung_build,
)
from stridewell.training.models.library import Ladder, Rung, RungPrerequisite

NEW = "new"  # stands for the primary key of an object that is not saved yet


@dataclass(frozen=True, slots=True)
class PrerequisiteDraft:
    requires: Rung
    kind: str
    min_good_sessions: int


def _ident(obj: Ladder | Rung) -> int | str:
    return obj.pk if obj.pk is not None else f"{NEW}-{id(obj)}"


def _spec(rung: Rung, prerequisites: list[PrerequisiteSpec]) -> RungSpec:
    exercise = rung.exercise
    return RungSpec(
        key=rung.key,
        position=rung.position,
        exercise_slug=exercise.slug,
        name=rung.label or exercise.name,
        level=exercise.level,
        unit=exercise.unit,
        sets=rung.sets,
        low=rung.low,
        high=rung.high,
        increment=rung.increment,
        load_kind=rung.load_kind,
        band_lightest=rung.band_lightest,
        band_heaviest=rung.band_heaviest,
        kg_start=rung.kg_start,
        kg_max=rung.kg_max,
        kg_increment=rung.kg_increment,
        tempo=rung.tempo,
        rest_seconds=rung.rest_seconds,
        prerequisites=tuple(prerequisites),
    )


def rung_is_buildable(rung: Rung) -> bool:
    """Whether the engine accepts this rung's own dose and load (its form reports why not)."""
    try:
        rung_build(_spec(rung, []))
    except (engine.EngineInputError, ValueError):
        return False
    return True


def library_edit_problems(
    *,
    ladder: Ladder | None = None,
    ladder_rungs: Iterable[Rung] | None = None,
    rung: Rung | None = None,
    rung_prerequisites: Iterable[PrerequisiteDraft] | None = None,
) -> list[LadderProblem]:
    """Problems with the clinic's ladders once this edit is applied (empty: safe to save).

    `ladder` with `ladder_rungs`: the ladder as edited and the full would-be list of its rungs
    (stored rungs missing from the list count as removed). `rung` with `rung_prerequisites`:
    one rung as edited and the full would-be list of what it requires. Queries: 3.
    """
    ladders: dict[int | str, Ladder] = {x.pk: x for x in Ladder.objects.all()}
    rungs: dict[int | str, Rung] = {r.pk: r for r in Rung.objects.select_related("exercise")}
    # Every key a prerequisite may point at, including removed rungs, so that a dangling
    # reference is reported by name instead of vanishing.
    keys: dict[int | str, str] = {pk: r.key for pk, r in rungs.items()}
    requires: dict[int | str, list[tuple[int | str, str, int]]] = {}
    for p in RungPrerequisite.objects.all():
        requires.setdefault(p.rung_id, []).append((p.requires_id, p.kind, p.min_good_sessions))
    ladder_of: dict[int | str, int | str] = {pk: r.ladder_id for pk, r in rungs.items()}

    if ladder is not None:
        ladder_id = _ident(ladder)
        ladders[ladder_id] = ladder
        if ladder_rungs is not None:
            for pk in [pk for pk, lid in ladder_of.items() if lid == ladder_id]:
                del rungs[pk]
            for r in ladder_rungs:
                rungs[_ident(r)] = r
                keys[_ident(r)] = r.key
                ladder_of[_ident(r)] = ladder_id
    if rung is not None:
        rung_id = _ident(rung)
        rungs[rung_id] = rung
        keys[rung_id] = rung.key
        ladder_of[rung_id] = rung.ladder_id
        if rung_prerequisites is not None:
            requires[rung_id] = [
                (_ident(p.requires), p.kind, p.min_good_sessions) for p in rung_prerequisites
            ]

    specs = []
    for lid, lad in ladders.items():
        if not lad.is_active:
            continue
        live = [
            _spec(
                r,
                [
                    PrerequisiteSpec(keys.get(req, f"#{req}"), kind, sessions)
                    for req, kind, sessions in requires.get(pk, [])
                    # A prerequisite on a removed rung that is itself removed is harmless.
                ],
            )
            for pk, r in rungs.items()
            if ladder_of[pk] == lid and r.is_active
        ]
        specs.append(LadderSpec(lad.key, lad.name, tuple(live)))
    return ladder_specs_check(specs)
