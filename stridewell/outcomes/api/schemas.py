"""Input and output shapes of the outcomes API, one per operation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from stridewell.outcomes import engine
from stridewell.outcomes.models import Questionnaire, Response
from stridewell.outcomes.selectors import Summary


class AnswerOptionOut(Schema):
    score: int
    text: str


class ItemOut(Schema):
    key: str
    text: str
    answers: list[AnswerOptionOut]


class ThresholdOut(Schema):
    points: float
    provisional: bool
    source: str


class QuestionnaireOut(Schema):
    key: str
    name: str
    version: str
    licence: str
    attribution: str
    instructions: str
    items: list[ItemOut]
    reverse_scored: list[str]
    missing_policy: str
    max_missing: int
    min_score: int
    max_score: int
    direction: str
    mcid: ThresholdOut
    mdc: ThresholdOut | None
    every_weeks: int
    at_screening: bool


class ResponseIn(Schema):
    questionnaire: str = Field(description="The questionnaire's key, from GET /questionnaires.")
    answers: dict[str, Any] = Field(
        max_length=200,
        description="Item key -> the chosen answer's score; null or left out = blank.",
    )


class ResponseOut(Schema):
    id: int
    questionnaire: str
    version: str
    date: dt.date
    score: int
    answered: int
    is_prorated: bool
    rule: str
    answers: dict[str, int | None]


class ResponseCreated(Schema):
    response: ResponseOut
    interpretation: str | None


class DueOut(Schema):
    is_due: bool
    due_on: dt.date | None
    rule: str
    reason: str


class PointOut(Schema):
    date: dt.date
    score: int


class InterpretationOut(Schema):
    rule: str
    change: int
    is_real_change: bool
    sentence: str


class ScoresOut(Schema):
    questionnaire: str
    name: str
    min_score: int
    max_score: int
    direction: str
    mcid: float
    due: DueOut | None
    scores: list[PointOut]
    interpretation: InterpretationOut | None


def _threshold(t: engine.Threshold | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"points": t.points, "provisional": t.is_provisional, "source": t.source}


def questionnaire_out(q: Questionnaire) -> dict[str, Any]:
    spec = q.spec
    return {
        "key": spec.key,
        "name": spec.name,
        "version": spec.version,
        "licence": spec.licence,
        "attribution": spec.attribution,
        "instructions": spec.instructions,
        "items": [
            {
                "key": i.key,
                "text": i.text,
                "answers": [{"score": o.score, "text": o.text} for o in i.options],
            }
            for i in spec.items
        ],
        "reverse_scored": sorted(spec.reverse),
        "missing_policy": spec.missing.value,
        "max_missing": spec.max_missing,
        "min_score": spec.low,
        "max_score": spec.high,
        "direction": spec.direction.value,
        "mcid": _threshold(spec.mcid),
        "mdc": _threshold(spec.mdc),
        "every_weeks": spec.schedule.every_weeks,
        "at_screening": spec.schedule.at_screening,
    }


def response_out(r: Response) -> dict[str, Any]:
    return {
        "id": r.pk,
        "questionnaire": r.questionnaire.key,
        "version": r.version,
        "date": r.date,
        "score": r.score,
        "answered": r.answered,
        "is_prorated": r.is_prorated,
        "rule": r.rule,
        "answers": r.answers,
    }


def scores_out(s: Summary) -> dict[str, Any]:
    spec = s.questionnaire.spec
    i = s.interpretation
    return {
        "questionnaire": spec.key,
        "name": spec.name,
        "min_score": spec.low,
        "max_score": spec.high,
        "direction": spec.direction.value,
        "mcid": spec.mcid.points,
        "due": None
        if s.due is None
        else {
            "is_due": s.due.is_due,
            "due_on": s.due.due_on,
            "rule": s.due.rule.value,
            "reason": s.due.reason,
        },
        "scores": [{"date": r.date, "score": r.score} for r in s.responses],
        "interpretation": None
        if i is None
        else {
            "rule": i.rule.value,
            "change": i.change,
            "is_real_change": i.is_real_change,
            "sentence": i.sentence,
        },
    }
