"""Coming back after a break: the longer the break, the bigger the ease-back.

Shared by `progression_before_session` (the runner opens their next session) and the in-session
gap check of `progression_after_session`, so both always agree. Strength and tissue tolerance fall
with time off; the running-coach convention for returning after a break is about half the volume
after 1-4 weeks and a rebuild in thirds after longer (Daniels 2014, facts.md section 7). Here:

  G1  2-3 weeks off     one dose step down
  G2  4-7 weeks off     about a third of the dose off (or one rung down when the dose has no room)
  G3  8+ weeks off      one rung down, a re-screen suggested (booking link), physio alerted
"""

from __future__ import annotations

from . import reasons
from .ladder import Ladder, Rung
from .outcome import Outcome, ease
from .state import ProgressionState, Rule
from .steps import rung_down, step_down, third_down

GAP_DAYS = 14
GAP_THIRD_DAYS = 28
GAP_RESCREEN_DAYS = 56


def gap_outcome(
    ladder: Ladder, rung: Rung, state: ProgressionState, days: int, *, now: bool = False
) -> Outcome | None:
    """The ease-back for a break of `days` days, or None below two weeks. `now` when it is
    decided as the runner opens the session it applies to (`progression_before_session`)."""
    if days >= GAP_RESCREEN_DAYS:
        return ease(
            ladder,
            rung,
            state,
            Rule.G3_RESCREEN_AFTER_8_WEEKS,
            resume=True,
            alert=True,
            move=rung_down,
            trigger=f"their {days // 7}-week break from this exercise (a re-screen is suggested)",
            text=lambda change: reasons.rescreen_after_gap(days, change),
        )
    if days >= GAP_THIRD_DAYS:
        return ease(
            ladder,
            rung,
            state,
            Rule.G2_RESUME_AFTER_4_WEEKS,
            resume=True,
            move=third_down,
            now=now,
            text=lambda change: reasons.resume_after_long_gap(days, change),
        )
    if days >= GAP_DAYS:
        return ease(
            ladder,
            rung,
            state,
            Rule.G1_RESUME_AFTER_GAP,
            resume=True,
            move=step_down,
            now=now,
            text=lambda change: reasons.resume_after_gap(days, change),
        )
    return None
