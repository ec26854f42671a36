"""What a runner does on one rung (the dose) and how it grows: double progression.

Double progression moves one thing at a time. Reps (or hold seconds) climb by a fixed increment
until every set reaches the top of the range; then the load goes up one step and the reps go back
to the bottom of the range. Changing a single variable per step keeps each change small enough for
the pain-monitoring model to judge its effect over 24 hours (Silbernagel et al. 2007, Am J Sports
Med 35:897; Goom et al. 2016, JOSPT 46:483 for the same symptom-led loading of tendons).

Stepping down is the exact mirror of stepping up, so the whole rung is one ordered list of doses:
    (low, step 0) < ... < (high, step 0) < (low, step 1) < ... < (high, top step)
Below the bottom reps of a load step comes the *top* reps of the previous load step. Dropping the
load is the bigger relief for an irritable tissue, and keeping the reps high there is what makes
"step up, then step down" return exactly the dose the runner had before, with no surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from .errors import EngineInputError, require_int, require_number

BAND_NAMES = ("none", "light", "medium", "heavy", "extra heavy")
MAX_SETS = 20
MAX_REPS_OR_SECONDS = 600
MAX_LOAD_STEPS = 200
TIMES = " \u00d7 "  # the multiplication sign, as printed on a programme


class LoadKind(StrEnum):
    BODYWEIGHT = "bodyweight"
    BAND = "band"
    KG = "kg"


class DoseUnit(StrEnum):
    REPS = "reps"
    SECONDS = "seconds"


@dataclass(frozen=True, slots=True)
class LoadScale:
    """The ordered load steps available on a rung; a dose stores only the step's index."""

    kind: LoadKind
    labels: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.labels:
            raise EngineInputError("a load scale needs at least one step")
        if len(self.labels) > MAX_LOAD_STEPS:
            raise EngineInputError(f"a load scale has at most {MAX_LOAD_STEPS} steps")

    @classmethod
    def bodyweight(cls) -> LoadScale:
        return cls(LoadKind.BODYWEIGHT, ("body weight",))

    @classmethod
    def band(cls, *, lightest: str = "none", heaviest: str = "extra heavy") -> LoadScale:
        """Resistance bands from `lightest` to `heaviest` (none ... extra heavy)."""
        if lightest not in BAND_NAMES or heaviest not in BAND_NAMES:
            raise EngineInputError(f"band names are {', '.join(BAND_NAMES)}")
        first, last = BAND_NAMES.index(lightest), BAND_NAMES.index(heaviest)
        if first > last:
            raise EngineInputError("the lightest band must come before the heaviest")
        names = BAND_NAMES[first : last + 1]
        return cls(LoadKind.BAND, tuple("no band" if n == "none" else f"{n} band" for n in names))

    @classmethod
    def kg(cls, *, max_kg: float, start_kg: float = 0.0, increment_kg: float = 2.5) -> LoadScale:
        """Weights from `start_kg` to `max_kg` in steps of `increment_kg` (0, 2.5 ... 20 kg)."""
        start = require_number("start_kg", start_kg, low=0, high=500)
        top = require_number("max_kg", max_kg, low=start, high=500)
        step = require_number("increment_kg", increment_kg, low=0.25, high=100)
        count = round((top - start) / step)
        if abs(start + count * step - top) > 1e-9:
            raise EngineInputError("max_kg must be start_kg plus a whole number of increments")
        kilos = [round(start + i * step, 3) for i in range(count + 1)]
        return cls(LoadKind.KG, tuple("no added weight" if k == 0 else f"{k:g} kg" for k in kilos))

    @property
    def max_step(self) -> int:
        return len(self.labels) - 1

    def label(self, step: int) -> str:
        if not 0 <= step <= self.max_step:
            raise EngineInputError(f"load step {step} is outside this scale (0-{self.max_step})")
        return self.labels[step]


@dataclass(frozen=True, slots=True)
class Dose:
    """Sets of `target` reps (or seconds) in the range [low, high] at one load step.

    `increment` is how far the target moves per step; the top of the range is always a stop even
    when the range is not a multiple of the increment (8-15 by 2 gives 8, 10, 12, 14, 15).
    """

    sets: int
    low: int
    high: int
    target: int
    load_step: int = 0
    unit: DoseUnit = DoseUnit.REPS
    increment: int = 2
    tempo: str = ""
    rest_seconds: int = 60

    def __post_init__(self) -> None:
        require_int("sets", self.sets, low=1, high=MAX_SETS)
        require_int("the bottom of the range", self.low, low=1, high=MAX_REPS_OR_SECONDS)
        require_int("the top of the range", self.high, low=self.low, high=MAX_REPS_OR_SECONDS)
        require_int("the target", self.target, low=self.low, high=self.high)
        require_int("the load step", self.load_step, low=0, high=MAX_LOAD_STEPS)
        require_int("the increment", self.increment, low=1, high=MAX_REPS_OR_SECONDS)
        require_int("the rest", self.rest_seconds, low=0, high=3600)
        if not isinstance(self.unit, DoseUnit):
            raise EngineInputError(f"the unit must be reps or seconds, got {self.unit!r}")

    @classmethod
    def reps(
        cls,
        *,
        sets: int,
        low: int,
        high: int,
        target: int | None = None,
        load_step: int = 0,
        increment: int = 2,
        tempo: str = "",
        rest_seconds: int = 60,
    ) -> Dose:
        return cls(
            sets,
            low,
            high,
            low if target is None else target,
            load_step,
            DoseUnit.REPS,
            increment,
            tempo,
            rest_seconds,
        )

    @classmethod
    def hold(
        cls,
        *,
        sets: int,
        low: int,
        high: int,
        target: int | None = None,
        load_step: int = 0,
        increment: int = 5,
        tempo: str = "",
        rest_seconds: int = 60,
    ) -> Dose:
        """Isometric holds: `low`/`high`/`target` are seconds."""
        return cls(
            sets,
            low,
            high,
            low if target is None else target,
            load_step,
            DoseUnit.SECONDS,
            increment,
            tempo,
            rest_seconds,
        )

    def stops(self) -> tuple[int, ...]:
        """Every target the reps/seconds pass through on the way from `low` to `high`."""
        return (*range(self.low, self.high, self.increment), self.high)


def _check_scale(dose: Dose, scale: LoadScale) -> None:
    if dose.load_step > scale.max_step:
        raise EngineInputError(
            f"load step {dose.load_step} is outside this scale (0-{scale.max_step})"
        )


def dose_step_up(dose: Dose, scale: LoadScale) -> Dose | None:
    """The next dose up, or None at the rung's top dose (top of the range at the top load step).

    A target between two stops (set by a physio) moves to the next stop above it.
    """
    _check_scale(dose, scale)
    if dose.target < dose.high:
        return replace(dose, target=next(s for s in dose.stops() if s > dose.target))
    if dose.load_step < scale.max_step:
        return replace(dose, load_step=dose.load_step + 1, target=dose.low)
    return None


def dose_big_step_up(dose: Dose, scale: LoadScale) -> Dose | None:
    """A bigger step for a runner who finds the dose easy (pain <= 2/10, good control, moderate
    effort): skip the remaining rep stops and go to the next load step, or, at the top load step,
    move two rep stops. Still one variable at a time (load up with reps back to the bottom of the
    range, or reps up at the same load), so the 24-hour response still judges a single change.
    None at the rung's top dose.
    """
    _check_scale(dose, scale)
    if dose.load_step < scale.max_step:
        return replace(dose, load_step=dose.load_step + 1, target=dose.low)
    if dose.target < dose.high:
        above = [s for s in dose.stops() if s > dose.target]
        return replace(dose, target=above[min(1, len(above) - 1)])
    return None


def dose_third_off(dose: Dose, scale: LoadScale) -> Dose | None:
    """About a third less: the reps (or seconds) cut by a third to a stop of the range, or, when
    the range has no room for that, one load step lighter at the same reps. None when neither is
    possible (bottom of the range, no load to take off)."""
    _check_scale(dose, scale)
    aim = (dose.target * 2) // 3
    lower = [s for s in dose.stops() if s <= aim]
    if lower:
        return replace(dose, target=max(lower))
    if dose.load_step > 0:
        return replace(dose, load_step=dose.load_step - 1)
    return None


def dose_step_down(dose: Dose, scale: LoadScale) -> Dose | None:
    """The next dose down, or None at the bottom dose (bottom of the range at load step 0)."""
    _check_scale(dose, scale)
    if dose.target > dose.low:
        return replace(dose, target=max(s for s in dose.stops() if s < dose.target))
    if dose.load_step > 0:
        return replace(dose, load_step=dose.load_step - 1, target=dose.high)
    return None


def is_top_dose(dose: Dose, scale: LoadScale) -> bool:
    _check_scale(dose, scale)
    return dose.target == dose.high and dose.load_step == scale.max_step


def is_bottom_dose(dose: Dose) -> bool:
    return dose.target == dose.low and dose.load_step == 0


def dose_top(dose: Dose, scale: LoadScale) -> Dose:
    """The same prescription at the top of its range and the top load step."""
    return replace(dose, target=dose.high, load_step=scale.max_step)


def dose_describe(dose: Dose, scale: LoadScale) -> str:
    """A runner-facing summary: '3 x 12 reps, medium band' or '4 x 30 s holds, body weight',
    written with a real multiplication sign."""
    if dose.unit is DoseUnit.REPS:
        amount = f"{dose.target} rep" if dose.target == 1 else f"{dose.target} reps"
    else:
        amount = f"{dose.target} s holds"
    text = f"{dose.sets}{TIMES}{amount}, {scale.label(dose.load_step)}"
    return f"{text}, tempo {dose.tempo}" if dose.tempo else text
