"""Turn ladder data (from the data file, the database or an admin form) into engine ladders.

Every writer of ladders — the `load_exercises` command and the admin — describes the state it
is about to create as plain `LadderSpec`/`RungSpec` values and asks `ladder_specs_check` whether
that state is valid, so the engine's rules (no cycles, no unreachable rung, no unknown
prerequisite, no duplicate position) are checked once, the same way, before anything is saved.
The selectors build the runner-facing engine ladders through the same `ladder_specs_build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from stridewell.training import engine

# The engine counts reps or seconds. A distance (metres) progresses exactly like a rep count,
# so it travels through the engine as REPS; pages show the exercise's own unit.
ENGINE_UNITS = {"reps": engine.DoseUnit.REPS, "seconds": engine.DoseUnit.SECONDS}


@dataclass(frozen=True, slots=True)
class PrerequisiteSpec:
    rung_key: str
    kind: str = "completed"
    min_good_sessions: int = 1  # engine.ladder.COMPLETED_SESSIONS


@dataclass(frozen=True, slots=True)
class RungSpec:
    key: str
    position: int
    exercise_slug: str
    name: str
    level: int
    unit: str = "reps"
    sets: int = 3
    low: int = 10
    high: int = 15
    increment: int = 2
    load_kind: str = "bodyweight"
    band_lightest: str = "light"
    band_heaviest: str = "extra heavy"
    kg_start: Decimal | float = 0
    kg_max: Decimal | float = 0
    kg_increment: Decimal | float = 2.5
    tempo: str = ""
    rest_seconds: int = 60
    prerequisites: tuple[PrerequisiteSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class LadderSpec:
    key: str
    name: str
    rungs: tuple[RungSpec, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class LadderProblem:
    """One reason a set of ladders cannot be saved, in words staff can act on."""

    code: str
    message: str
    rung_key: str | None = None


def load_scale_build(spec: RungSpec) -> engine.LoadScale:
    if spec.load_kind == engine.LoadKind.BAND:
        return engine.LoadScale.band(lightest=spec.band_lightest, heaviest=spec.band_heaviest)
    if spec.load_kind == engine.LoadKind.KG:
        return engine.LoadScale.kg(
            start_kg=float(spec.kg_start),
            max_kg=float(spec.kg_max),
            increment_kg=float(spec.kg_increment),
        )
    if spec.load_kind == engine.LoadKind.BODYWEIGHT:
        return engine.LoadScale.bodyweight()
    raise engine.EngineInputError(f"unknown load kind '{spec.load_kind}'")


def rung_build(spec: RungSpec) -> engine.Rung:
    """The engine rung, starting at the bottom of its dose; raises EngineInputError."""
    scale = load_scale_build(spec)
    dose = engine.Dose(
        sets=spec.sets,
        low=spec.low,
        high=spec.high,
        target=spec.low,
        unit=ENGINE_UNITS.get(spec.unit, engine.DoseUnit.REPS),
        increment=spec.increment,
        tempo=spec.tempo,
        rest_seconds=spec.rest_seconds,
    )
    prerequisites = tuple(
        engine.Prerequisite(p.rung_key, engine.PrerequisiteKind(p.kind), p.min_good_sessions)
        for p in spec.prerequisites
    )
    return engine.Rung(
        key=spec.key,
        exercise_slug=spec.exercise_slug,
        position=spec.position,
        name=spec.name,
        level=spec.level,
        prerequisites=prerequisites,
        dose=dose,
        scale=scale,
    )


def ladder_specs_build(
    specs: list[LadderSpec],
) -> tuple[list[engine.Ladder], list[LadderProblem]]:
    """Engine ladders for `specs`, plus a problem for every rung whose dose or load is invalid
    (such a rung is left out of its ladder)."""
    ladders: list[engine.Ladder] = []
    problems: list[LadderProblem] = []
    for ladder in specs:
        rungs = []
        for spec in ladder.rungs:
            try:
                rungs.append(rung_build(spec))
            except (engine.EngineInputError, ValueError) as exc:
                message = f"Rung '{spec.key}' in ladder '{ladder.key}': {exc}."
                problems.append(LadderProblem("invalid_dose", message, spec.key))
        ladders.append(engine.Ladder(key=ladder.key, name=ladder.name, rungs=tuple(rungs)))
    return ladders, problems


def ladder_specs_check(specs: list[LadderSpec]) -> list[LadderProblem]:
    """Everything wrong with this set of ladders taken together; empty when it may be saved."""
    ladders, problems = ladder_specs_build(specs)
    problems.extend(
        LadderProblem(e.code, e.message, e.rung_key) for e in engine.ladders_validate(ladders)
    )
    return problems
