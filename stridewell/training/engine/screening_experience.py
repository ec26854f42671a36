"""Running experience at screening: what counts, and how it is said back to the runner.

An experienced runner whose every recorded test was good starts one level higher than the
findings alone would set (rule S9 in `screening_rules`). Years of running build tissue tolerance
to repeated load, so the caution a self-screen or a recent injury adds (one level each) is less
needed when the tests agree; it never lifts a pain cap, the clinic's level-4 cap or a self-screen's
level-3 cap, and is not given when any test was fair or poor (that is the weakness the ladders are
for). The thresholds are a practice convention: about three years, 30 km a week (Higdon's novice
marathon plan expects about a year of running and 25-40 km a week before starting), or a marathon
finished.
"""

from __future__ import annotations

from .screening_input import Rating, ScreeningInput, Side
from .screening_measures import step_down_grade

EXPERIENCED_YEARS = 3
EXPERIENCED_WEEKLY_KM = 30
EXPERIENCED_MARATHONS = 1
GOOD_HOLD_SECONDS = 30  # the same 30 s below which a hold caps the start level


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def experience_words(s: ScreeningInput) -> str | None:
    """E.g. "you have run for 6 years, about 45 km a week"; None when not experienced."""
    parts: list[str] = []
    if s.years_running is not None and s.years_running >= EXPERIENCED_YEARS:
        parts.append(f"have run for {s.years_running} years")
    if s.weekly_km is not None and s.weekly_km >= EXPERIENCED_WEEKLY_KM:
        parts.append(
            f"about {s.weekly_km} km a week" if parts else f"run about {s.weekly_km} km a week"
        )
    text = ", ".join(parts)
    if s.marathons_finished is not None and s.marathons_finished >= EXPERIENCED_MARATHONS:
        n = s.marathons_finished
        done = "have finished a marathon" if n == 1 else f"have finished {n} marathons"
        text = f"{text} and {done}" if text else done
    return f"you {text}" if text else None


def good_test_words(s: ScreeningInput, *, any_test_capped: bool, lopsided: bool) -> str | None:
    """The good tests that back an experienced runner's higher start, or None.

    None when a recorded test capped the level or showed a left/right gap, or when there is no
    test of control to go on: a single-leg squat or step-down, or else both the side bridge and
    the single-leg balance (the tests a self-screen asks at home). Whether the screening was a
    self-screen does not change which tests count, so a self-screen never starts higher than the
    same results recorded in clinic.
    """
    if any_test_capped or lopsided:
        return None
    named: list[str] = []
    if s.single_leg_squat is not None and all(
        s.single_leg_squat.get(side).grade is Rating.GOOD for side in Side
    ):
        named.append("good single-leg squats")
    if s.step_down is not None and all(
        step_down_grade(s.step_down.get(side)) is Rating.GOOD for side in Side
    ):
        named.append("good step-downs")
    bridge, balance = s.side_bridge_seconds, s.balance_seconds
    if not named and bridge is not None and balance is not None:
        shortest_bridge, shortest_balance = (
            min(bridge.left, bridge.right),
            min(balance.left, balance.right),
        )
        if min(shortest_bridge, shortest_balance) >= GOOD_HOLD_SECONDS:
            named.append(
                f"side bridges of {shortest_bridge:g} s or more and {shortest_balance:g} s or "
                "more balancing on each leg"
            )
    return _and(named) if named else None
