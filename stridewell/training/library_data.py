"""Read and check the library data file (`data/exercises.yaml`) without touching the database.

`library_data_read` returns typed values or raises `LibraryDataError` listing every problem
found, each prefixed with where it is in the file, so one run of `load_exercises` tells the
author everything to fix. Ladder rules are the engine's (via `library_engine`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from stridewell.training.library_engine import (
    LadderSpec,
    PrerequisiteSpec,
    RungSpec,
    ladder_specs_check,
)

DATA_FILE = Path(__file__).resolve().parent / "data" / "exercises.yaml"
UNITS = ("reps", "seconds", "metres")
VERIFICATIONS = ("V", "S", "M")
MEASURES = ("gmed_mvic", "gmax_mvic", "gluteal_tfl_index", "relative")
BANDS = ("none", "light", "medium", "heavy", "extra heavy")


class LibraryDataError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class FigureData:
    source: str
    verification: str
    measure: str = "gmed_mvic"
    value: Decimal | None = None
    value_high: Decimal | None = None
    sd: Decimal | None = None
    text: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ExerciseData:
    key: str
    slug: str
    name: str
    level: int
    unit: str
    per_side: bool
    description: str
    muscles: tuple[str, ...]
    equipment: tuple[str, ...]
    optional_equipment: tuple[str, ...]
    cues: tuple[str, ...]
    gmed: FigureData | None
    evidence: tuple[FigureData, ...]
    evidence_note: str
    clinical_note: str
    sources: tuple[str, ...]
    progressions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RungData:
    spec_fields: dict[str, Any]  # RungSpec fields that come from the file
    exercise: str
    label: str


@dataclass(frozen=True, slots=True)
class LadderData:
    key: str
    position: int
    name: str
    description: str
    is_placed_by_screening: bool
    rungs: tuple[RungData, ...]


@dataclass(frozen=True, slots=True)
class LibraryData:
    sources: dict[str, tuple[str, str]]  # key -> (label, citation)
    muscles: dict[str, str]
    equipment: dict[str, str]
    exercises: tuple[ExerciseData, ...]
    ladders: tuple[LadderData, ...]

    def rung_specs(self) -> list[LadderSpec]:
        by_key = {e.key: e for e in self.exercises}
        specs = []
        for ladder in self.ladders:
            rungs = []
            for r in ladder.rungs:
                exercise = by_key[r.exercise]
                rungs.append(
                    RungSpec(
                        exercise_slug=exercise.slug,
                        name=r.label or exercise.name,
                        level=exercise.level,
                        unit=exercise.unit,
                        **r.spec_fields,
                    )
                )
            specs.append(LadderSpec(ladder.key, ladder.name, tuple(rungs)))
        return specs


class _Reader:
    """Typed access to a YAML mapping that records problems instead of stopping at the first."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def mapping(self, value: object, where: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.fail(where, "must be a mapping")
        return {}

    def seq(self, value: object, where: str) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.fail(where, "must be a list")
        return []

    def text(self, d: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = d.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(where, f"'{key}' must be text")
            return ""
        return value.strip()

    def integer(self, d: dict[str, Any], key: str, where: str, default: int | None = None) -> int:
        value = d.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, f"'{key}' must be a whole number")
            return 0
        return value

    def number(self, d: dict[str, Any], key: str, where: str) -> Decimal | None:
        value = d.get(key)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            return Decimal(str(value))
        except InvalidOperation:
            self.fail(where, f"'{key}' must be a number")
            return None

    def choice(self, value: object, options: tuple[str, ...], where: str, what: str) -> str:
        if value not in options:
            self.fail(where, f"{what} must be one of {', '.join(options)}, not {value!r}")
            return options[0]
        return str(value)

    def keys(self, value: object, where: str) -> tuple[str, ...]:
        items = self.seq(value, where)
        if not all(isinstance(i, str) for i in items):
            self.fail(where, "must be a list of keys")
            return ()
        return tuple(items)


def _figure(r: _Reader, raw: object, where: str, *, measure: str = "gmed_mvic") -> FigureData:
    d = r.mapping(raw, where)
    measure = r.choice(d.get("measure", measure), MEASURES, where, "measure")
    return FigureData(
        source=r.text(d, "source", where),
        verification=r.choice(d.get("verification"), VERIFICATIONS, where, "verification"),
        measure=measure,
        value=r.number(d, "value", where),
        value_high=r.number(d, "value_high", where),
        sd=r.number(d, "sd", where),
        text=r.text(d, "text", where, required=False),
        note=r.text(d, "note", where, required=False),
    )


def _exercise(r: _Reader, raw: object, index: int) -> ExerciseData:
    d = r.mapping(raw, f"exercises[{index}]")
    key = d.get("key") if isinstance(d.get("key"), str) else "?"
    where = f"exercises[{index}] ({key})"
    level = r.integer(d, "level", where)
    if not 1 <= level <= 6:
        r.fail(where, f"level must be 1 to 6, not {level}")
    gmed = d.get("gmed_mvic")
    return ExerciseData(
        key=r.text(d, "key", where),
        slug=d.get("slug") or str(key).replace("_", "-"),
        name=r.text(d, "name", where),
        level=level,
        unit=r.choice(d.get("unit", "reps"), UNITS, where, "unit"),
        per_side=bool(d.get("per_side", True)),
        description=r.text(d, "description", where),
        muscles=r.keys(d.get("muscles"), f"{where} muscles"),
        equipment=r.keys(d.get("equipment"), f"{where} equipment"),
        optional_equipment=r.keys(d.get("optional_equipment"), f"{where} optional_equipment"),
        cues=r.keys(d.get("cues"), f"{where} cues"),
        gmed=None if gmed is None else _figure(r, gmed, f"{where} gmed_mvic"),
        evidence=tuple(
            _figure(r, f, f"{where} evidence[{i}]")
            for i, f in enumerate(r.seq(d.get("evidence"), f"{where} evidence"))
        ),
        evidence_note=r.text(d, "evidence_note", where, required=False),
        clinical_note=r.text(d, "clinical_note", where, required=False),
        sources=r.keys(d.get("sources"), f"{where} sources"),
        progressions=r.keys(d.get("progressions"), f"{where} progressions"),
    )


def _requires(r: _Reader, raw: object, where: str) -> tuple[PrerequisiteSpec, ...]:
    out = []
    for i, item in enumerate(r.seq(raw, f"{where} requires")):
        if isinstance(item, str):
            out.append(PrerequisiteSpec(item))
            continue
        d = r.mapping(item, f"{where} requires[{i}]")
        kind = r.choice(d.get("kind", "completed"), ("reached", "completed"), where, "kind")
        sessions = r.integer(d, "sessions", where, default=1)  # engine COMPLETED_SESSIONS
        out.append(PrerequisiteSpec(r.text(d, "rung", where), kind, sessions))
    return tuple(out)


def _load_fields(r: _Reader, raw: object, where: str) -> dict[str, Any]:
    if raw in (None, "bodyweight"):
        return {"load_kind": "bodyweight"}
    d = r.mapping(raw, f"{where} load")
    kind = r.choice(d.get("kind"), ("bodyweight", "band", "kg"), where, "load kind")
    if kind == "band":
        return {
            "load_kind": kind,
            "band_lightest": r.choice(d.get("lightest", "light"), BANDS, where, "lightest band"),
            "band_heaviest": r.choice(d.get("heaviest", "heavy"), BANDS, where, "heaviest band"),
        }
    if kind == "kg":
        return {
            "load_kind": kind,
            "kg_start": r.number(d, "start", where) or Decimal(0),
            "kg_max": r.number(d, "max", where) or Decimal(0),
            "kg_increment": r.number(d, "increment", where) or Decimal("2.5"),
        }
    return {"load_kind": kind}


def _ladder(r: _Reader, raw: object, index: int) -> LadderData:
    d = r.mapping(raw, f"ladders[{index}]")
    where = f"ladders[{index}] ({d.get('key', '?')})"
    rungs = []
    for i, item in enumerate(r.seq(d.get("rungs"), f"{where} rungs")):
        rd = r.mapping(item, f"{where} rungs[{i}]")
        rwhere = f"{where} rung {rd.get('key', i)}"
        dose = r.mapping(rd.get("dose", {}), f"{rwhere} dose")
        spec_fields = {
            "key": r.text(rd, "key", rwhere),
            "position": r.integer(rd, "position", rwhere),
            "sets": r.integer(dose, "sets", rwhere, default=3),
            "low": r.integer(dose, "low", rwhere, default=10),
            "high": r.integer(dose, "high", rwhere, default=15),
            "increment": r.integer(dose, "increment", rwhere, default=2),
            "tempo": r.text(rd, "tempo", rwhere, required=False),
            "rest_seconds": r.integer(rd, "rest", rwhere, default=60),
            "prerequisites": _requires(r, rd.get("requires"), rwhere),
            **_load_fields(r, rd.get("load"), rwhere),
        }
        label = r.text(rd, "label", rwhere, required=False)
        rungs.append(RungData(spec_fields, r.text(rd, "exercise", rwhere), label))
    return LadderData(
        key=r.text(d, "key", where),
        position=r.integer(d, "position", where, default=index + 1),
        name=r.text(d, "name", where),
        description=r.text(d, "description", where, required=False),
        is_placed_by_screening=bool(d.get("placed_by_screening", True)),
        rungs=tuple(rungs),
    )


def _check_exercises(r: _Reader, data: LibraryData) -> set[str]:
    seen: dict[str, set[str]] = {"exercise": set(), "slug": set()}
    for e in data.exercises:
        for kind, value in (("exercise", e.key), ("slug", e.slug)):
            if value in seen[kind]:
                r.fail(f"exercise {e.key}", f"{kind} '{value}' is used twice")
            seen[kind].add(value)
    for e in data.exercises:
        where = f"exercise {e.key}"
        unknown = [
            *(f"muscle '{m}'" for m in e.muscles if m not in data.muscles),
            *(
                f"equipment '{q}'"
                for q in (*e.equipment, *e.optional_equipment)
                if q not in data.equipment
            ),
            *(
                f"source '{s}'"
                for s in (*e.sources, *(f.source for f in (e.gmed, *e.evidence) if f))
                if s not in data.sources
            ),
        ]
        for what in unknown:
            r.fail(where, f"unknown {what}")
        for p in e.progressions:
            if p not in seen["exercise"] or p == e.key:
                r.fail(where, f"progression '{p}' is not another exercise in the file")
    return seen["exercise"]


def _check_ladders(r: _Reader, data: LibraryData, exercises: set[str]) -> None:
    seen: set[str] = set()
    for ladder in data.ladders:
        if ladder.key in seen:
            r.fail(f"ladder {ladder.key}", "ladder key is used twice")
        seen.add(ladder.key)
        for rung in ladder.rungs:
            if rung.exercise not in exercises:
                key = rung.spec_fields["key"]
                r.fail(f"ladder {ladder.key} rung {key}", f"unknown exercise '{rung.exercise}'")


def library_data_parse(raw: object) -> LibraryData:
    problems: list[str] = []
    r = _Reader(problems)
    doc = r.mapping(raw, "file")
    sources = {}
    for key, value in r.mapping(doc.get("sources", {}), "sources").items():
        v = r.mapping(value, f"sources.{key}")
        sources[str(key)] = (r.text(v, "label", f"sources.{key}"), r.text(v, "citation", key))
    muscles = {str(k): str(v) for k, v in r.mapping(doc.get("muscles", {}), "muscles").items()}
    equipment = {
        str(k): str(v) for k, v in r.mapping(doc.get("equipment", {}), "equipment").items()
    }
    exercises = tuple(
        _exercise(r, e, i) for i, e in enumerate(r.seq(doc.get("exercises"), "exercises"))
    )
    ladders = tuple(_ladder(r, x, i) for i, x in enumerate(r.seq(doc.get("ladders"), "ladders")))
    data = LibraryData(sources, muscles, equipment, exercises, ladders)
    if not problems:
        _check_ladders(r, data, _check_exercises(r, data))
    if not problems:
        problems.extend(p.message for p in ladder_specs_check(data.rung_specs()))
    if problems:
        raise LibraryDataError(problems)
    return data


def library_data_read(path: Path = DATA_FILE) -> LibraryData:
    try:
        # The C loader (libyaml) is ten times faster; both only build plain Python types.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except OSError as exc:
        raise LibraryDataError([f"cannot read {path}: {exc.strerror}"]) from exc
    except yaml.YAMLError as exc:
        raise LibraryDataError([f"{path} is not valid YAML: {exc}"]) from exc
    return library_data_parse(raw)
