"""Morning check-ins, the runner's baseline and the week-on-week symptom trend.

The pain-monitoring model (Silbernagel et al. 2007, Am J Sports Med 35:897) judges a load by its
24-hour response: pain and stiffness the next morning must be back to the runner's usual level, and
must not climb from one week to the next. This module keeps only what those two checks need:

* a `Baseline` (usual morning pain and stiffness). Pain starts from the screening's "pain today";
  stiffness is not asked at screening, so the first week of check-ins teaches it (one morning is
  too small a sample: a lucky 0/10 would make every ordinary 1/10 look like a reaction). When a
  week of check-ins closes, the usual level becomes the average of the last two closed weeks,
  rounded up, but never above where the runner started (or 1/10, if that is higher). So it follows
  recovery down, recovers from one unusually good week (a 0/1 wobble must not pin it at 0 for
  ever), and a flare can never lift it above the start; sustained rises are the trend rule's job.
* a rolling window of at most `WINDOW_WEEKS` weekly sums (Monday to Sunday), enough to see two
  rises in a row, so a decision never has to look back through a runner's whole history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from .errors import EngineInputError, require_int

WINDOW_WEEKS = 4  # three closed weeks (two rises) plus the week in progress
# A one-point change on a 0-10 rating is within day-to-day noise (the smallest change that
# matters to patients is about two points: Farrar et al. 2001, Pain 94:149). One point above
# baseline therefore blocks progress but does not regress; two or more is "worse than baseline".
# Set to 0 for the strict reading where any rise regresses and alerts the physio.
MORNING_NOISE_POINTS = 1
# Averages of a few mornings wobble too: a trend must rise twice in a row *and* by at least this
# much over the fortnight before it counts as "rising week on week".
TREND_MIN_RISE = 1
USUAL_LEVEL_AT_LEAST = 1  # the usual level may always follow the runner back up to 1/10
# The morning after a race or long run is expected to be a little sore: a rise of up to this
# many points holds (rule F3) instead of regressing; a larger rise is judged as usual.
LONG_RUN_ALLOWANCE = 2


# The optional answers of a check-in, in the order the runner is asked them. All default to
# False, so a check-in with pain and stiffness only means "nothing else to report".
CHECK_IN_ANSWERS = (
    "night_pain",
    "numbness",
    "swelling",
    "unwell",
    "emergency_signs",
    "urgent_signs",
    "long_run_yesterday",
)


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A morning check-in: pain and stiffness on waking, each 0 (none) to 10 (worst), and the
    optional answers (see `morning_flags` for what each one changes):

    * night_pain: pain that woke them or does not ease at rest; numbness: numbness or tingling
      in the leg or foot; swelling: new swelling around a joint or the calf (red flags);
    * unwell: feeling ill or feverish (no progress that day);
    * emergency_signs: new bladder or bowel trouble, numbness around the saddle area, sudden leg
      weakness, chest pain or sudden breathlessness (999 / A&E);
    * urgent_signs: a hot, swollen, tender calf, or a hot swollen joint (NHS 111 today);
    * long_run_yesterday: context, a race or long run the day before.
    """

    date: date
    pain: int
    stiffness: int
    night_pain: bool = False
    numbness: bool = False
    swelling: bool = False
    unwell: bool = False
    emergency_signs: bool = False
    urgent_signs: bool = False
    long_run_yesterday: bool = False

    def __post_init__(self) -> None:
        require_int("morning pain", self.pain, low=0, high=10)
        require_int("morning stiffness", self.stiffness, low=0, high=10)
        for name in CHECK_IN_ANSWERS:
            if not isinstance(getattr(self, name), bool):
                raise EngineInputError(f"{name.replace('_', ' ')} must be yes or no (a bool)")


@dataclass(frozen=True, slots=True)
class Baseline:
    """Usual morning pain and stiffness now, and where they started (their ceiling)."""

    pain: int
    stiffness: int | None = None  # None until the first week of check-ins teaches it
    start_pain: int | None = None  # None: the same as `pain`
    start_stiffness: int | None = None

    def __post_init__(self) -> None:
        require_int("baseline pain", self.pain, low=0, high=10)
        if self.stiffness is not None:
            require_int("baseline stiffness", self.stiffness, low=0, high=10)
        if self.start_pain is None:
            object.__setattr__(self, "start_pain", self.pain)
        if self.start_stiffness is None:
            object.__setattr__(self, "start_stiffness", self.stiffness)
        require_int("starting baseline pain", self.start_pain, low=0, high=10)
        if self.start_stiffness is not None:
            require_int("starting baseline stiffness", self.start_stiffness, low=0, high=10)


@dataclass(frozen=True, slots=True)
class WeekSymptoms:
    week_start: date  # a Monday
    pain_total: int
    stiffness_total: int
    count: int

    @property
    def pain_average(self) -> float:
        return self.pain_total / self.count

    @property
    def stiffness_average(self) -> float:
        return self.stiffness_total / self.count


class Morning(StrEnum):
    BACK_TO_BASELINE = "back_to_baseline"
    A_LITTLE_ABOVE = "a_little_above"  # within day-to-day noise: blocks progress, no regress
    WORSE = "worse"
    LEARNING = "learning"  # pain at baseline; the stiffness baseline is still being learnt
    # 1 to LONG_RUN_ALLOWANCE points above, the morning after a race or long run: no progress,
    # no regress (rule F3 in `morning_flags`).
    AFTER_LONG_RUN = "after_long_run"


@dataclass(frozen=True, slots=True)
class Trend:
    """Two week-on-week rises in a row in `measure` ("pain" or "stiffness")."""

    measure: str
    averages: tuple[float, float, float]
    last_week: date


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _ceil_average(total: int, count: int) -> int:
    return -(-total // count)


def _ceiling(start: int) -> int:
    # 1/10 sits in the model's "safe" zone: a runner who started at 0 may still have a usual 1.
    return max(start, USUAL_LEVEL_AT_LEAST)


def _follow(baseline: Baseline, closed: tuple[WeekSymptoms, ...]) -> Baseline:
    count = sum(w.count for w in closed)
    pain = _ceil_average(sum(w.pain_total for w in closed), count)
    start_pain = baseline.pain if baseline.start_pain is None else baseline.start_pain
    stiffness = _ceil_average(sum(w.stiffness_total for w in closed), count)
    if baseline.stiffness is None or baseline.start_stiffness is None:  # the first week closed
        return Baseline(min(pain, _ceiling(start_pain)), stiffness, start_pain, stiffness)
    return Baseline(
        min(pain, _ceiling(start_pain)),
        min(stiffness, _ceiling(baseline.start_stiffness)),
        start_pain,
        baseline.start_stiffness,
    )


def morning_excess(check_in: CheckIn, baseline: Baseline) -> int:
    """Points above the usual level: the larger of pain and (once learnt) stiffness."""
    excess = check_in.pain - baseline.pain
    if baseline.stiffness is not None:
        excess = max(excess, check_in.stiffness - baseline.stiffness)
    return excess


def fold_check_in(
    weeks: tuple[WeekSymptoms, ...], baseline: Baseline, check_in: CheckIn
) -> tuple[tuple[WeekSymptoms, ...], Baseline, Morning]:
    """Add a check-in to the window and judge it against the baseline.

    Returns the new window, the new baseline and how this morning compares with the baseline.
    """
    monday = monday_of(check_in.date)
    if weeks and weeks[-1].week_start == monday:
        last = weeks[-1]
        updated = replace(
            last,
            pain_total=last.pain_total + check_in.pain,
            stiffness_total=last.stiffness_total + check_in.stiffness,
            count=last.count + 1,
        )
        weeks = (*weeks[:-1], updated)
    else:
        if weeks:  # a week has closed: the usual level follows the last two closed weeks
            baseline = _follow(baseline, weeks[-2:])
        fresh = WeekSymptoms(monday, check_in.pain, check_in.stiffness, 1)
        weeks = (*weeks, fresh)[-WINDOW_WEEKS:]
    excess = morning_excess(check_in, baseline)
    if check_in.long_run_yesterday and 0 < excess <= LONG_RUN_ALLOWANCE:
        morning = Morning.AFTER_LONG_RUN
    elif excess > MORNING_NOISE_POINTS:
        morning = Morning.WORSE
    elif excess > 0:
        morning = Morning.A_LITTLE_ABOVE
    elif baseline.stiffness is None:
        morning = Morning.LEARNING
    else:
        morning = Morning.BACK_TO_BASELINE
    return weeks, baseline, morning


def rising_trend(
    weeks: tuple[WeekSymptoms, ...], today: date, acted_on: date | None
) -> Trend | None:
    """A rise in pain (or stiffness) two weeks running, over the last three *closed* weeks,
    of at least `TREND_MIN_RISE` points in all.

    Only consecutive calendar weeks count, and a trend is reported once: `acted_on` is the last
    closed week of the trend already acted upon.
    """
    closed = [w for w in weeks if w.week_start < monday_of(today)]
    if len(closed) < 3:
        return None
    a, b, c = closed[-3:]
    if acted_on is not None and c.week_start <= acted_on:
        return None
    if (b.week_start - a.week_start, c.week_start - b.week_start) != (timedelta(7), timedelta(7)):
        return None
    for measure in ("pain", "stiffness"):
        # Compare exact totals-over-counts with cross-multiplication: no float rounding.
        ta, tb, tc = (getattr(w, f"{measure}_total") for w in (a, b, c))
        rising = ta * b.count < tb * a.count and tb * c.count < tc * b.count
        if rising and tc * a.count - ta * c.count >= TREND_MIN_RISE * a.count * c.count:
            averages = (ta / a.count, tb / b.count, tc / c.count)
            return Trend(measure, averages, c.week_start)
    return None
