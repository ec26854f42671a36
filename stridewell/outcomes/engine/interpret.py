"""What the latest score says against the first one, in words, using the questionnaire's MCID.

A change of at least the minimal clinically important difference (MCID) from the first
(baseline) score counts as a real change, better or worse depending on the questionnaire's
direction; anything smaller reads as "about the same". The chart draws the same rule as a band
of +/- MCID around the baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .rules import OutcomeRule
from .spec import Direction

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ScorePoint:
    day: date
    score: int


@dataclass(frozen=True, slots=True)
class Interpretation:
    rule: OutcomeRule
    baseline: ScorePoint
    latest: ScorePoint
    change: int  # latest - baseline, in points (signed)
    sentence: str

    @property
    def is_real_change(self) -> bool:
        return self.rule in (
            OutcomeRule.Q21_BETTER_BEYOND_MCID,
            OutcomeRule.Q22_WORSE_BEYOND_MCID,
        )


def points_text(value: float) -> str:
    number = str(int(value)) if float(value).is_integer() else f"{value:g}"
    return f"{number} point" if number == "1" else f"{number} points"


def day_text(day: date, *, against: date) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == against.year else f"{text} {day.year}"


def change_interpret(
    *,
    points: Sequence[ScorePoint],
    mcid: float,
    direction: Direction,
    high: int,
    is_provisional: bool = False,
    whose: str = "Your",
) -> Interpretation | None:
    """Compare the latest score with the first (both by date); None when there are no scores."""
    if not points:
        return None
    ordered = sorted(points, key=lambda p: p.day)
    baseline, latest = ordered[0], ordered[-1]
    change = latest.score - baseline.score
    out_of = f"out of {high}"
    if len(ordered) == 1:
        sentence = (
            f"{whose} first score is {baseline.score} {out_of} "
            f"({day_text(baseline.day, against=baseline.day)}). Later answers are compared "
            "with it."
        )
        return Interpretation(OutcomeRule.Q20_BASELINE_ONLY, baseline, latest, 0, sentence)
    since = day_text(baseline.day, against=latest.day)
    better = change > 0 if direction is Direction.HIGHER_IS_BETTER else change < 0
    size = abs(change)
    real = f"the {points_text(mcid)} that counts as a real change"
    if is_provisional:
        real += " (a provisional figure for this questionnaire)"
    went = f"It went from {baseline.score} to {latest.score} {out_of}."
    if size >= mcid:
        verb = "improved" if better else "worsened"
        rule = OutcomeRule.Q21_BETTER_BEYOND_MCID if better else OutcomeRule.Q22_WORSE_BEYOND_MCID
        compare = "more than" if size > mcid else "as much as"
        sentence = (
            f"{whose} score has {verb} by {points_text(size)} since {since}, {compare} {real}."
        )
    elif size == 0:
        rule = OutcomeRule.Q23_WITHIN_MCID
        sentence = f"{whose} score is the same as on {since}."
    else:
        rule = OutcomeRule.Q23_WITHIN_MCID
        sentence = (
            f"{whose} score has changed by {points_text(size)} since {since}, less than {real}, "
            "so it is about the same."
        )
    return Interpretation(rule, baseline, latest, change, f"{sentence} {went}")
