"""Outcome measures, pure Python (no Django): questionnaires as data, scoring, what a change
means against the MCID, and when the next answers are due."""

from .due import Due, questionnaire_due
from .interpret import Interpretation, ScorePoint, change_interpret, day_text, points_text
from .rules import OutcomeRule
from .scoring import ALL, AnswerError, Score, answers_check, answers_score
from .spec import (
    AnswerOption,
    Direction,
    Item,
    MissingPolicy,
    QuestionnaireSpec,
    Schedule,
    SpecError,
    Threshold,
    spec_dump,
    spec_read,
)

__all__ = [
    "ALL",
    "AnswerError",
    "AnswerOption",
    "Direction",
    "Due",
    "Interpretation",
    "Item",
    "MissingPolicy",
    "OutcomeRule",
    "QuestionnaireSpec",
    "Schedule",
    "Score",
    "ScorePoint",
    "SpecError",
    "Threshold",
    "answers_check",
    "answers_score",
    "change_interpret",
    "day_text",
    "points_text",
    "questionnaire_due",
    "spec_dump",
    "spec_read",
]
