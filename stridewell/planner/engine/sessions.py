"""What each run is called, what to do in it, and roughly how long it takes.

Paces come from the goal time when there is one; otherwise the runner is guided by effort and
durations are estimated from a 6:00 min/km marathon pace (said so in the plan notes).
"""

from __future__ import annotations

from datetime import timedelta

from .model import MARATHON_KM, Phase, RunKind

DEFAULT_MARATHON_PACE = 360.0  # seconds per km when no goal is given
EASY_SLOWER = 60.0  # easy runs: about a minute per km slower than marathon pace
LONG_SLOWER = 45.0
QUALITY_SLOWER = 15.0  # average over a session, warm-up and cool-down included


def marathon_pace(goal: timedelta | None) -> float:
    if goal is None:
        return DEFAULT_MARATHON_PACE
    return goal.total_seconds() / MARATHON_KM


def pace_text(seconds_per_km: float) -> str:
    total = round(seconds_per_km)
    return f"{total // 60}:{total % 60:02d}"


def run_minutes(kind: RunKind, km: float, goal: timedelta | None) -> int:
    mp = marathon_pace(goal)
    slower = {
        RunKind.EASY: EASY_SLOWER,
        RunKind.LONG: LONG_SLOWER,
        RunKind.QUALITY: QUALITY_SLOWER,
        RunKind.RACE: 0.0,
    }[kind]
    return max(10, round(km * (mp + slower) / 60))


def _paced(goal: timedelta | None, slower: float) -> str:
    if goal is None:
        return ""
    return f" (about {pace_text(marathon_pace(goal) + slower)} min/km)"


def _mp(goal: timedelta | None) -> str:
    if goal is None:
        return "goal marathon effort (steady: you could hold it for hours)"
    return f"goal marathon pace ({pace_text(marathon_pace(goal))} min/km)"


def easy_text(*, is_step_back: bool, phase: Phase, goal: timedelta | None) -> tuple[str, str]:
    detail = f"Relaxed, conversational pace{_paced(goal, EASY_SLOWER)}: you could talk in full "
    detail += "sentences."
    if is_step_back:
        detail += " A lighter week: let the body absorb the last few weeks."
    elif phase is Phase.TAPER:
        detail += " Shorter than usual: the taper trims distance, not how often you run."
    return "Easy run", detail


def long_text(
    *, km: float, is_step_back: bool, phase: Phase, goal: timedelta | None
) -> tuple[str, str]:
    detail = f"Steady and comfortably slower than marathon pace{_paced(goal, LONG_SLOWER)}."
    if phase is Phase.PEAK and not is_step_back and km >= 24:
        detail += f" Run the last 5 km at {_mp(goal)}, then practise your race-day drinks."
    elif is_step_back:
        detail += " Shorter this week: a step-back week."
    elif phase is Phase.TAPER:
        detail += " Shorter than your peak runs: you are tapering."
    return "Long run", detail


def quality_text(  # noqa: PLR0911 - one return per workout reads best
    *, phase: Phase, index: int, week_in_phase: int, is_race_week: bool, goal: timedelta | None
) -> tuple[str, str]:
    """`index` is which quality session of the week (0 or 1); alternates the workouts."""
    if is_race_week:
        return "Race-pace tune-up", (
            f"Easy running with 3 x 1 km at {_mp(goal)}, 2 minutes' jog between. Short and "
            "sharp: finish feeling fresh."
        )
    if phase is Phase.TAPER:
        return "Sharpener", (
            f"Warm up, then 3 x 1.5 km at {_mp(goal)} with 2 minutes' jog between; cool down. "
            "Shorter than before, same effort: a taper cuts distance, not intensity."
        )
    if phase is Phase.BASE:
        reps = 6 + min(4, week_in_phase)
        return "Hill repeats", (
            f"Warm up 15 minutes easy, then {reps} x 60 seconds uphill at a hard but controlled "
            "effort, jogging back down. Cool down 10 minutes."
        )
    variant = (index + week_in_phase) % 2
    if phase is Phase.BUILD:
        if variant == 0:
            blocks = 2 + min(2, week_in_phase // 2)
            return "Tempo run", (
                f"Warm up 15 minutes, then {blocks} x 10 minutes at threshold effort "
                "(comfortably hard: a few words at a time) with 3 minutes' easy jog between. "
                "Cool down."
            )
        km = 5 + min(5, week_in_phase)
        return "Marathon-pace run", f"Warm up, then {km} km at {_mp(goal)}; cool down."
    if variant == 0:
        reps = 5 + min(2, week_in_phase)
        return "Intervals", (
            f"Warm up, then {reps} x 1 km at 10K effort with 2 minutes' jog between. Cool down."
        )
    km = 8 + min(6, 2 * week_in_phase)
    return "Marathon-pace run", f"Warm up, then {km} km at {_mp(goal)}; cool down."


def race_text(goal: timedelta | None) -> tuple[str, str]:
    if goal is None:
        plan = "Start more slowly than feels right and settle into a steady effort."
    else:
        plan = (
            f"Aim for about {pace_text(marathon_pace(goal))} min/km and hold back in the first "
            "10 km."
        )
    return "Race day", f"{plan} Use the drinks and gels you practised on your long runs."
