"""What a screening records: per-side test results, pain, history, red flags and bone stress.

Every test is optional (a self-screen at home has no dynamometer), so placement works from
whatever was recorded and is more cautious when less is known. Protocols and cut-points are in
the project's domain facts (section 3): Crossley 2011 for the single-leg squat, Piva 2006 for the
lateral step-down, McGill 1999 for the side bridge, Ramskov 2014 for hip-abduction strength, and
a best-of-three single-leg balance capped at 45 s.

Running history (years running, weekly distance, marathons finished) is optional too; the
bone-stress screen lists warning signs of a bone stress injury, which made up 20 of 52 major
overuse injuries in first-time marathoners (Toresdahl 2020; the signs are clinical convention,
domain facts section 7).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import EngineInputError, require_int, require_number

BALANCE_MAX_SECONDS = 45
MAX_YEARS_RUNNING = 80
MAX_WEEKLY_KM = 300
MAX_MARATHONS = 500


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Rating(StrEnum):
    GOOD = "good"
    FAIR = "fair"  # "moderate" on the step-down scale
    POOR = "poor"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NOT_STATED = "not_stated"


class RedFlag(StrEnum):
    """Answers that need a clinician before any exercise programme (serious-pathology screen)."""

    NIGHT_PAIN = "night_pain"
    WEIGHT_LOSS = "unexplained_weight_loss"
    NUMBNESS = "numbness_or_pins_and_needles"
    AFTER_FALL = "pain_after_fall_or_impact"
    FEVER = "fever_or_feeling_unwell"
    BLADDER_BOWEL = "bladder_or_bowel_change"


RED_FLAG_WORDS = {
    RedFlag.NIGHT_PAIN: "pain at night",
    RedFlag.WEIGHT_LOSS: "weight loss you can't explain",
    RedFlag.NUMBNESS: "numbness or pins and needles",
    RedFlag.AFTER_FALL: "pain that started after a fall or impact",
    RedFlag.FEVER: "a fever or feeling generally unwell",
    RedFlag.BLADDER_BOWEL: "a change in bladder or bowel control",
}


class BoneStressSign(StrEnum):
    """Warning signs of a bone stress injury: any one needs a physio before any programme."""

    FOCAL_BONY_PAIN = "focal_bony_pain"
    PAIN_ON_HOPPING = "pain_on_hopping"
    GROIN_PAIN_RUNNING = "groin_pain_with_running"
    UNDER_FUELLING = "under_fuelling"
    MISSED_PERIODS = "missed_periods"


BONE_STRESS_WORDS = {
    BoneStressSign.FOCAL_BONY_PAIN: "pain you can point to on a bone, tender to press",
    BoneStressSign.PAIN_ON_HOPPING: "pain when you hop on one leg",
    BoneStressSign.GROIN_PAIN_RUNNING: "pain in the groin or front of the hip when you run",
    BoneStressSign.UNDER_FUELLING: "eating less than your training needs, or often feeling drained",
    BoneStressSign.MISSED_PERIODS: "periods that have stopped or become irregular while training",
}
ENERGY_SIGNS = frozenset({BoneStressSign.UNDER_FUELLING, BoneStressSign.MISSED_PERIODS})


@dataclass(frozen=True, slots=True)
class Sided[T]:
    left: T
    right: T

    def get(self, side: Side) -> T:
        return self.left if side is Side.LEFT else self.right


@dataclass(frozen=True, slots=True)
class SingleLegSquat:
    """Crossley's five criteria over five consecutive reps, each good / fair / poor."""

    overall: Rating
    trunk: Rating
    pelvis: Rating
    hip: Rating
    knee: Rating

    def __post_init__(self) -> None:
        if not all(isinstance(r, Rating) for r in self._ratings()):
            raise EngineInputError("each single-leg squat criterion must be good, fair or poor")

    def _ratings(self) -> tuple[Rating, ...]:
        return (self.overall, self.trunk, self.pelvis, self.hip, self.knee)

    @property
    def grade(self) -> Rating:
        """The worst criterion: one poor item is a poor squat, as a cautious summary."""
        ratings = self._ratings()
        if Rating.POOR in ratings:
            return Rating.POOR
        return Rating.FAIR if Rating.FAIR in ratings else Rating.GOOD


@dataclass(frozen=True, slots=True)
class Injury:
    area: str
    months_ago: int

    def __post_init__(self) -> None:
        require_int("months since the injury", self.months_ago, low=0, high=1200)


@dataclass(frozen=True, slots=True)
class ScreeningInput:
    age: int
    sex: Sex
    current_pain: int  # 0-10 today; also the runner's starting morning-pain baseline
    is_self_screen: bool = False
    red_flags: frozenset[RedFlag] = frozenset()
    injuries: tuple[Injury, ...] = ()
    single_leg_squat: Sided[SingleLegSquat] | None = None
    step_down: Sided[int] | None = None  # Piva score 0-6 per side
    trendelenburg_positive: Sided[bool] | None = None
    side_bridge_seconds: Sided[float] | None = None
    hip_abduction_nm_kg: Sided[float] | None = None
    balance_seconds: Sided[float] | None = None
    years_running: int | None = None
    weekly_km: int | None = None
    marathons_finished: int | None = None
    bone_stress: frozenset[BoneStressSign] = frozenset()
    # A physio screening in clinic may start a programme despite pain >= 5 at rest, by choice.
    start_despite_pain: bool = False
    screened_by: str = ""  # the physio's name, for the reasons the runner reads

    def __post_init__(self) -> None:
        require_int("age", self.age, low=12, high=100)
        require_int("current pain", self.current_pain, low=0, high=10)
        self._check_history()
        if not all(isinstance(f, BoneStressSign) for f in self.bone_stress):
            raise EngineInputError("bone-stress signs must be BoneStressSign values")
        if self.start_despite_pain and self.is_self_screen:
            raise EngineInputError("only a physio can start a programme despite pain")
        if not isinstance(self.sex, Sex):
            raise EngineInputError(f"sex must be one of {', '.join(Sex)}")
        if not all(isinstance(f, RedFlag) for f in self.red_flags):
            raise EngineInputError("red flags must be RedFlag values")
        for side in Side:
            if self.step_down is not None:
                require_int(f"{side} step-down score", self.step_down.get(side), low=0, high=6)
            if self.side_bridge_seconds is not None:
                value = self.side_bridge_seconds.get(side)
                require_number(f"{side} side-bridge time", value, low=0, high=600)
            if self.hip_abduction_nm_kg is not None:
                value = self.hip_abduction_nm_kg.get(side)
                require_number(f"{side} hip-abduction strength", value, low=0.01, high=5)
            if self.balance_seconds is not None:
                value = self.balance_seconds.get(side)
                require_number(f"{side} balance time", value, low=0, high=BALANCE_MAX_SECONDS)

    def _check_history(self) -> None:
        if self.years_running is not None:
            require_int("years running", self.years_running, low=0, high=MAX_YEARS_RUNNING)
            if self.years_running > self.age:
                raise EngineInputError(
                    f"years running must be no more than your age ({self.age}), "
                    f"got {self.years_running}"
                )
        if self.weekly_km is not None:
            require_int("weekly running distance", self.weekly_km, low=0, high=MAX_WEEKLY_KM)
        if self.marathons_finished is not None:
            require_int("marathons finished", self.marathons_finished, low=0, high=MAX_MARATHONS)
