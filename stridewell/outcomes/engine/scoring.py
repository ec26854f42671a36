"""Answers to a score: sum of item scores, reversed items flipped, blanks refused or prorated.

Prorating (only where the questionnaire allows it, up to `max_missing` blanks) scales the mean
of the answered items to the full item count and rounds half up, so a prorated score is a whole
number inside the questionnaire's range like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import floor
from typing import Any

from .rules import OutcomeRule
from .spec import MissingPolicy, QuestionnaireSpec

ALL = "__all__"


class AnswerError(Exception):
    """Answers that cannot be scored; `fields` maps an item key (or `__all__`) to messages."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__("; ".join(m for ms in fields.values() for m in ms))
        self.fields = fields


@dataclass(frozen=True, slots=True)
class Score:
    total: int
    answered: int
    missing: tuple[str, ...]  # item keys left blank
    rule: OutcomeRule

    @property
    def is_prorated(self) -> bool:
        return self.rule is OutcomeRule.Q11_SCORED_PRORATED


def _choices(scores: tuple[int, ...]) -> str:
    return ", ".join(str(s) for s in scores)


def answers_check(spec: QuestionnaireSpec, answers: Mapping[str, Any]) -> dict[str, int]:
    """The answers given (item key -> answer score), or `AnswerError` naming every problem."""
    fields: dict[str, list[str]] = {}
    given: dict[str, int] = {}
    for key, value in answers.items():
        item = spec.item(str(key))
        if item is None:
            fields.setdefault(str(key), []).append(
                f"There is no question '{key}' in this questionnaire."
            )
            continue
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value not in item.scores:
            fields.setdefault(item.key, []).append(
                f"Choose one of the answers ({_choices(item.scores)})."
            )
            continue
        given[item.key] = value
    missing = [i.key for i in spec.items if i.key not in given and i.key not in fields]
    allowed = spec.max_missing if spec.missing is MissingPolicy.PRORATE else 0
    if len(missing) > allowed:
        for key in missing:
            fields.setdefault(key, []).append("Choose an answer.")
        if allowed:
            summary = (
                f"Answer at least {len(spec.items) - allowed} of the {len(spec.items)} "
                f"questions: {len(missing)} are blank."
            )
        else:
            count = len(missing)
            summary = f"Answer every question: {count} {'is' if count == 1 else 'are'} blank."
        fields.setdefault(ALL, []).append(summary)
    if fields:
        raise AnswerError(fields)
    return given


def answers_score(spec: QuestionnaireSpec, answers: Mapping[str, Any]) -> Score:
    """Score `answers` (item key -> the chosen answer's score; None or absent = blank)."""
    given = answers_check(spec, answers)
    total = 0
    for item in spec.items:
        if item.key in given:
            raw = given[item.key]
            total += (item.low + item.high - raw) if item.key in spec.reverse else raw
    missing = tuple(i.key for i in spec.items if i.key not in given)
    if not missing:
        return Score(total, len(given), (), OutcomeRule.Q10_SCORED_ALL_ANSWERED)
    scaled = Fraction(total * len(spec.items), len(given))
    rounded = floor(scaled + Fraction(1, 2))
    return Score(rounded, len(given), missing, OutcomeRule.Q11_SCORED_PRORATED)
