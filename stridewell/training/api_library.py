"""Public, read-only API for the exercise library and ladders (no authentication).

GET /api/training/exercises          filters: ladder, level, equipment, muscle
GET /api/training/exercises/{slug}
GET /api/training/ladders
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from stridewell.api.errors import ApiError
from stridewell.api.types import SingleLineText
from stridewell.training import engine
from stridewell.training.models.library import EvidenceFigure, Exercise, Ladder, Rung, Source
from stridewell.training.selectors_library import (
    exercise_get,
    exercise_ladder_positions,
    exercise_list,
    ladder_filter_choices,
    ladder_list,
    ladders_to_engine,
    live_rungs,
)

router = Router(tags=["training: library"])


class NamedOut(Schema):
    slug: str
    name: str


class ExerciseRefOut(Schema):
    slug: str
    name: str
    level: int


class SourceOut(Schema):
    key: str
    label: str
    citation: str


class FigureOut(Schema):
    measure: str
    value: Decimal | None = Field(None, description="%MVIC mean, or the bottom of a range.")
    value_high: Decimal | None = None
    sd: Decimal | None = None
    text: str = ""
    source: SourceOut
    verification: str = Field(
        description="V = seen in the study's text; S = secondary summary; M = unverified."
    )
    note: str = ""


class ExerciseOut(Schema):
    slug: str
    name: str
    level: int
    unit: str = Field(description="reps, seconds or metres")
    is_per_side: bool
    description: str
    muscles: list[NamedOut]
    equipment: list[NamedOut]
    optional_equipment: list[NamedOut]
    ladders: list[str] = Field(description="Keys of the ladders the exercise is on.")
    url: str


class LadderPlaceOut(Schema):
    ladder: str
    ladder_name: str
    rung: str
    step: int
    of: int


class ExerciseDetailOut(ExerciseOut):
    cues: list[str]
    gmed_mvic: FigureOut | None
    evidence: list[FigureOut]
    evidence_note: str
    clinical_note: str
    mvic_caveat: str
    progressions: list[ExerciseRefOut]
    regressions: list[ExerciseRefOut]
    places: list[LadderPlaceOut]


class RungDoseOut(Schema):
    sets: int
    low: int
    high: int
    increment: int
    unit: str
    tempo: str
    rest_seconds: int


class LoadOut(Schema):
    kind: str = Field(description="bodyweight, band or kg")
    steps: list[str] = Field(description="The load steps in order, lightest first.")


class PrerequisiteOut(Schema):
    rung: str
    kind: str = Field(description="reached, or completed (at full dose with good control)")
    min_good_sessions: int


class RungOut(Schema):
    key: str
    step: int
    name: str
    level: int
    exercise: NamedOut
    dose: RungDoseOut
    load: LoadOut
    prerequisites: list[PrerequisiteOut]


class LadderOut(Schema):
    key: str
    name: str
    description: str
    is_placed_by_screening: bool
    rungs: list[RungOut]


class ExerciseFilters(Schema):
    ladder: SingleLineText | None = Field(None, description="Ladder key")
    level: int | None = Field(None, ge=1, le=6)
    equipment: SingleLineText | None = Field(
        None, description="Equipment slug (needed or optional)"
    )
    muscle: SingleLineText | None = Field(None, description="Muscle slug")


MVIC_CAVEAT = (
    "%MVIC figures come from different studies with different test positions, electrodes and "
    "normalisation; compare exercises within one study, not across studies."
)


def _named(rows: Any) -> list[dict[str, str]]:
    return [{"slug": r.slug, "name": r.name} for r in rows]


def _source(source: Source) -> dict[str, str]:
    return {"key": source.key, "label": source.label, "citation": source.citation}


def _figure(f: EvidenceFigure) -> dict[str, Any]:
    return {
        "measure": f.measure,
        "value": f.value,
        "value_high": f.value_high,
        "sd": f.sd,
        "text": f.text,
        "source": _source(f.source),
        "verification": f.verification,
        "note": f.note,
    }


def _exercise(e: Exercise, ladders: list[str]) -> dict[str, Any]:
    return {
        "slug": e.slug,
        "name": e.name,
        "level": e.level,
        "unit": e.unit,
        "is_per_side": e.is_per_side,
        "description": e.description,
        "muscles": _named(e.muscles.all()),
        "equipment": _named(e.equipment.all()),
        "optional_equipment": _named(e.optional_equipment.all()),
        "ladders": ladders,
        "url": e.get_absolute_url(),
    }


@router.get("/exercises", response=list[ExerciseOut], summary="List exercises")
def exercises_list(request: HttpRequest, filters: Query[ExerciseFilters]) -> list[dict]:
    """Published exercises, optionally filtered. An unknown ladder, equipment or muscle is a
    422 naming the field, so a typo is not mistaken for "no exercises"."""
    given = filters.dict(exclude_none=True)
    if {"ladder", "equipment", "muscle"} & given.keys():
        choices = ladder_filter_choices()
        fields: dict[str, list[str]] = {
            name: [f"No {name} '{given[name]}'."]
            for name in ("ladder", "equipment", "muscle")
            if name in given and given[name] not in {k for k, _ in choices[name]}
        }
        if fields:
            raise ApiError(422, "invalid", "Some filters are not valid.", fields)
    return [
        _exercise(e, list(dict.fromkeys(r.ladder.key for r in live_rungs(e))))
        for e in exercise_list(**given)
    ]


@router.get(
    "/exercises/{slug}",
    response={200: ExerciseDetailOut},
    summary="One exercise",
    openapi_extra={"responses": {404: {"description": "No published exercise with this slug"}}},
)
def exercises_detail(request: HttpRequest, slug: SingleLineText) -> dict[str, Any]:
    try:
        e = exercise_get(slug=slug)
    except Exercise.DoesNotExist:
        raise ApiError(404, "not_found", f"No exercise with the slug '{slug}'.") from None
    places = exercise_ladder_positions(e)
    gmed = None
    if e.gmed_mvic is not None and e.gmed_source is not None:
        gmed = {
            "measure": "gmed_mvic",
            "value": e.gmed_mvic,
            "value_high": e.gmed_mvic_high,
            "sd": e.gmed_sd,
            "source": _source(e.gmed_source),
            "verification": e.gmed_verification,
            "note": e.gmed_note,
        }
    ref = [{"slug": x.slug, "name": x.name, "level": x.level} for x in e.progressions.all()]
    back = [{"slug": x.slug, "name": x.name, "level": x.level} for x in e.regressions.all()]
    return _exercise(e, list(dict.fromkeys(p.ladder.key for p in places))) | {
        "cues": list(e.cues),
        "gmed_mvic": gmed,
        "evidence": [_figure(f) for f in e.evidence.all()],
        "evidence_note": e.evidence_note,
        "clinical_note": e.clinical_note,
        "mvic_caveat": MVIC_CAVEAT,
        "progressions": ref,
        "regressions": back,
        "places": [
            {
                "ladder": p.ladder.key,
                "ladder_name": p.ladder.name,
                "rung": p.rung.key,
                "step": p.number,
                "of": p.total,
            }
            for p in places
        ],
    }


def _rung(rung: Rung, step: int, built: engine.Rung | None) -> dict[str, Any]:
    return {
        "key": rung.key,
        "step": step,
        "name": rung.display_name,
        "level": rung.exercise.level,
        "exercise": {"slug": rung.exercise.slug, "name": rung.exercise.name},
        "dose": {
            "sets": rung.sets,
            "low": rung.low,
            "high": rung.high,
            "increment": rung.increment,
            "unit": rung.exercise.unit,
            "tempo": rung.tempo,
            "rest_seconds": rung.rest_seconds,
        },
        "load": {"kind": rung.load_kind, "steps": list(built.scale.labels) if built else []},
        "prerequisites": [
            {"rung": p.requires.key, "kind": p.kind, "min_good_sessions": p.min_good_sessions}
            for p in rung.prerequisites.all()
        ],
    }


def _ladder(ladder: Ladder, built: engine.Ladder) -> dict[str, Any]:
    by_key = {r.key: r for r in built.ordered}
    return {
        "key": ladder.key,
        "name": ladder.name,
        "description": ladder.description,
        "is_placed_by_screening": ladder.is_placed_by_screening,
        "rungs": [
            _rung(r, i, by_key.get(r.key)) for i, r in enumerate(live_rungs(ladder), start=1)
        ],
    }


@router.get("/ladders", response=list[LadderOut], summary="List progression ladders")
def ladders_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Active ladders with their rungs in climbing order, doses, load steps and prerequisites."""
    ladders = ladder_list()
    built = ladders_to_engine(ladders)
    return [_ladder(ladder, built[ladder.key]) for ladder in ladders]
