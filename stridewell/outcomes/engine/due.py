"""When a runner should next answer a questionnaire: at screening, then every N weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .interpret import day_text
from .rules import OutcomeRule
from .spec import Schedule


@dataclass(frozen=True, slots=True)
class Due:
    is_due: bool
    rule: OutcomeRule
    due_on: date | None  # None while waiting for a screening
    reason: str


def questionnaire_due(
    *, schedule: Schedule, last_on: date | None, screened_on: date | None, today: date
) -> Due:
    """Due for the first time once the runner has been screened (or at once, when the
    questionnaire is not tied to screening); then `every_weeks` weeks after the last answer."""
    if last_on is None:
        if schedule.at_screening and screened_on is None:
            return Due(
                False,
                OutcomeRule.Q3_WAITING_FOR_SCREENING,
                None,
                "You'll be asked for your first answers when you are screened.",
            )
        return Due(
            True,
            OutcomeRule.Q1_BASELINE_DUE,
            screened_on if schedule.at_screening else today,
            "Your first answers are the starting point that later answers are compared with.",
        )
    due_on = last_on + timedelta(weeks=schedule.every_weeks)
    weeks = f"{schedule.every_weeks} week{'s' if schedule.every_weeks != 1 else ''}"
    last = day_text(last_on, against=today)
    if today >= due_on:
        return Due(
            True,
            OutcomeRule.Q2_FOLLOW_UP_DUE,
            due_on,
            f"It's {weeks} or more since your last answers ({last}).",
        )
    return Due(
        False,
        OutcomeRule.Q4_NOT_YET_DUE,
        due_on,
        f"Next due on {day_text(due_on, against=today)}, {weeks} after your last answers.",
    )
