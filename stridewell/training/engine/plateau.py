"""A plateau worth a physio's review: no progress on an exercise for two weeks while the
morning-after reactions keep coming.

Holding is the pain-monitoring model working as meant (Silbernagel 2007: stay at a load while
the 24-hour response is not settled), but a hold that lasts a fortnight with the mornings still
above the usual level means the dose, the exercise or the diagnosis needs a human look. Nothing
changes for the runner; the physio gets one "review" alert per plateau.

The rule reads the stored decisions of one exercise (the audit trail), not the carried state: a
plateau is about a calendar window, not about one decision, and the decisions already hold the
rule that fired and the check-in it used. The service passes the date progress last happened
(or a physio last acted), and the decisions since, at most `PLATEAU_DAYS` of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import EngineInputError
from .state import Action, Rule

PLATEAU_DAYS = 14
PLATEAU_MIN_REACTIONS = 2  # mornings above the usual level within the window
# ... while training: a fortnight without sessions is not a plateau (missed sessions have
# their own alert).
PLATEAU_MIN_SESSIONS = 2
# Rules that are themselves a reaction the morning after: a morning a little above (H9) or
# worse (R2), a rising weekly trend (R3), a rise after a long run (F3), a high rest-day morning
# (C2).
REACTION_RULES = frozenset(
    {
        Rule.H9_MORNING_A_LITTLE_ABOVE,
        Rule.R2_NEXT_MORNING_WORSE,
        Rule.R3_WEEKLY_SYMPTOMS_RISING,
        Rule.F3_RISE_AFTER_LONG_RUN,
        Rule.C2_REST_DAY_MORNING_HIGH,
    }
)


@dataclass(frozen=True, slots=True)
class Mark:
    """One stored decision, as much of it as the plateau rule needs."""

    day: date
    action: Action
    rule: str
    morning_excess: int | None = None  # points above the usual level, when it used a check-in
    is_session: bool = False  # it judged a session (not a rest-day check-in or a physio's pin)

    @property
    def is_reaction(self) -> bool:
        return self.rule in REACTION_RULES or (self.morning_excess or 0) > 0


@dataclass(frozen=True, slots=True)
class Plateau:
    since: date  # the last progress (or the start, or a physio's last change)
    days: int
    sessions: int
    reaction_days: tuple[date, ...]


def plateau_find(marks: Iterable[Mark], *, since: date, today: date) -> Plateau | None:
    """A plateau when `today` is `PLATEAU_DAYS` or more after `since`, nothing progressed since,
    at least `PLATEAU_MIN_SESSIONS` sessions were judged and at least `PLATEAU_MIN_REACTIONS`
    distinct days showed a reaction in the last `PLATEAU_DAYS`. Older marks are ignored."""
    if today < since:
        raise EngineInputError("today cannot be before the last progress")
    start = today - timedelta(days=PLATEAU_DAYS)
    window = [m for m in marks if start < m.day <= today and m.day > since]
    if any(m.action is Action.PROGRESS for m in window):
        return None
    days = (today - since).days
    if days < PLATEAU_DAYS:
        return None
    sessions = sum(1 for m in window if m.is_session)
    reaction_days = tuple(sorted({m.day for m in window if m.is_reaction}))
    if sessions < PLATEAU_MIN_SESSIONS or len(reaction_days) < PLATEAU_MIN_REACTIONS:
        return None
    return Plateau(since, days, sessions, reaction_days)
