"""From screening findings to the highest exercise level a runner may start at.

Levels follow the exercise library: 1 non-weight-bearing activation, 2 non-weight-bearing strength
and supported balance, 3 bilateral or supported weight-bearing, 4 controlled single-leg strength,
5 loaded single-leg, 6 plyometric. Each finding caps the level; the lowest cap wins:

* poor single-leg squat (Crossley 2011) or step-down score >= 4 (Piva 2006): level 1. Poor
  frontal-plane control goes with weaker abductors and later glute-med onset, so loading starts
  where the pelvis is supported.
* positive Trendelenburg, or hip abduction >= 1 SD below the Ramskov 2014 norm: level 2
  (>= 2 SD below: level 1).
* fair squat, moderate step-down (2-3), side bridge or single-leg balance under 30 s: level 3.
* pain today 4/10 or more: level 1; 2-3/10: level 3 (pain-monitoring model: start well inside
  the "acceptable" zone, Silbernagel 2007).
* no movement test at all: level 2.

Screening never grants level 5 or 6: loaded single-leg and plyometric work is earned on the ladder.
A self-screen is capped at level 3 and, like a recent injury (3 months or less) and any left/right
gap over 15%, starts one level lower: with less certainty, the cautious start costs a runner a
week or two, while a start that is too hard risks a flare-up.

An experienced runner whose every recorded test was good then starts one level higher (see
`screening_experience`), never above the cap for the kind of screening or a pain cap.
"""

from __future__ import annotations

from dataclasses import dataclass

from .screening_experience import experience_words, good_test_words
from .screening_input import Rating, ScreeningInput, Sex, Side, Sided
from .screening_measures import asymmetry_flags, ramskov_z, step_down_grade

CLINIC_MAX_LEVEL = 4
SELF_SCREEN_MAX_LEVEL = 3
RECENT_INJURY_MONTHS = 3
MIN_HOLD_SECONDS = 30


@dataclass(frozen=True, slots=True)
class StartLevel:
    level: int
    limits: tuple[str, ...]  # the findings that set the level (the lowest caps)
    lowered_by: tuple[str, ...]  # reasons the level was taken one lower each
    findings: tuple[str, ...]  # every finding that capped anything, for the physio's summary
    # An experienced runner with good tests: "you have run for 6 years, with good single-leg
    # squats". `raised` says whether it lifted the level; when not, `held_by` says what capped it.
    experience: str | None = None
    raised: bool = False
    held_by: str | None = None


def _sides(sides: list[Side]) -> str:
    return "on both sides" if len(sides) == 2 else f"on the {sides[0]}"


def hip_z(screening: ScreeningInput) -> Sided[float] | None:
    strength = screening.hip_abduction_nm_kg
    if strength is None or screening.sex is Sex.NOT_STATED:
        return None  # the norm is sex-specific; without it there is no fair comparison
    is_male = screening.sex is Sex.MALE
    return Sided(
        ramskov_z(strength.left, screening.age, is_male),
        ramskov_z(strength.right, screening.age, is_male),
    )


def _movement_caps(s: ScreeningInput) -> list[tuple[int, str]]:
    caps: list[tuple[int, str]] = []
    if s.single_leg_squat is not None:
        for grade, level in ((Rating.POOR, 1), (Rating.FAIR, 3)):
            sides = [side for side in Side if s.single_leg_squat.get(side).grade is grade]
            if sides:
                caps.append((level, f"your single-leg squat was {grade} {_sides(sides)}"))
    if s.step_down is not None:
        for grade, level, word in ((Rating.POOR, 1, "poor"), (Rating.FAIR, 3, "moderate")):
            sides = [side for side in Side if step_down_grade(s.step_down.get(side)) is grade]
            if sides:
                worst = max(s.step_down.get(side) for side in sides)
                caps.append((level, f"your step-down scored {worst}/6 {_sides(sides)} ({word})"))
    if s.trendelenburg_positive is not None:
        sides = [side for side in Side if s.trendelenburg_positive.get(side)]
        if sides:
            caps.append((2, f"your pelvis dropped in the Trendelenburg test {_sides(sides)}"))
    return caps


def _strength_caps(s: ScreeningInput) -> list[tuple[int, str]]:
    caps: list[tuple[int, str]] = []
    z = hip_z(s)
    if z is not None:
        low = min(z.left, z.right)
        sides = [side for side in Side if z.get(side) <= -1]
        if sides:
            level = 1 if low <= -2 else 2
            caps.append(
                (
                    level,
                    f"your hip-abduction strength is below the usual range for your "
                    f"age {_sides(sides)} (z = {low:.1f})",
                )
            )
    for values, what in (
        (s.side_bridge_seconds, "your side bridge lasted"),
        (s.balance_seconds, "you balanced on one leg for"),
    ):
        if values is not None:
            sides = [side for side in Side if values.get(side) < MIN_HOLD_SECONDS]
            if sides:
                worst = min(values.get(side) for side in sides)
                caps.append((3, f"{what} under {MIN_HOLD_SECONDS} s {_sides(sides)} ({worst:g} s)"))
    return caps


def _pain_caps(s: ScreeningInput) -> list[tuple[int, str]]:
    if s.current_pain >= 4:
        return [(1, f"your pain today is {s.current_pain}/10")]
    if s.current_pain >= 2:
        return [(3, f"your pain today is {s.current_pain}/10")]
    return []


def start_level(s: ScreeningInput) -> StartLevel:
    untested: list[tuple[int, str]] = []
    if s.single_leg_squat is None and s.step_down is None:
        untested.append((2, "we have no single-leg squat or step-down result yet"))
    test_caps = _movement_caps(s) + _strength_caps(s)
    pain_caps = _pain_caps(s)
    caps = untested + test_caps + pain_caps
    ceiling = SELF_SCREEN_MAX_LEVEL if s.is_self_screen else CLINIC_MAX_LEVEL
    level = min([ceiling, *(c for c, _ in caps)])
    limits = tuple(text for c, text in caps if c == level)
    lowered: list[str] = []
    if s.is_self_screen:
        lowered.append("this was a self-screen")
    recent = [i for i in s.injuries if i.months_ago <= RECENT_INJURY_MONTHS]
    if recent:
        lowered.append(
            f"you had a {recent[0].area} injury in the last {RECENT_INJURY_MONTHS} months"
        )
    gaps = asymmetry_flags(s)
    if gaps:  # one level for any number of gaps: they describe one problem, a lopsided hip
        lowered.append(" and ".join(flag.sentence for flag in gaps))
    level = max(1, level - len(lowered))
    experience = experience_words(s)
    tests = good_test_words(s, any_test_capped=bool(test_caps), lopsided=bool(gaps))
    raised, held_by = False, None
    if experience is not None and tests is not None:
        experience = f"{experience}, with {tests}"
        # The lowest cap wins; on a tie, the pain is named (min keeps the first).
        top, why = min([*pain_caps, (ceiling, _ceiling_words(s))], key=lambda cap: cap[0])
        raised = level < top
        level = min(level + 1, top)
        held_by = None if raised else why
    return StartLevel(
        level=level,
        limits=limits,
        lowered_by=tuple(lowered),
        findings=tuple(text for _, text in caps),
        experience=experience if tests is not None else None,
        raised=raised,
        held_by=held_by,
    )


def _ceiling_words(s: ScreeningInput) -> str:
    if s.is_self_screen:
        return f"a self-screen starts no one above level {SELF_SCREEN_MAX_LEVEL}"
    return (
        f"a screening starts no one above level {CLINIC_MAX_LEVEL}: loaded single-leg and "
        "jumping work is earned on the ladders"
    )
