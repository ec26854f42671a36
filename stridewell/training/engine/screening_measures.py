"""Derived screening measures: strength against runner norms, step-down grade, left/right gaps."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import require_int, require_number
from .screening_input import Rating, ScreeningInput, Side, Sided

# Ramskov et al. 2014 (IJSPT 9:68), eccentric hip abduction in 831 novice runners (Nm/kg):
# expected = 1.600 - 0.005 * age + 0.215 * male, SD 0.354. The best runner-specific norm found;
# it is eccentric, so an isometric test reads against it only approximately.
RAMSKOV_INTERCEPT = 1.600
RAMSKOV_PER_YEAR = 0.005
RAMSKOV_MALE = 0.215
RAMSKOV_SD = 0.354

ASYMMETRY_LIMIT_PCT = 15
ASYMMETRY_TESTS = {
    "side_bridge": "side bridge",
    "hip_abduction": "hip-abduction strength",
    "balance": "single-leg balance",
}


def ramskov_expected(age: int, is_male: bool) -> float:
    require_int("age", age, low=12, high=100)
    return RAMSKOV_INTERCEPT - RAMSKOV_PER_YEAR * age + RAMSKOV_MALE * int(is_male)


def ramskov_z(nm_per_kg: float, age: int, is_male: bool) -> float:
    """How many standard deviations the runner sits from the norm for their age and sex."""
    value = require_number("hip-abduction strength", nm_per_kg, low=0, high=5)
    return (value - ramskov_expected(age, is_male)) / RAMSKOV_SD


def step_down_grade(score: int) -> Rating:
    """Piva 2006 lateral step-down: 0-1 good, 2-3 moderate (FAIR), 4-6 poor."""
    require_int("step-down score", score, low=0, high=6)
    if score <= 1:
        return Rating.GOOD
    return Rating.FAIR if score <= 3 else Rating.POOR


@dataclass(frozen=True, slots=True)
class AsymmetryFlag:
    test: str  # side_bridge, hip_abduction or balance
    weaker: Side
    difference_pct: float  # how far the weaker side falls short of the stronger, in %
    left: float
    right: float

    @property
    def sentence(self) -> str:
        name = ASYMMETRY_TESTS[self.test]
        return f"your {self.weaker} {name} is {self.difference_pct:.0f}% below your other side"


def asymmetry_pct(left: float, right: float) -> tuple[Side, Decimal]:
    """The weaker side and its shortfall relative to the stronger side, in exact decimal %.

    Decimal keeps the 15% boundary exact for values typed as decimals (85 vs 100 is 15%, not
    15.000000000000002%).
    """
    a, b = Decimal(repr(float(left))), Decimal(repr(float(right)))
    weaker, low, high = (Side.LEFT, a, b) if a < b else (Side.RIGHT, b, a)
    if high == 0:
        return weaker, Decimal(0)
    return weaker, (high - low) * 100 / high


def asymmetry_flags(screening: ScreeningInput) -> tuple[AsymmetryFlag, ...]:
    """Left/right differences over 15% in the measured tests (weaker side vs stronger side)."""
    measured: dict[str, Sided[float] | None] = {
        "side_bridge": screening.side_bridge_seconds,
        "hip_abduction": screening.hip_abduction_nm_kg,
        "balance": screening.balance_seconds,
    }
    flags = []
    for test, values in measured.items():
        if values is None:
            continue
        weaker, pct = asymmetry_pct(values.left, values.right)
        if pct > ASYMMETRY_LIMIT_PCT:
            flags.append(AsymmetryFlag(test, weaker, float(pct), values.left, values.right))
    return tuple(flags)
