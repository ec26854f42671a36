"""The outline of a plan: which phase each week is in, the lighter weeks, and the targets.

Sources for the numbers (see the project's facts file, section 5):
* taper of 2-3 weeks with volume cut by 41-60% and intensity kept: Bosquet et al. 2007
  (2 weeks best overall); Smyth & Lawlor 2021 (a strict 3-week taper helped recreational
  marathoners most), so plans with room for it (16+ weeks) taper for 3 weeks;
* a lighter "step-back" week every 3rd week (Higdon's novice plans) or every 4th week;
* no weekly 10% cap (Buist 2008 found it prevented nothing); single-run spikes are flagged
  instead (see `spikes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import Phase

LONG_TAPER_FROM_WEEKS = 16
STEP_BACK_VOLUME = 0.75
STEP_BACK_LONG = 0.75
PEAK_GROWTH = 1.6  # peak weekly volume up to 60% above the starting volume
PEAK_FLOOR_KM = 55.0  # ... or up to 55 km, which most first-marathon plans reach
PEAK_KM_PER_UP_WEEK = 3.0  # ... and never more than 3 km per building week on average
PEAK_WEEKLY_CAP = 160.0
LONG_RUN_CEILING = 32.0  # about 20 miles, the usual longest marathon training run
LONG_SHARE_OF_PEAK = 0.5
# Fractions of the peak week, one per taper week (the last one is race week, race excluded).
# The mean cut is 45% (3 weeks) and 50% (2 weeks), inside Bosquet's 41-60% band.
TAPER_VOLUME = {3: (0.70, 0.55, 0.40), 2: (0.60, 0.40)}
TAPER_LONG = {3: (0.70, 0.50), 2: (0.60,)}


@dataclass(frozen=True, slots=True)
class WeekShape:
    number: int
    start: date
    phase: Phase
    is_step_back: bool
    taper_index: int | None  # 0-based position inside the taper, None before it
    ramp_index: int | None  # 0-based position among base/build building weeks


def _round_half_up(value: float) -> int:
    return int(value + 0.5)


def taper_length(n_weeks: int) -> int:
    return min(n_weeks, 3 if n_weeks >= LONG_TAPER_FROM_WEEKS else 2)


def phase_split(n_weeks: int, *, allow_base: bool = True) -> list[Phase]:
    """Phase of each week, in order: base, build, peak, then the taper.

    A plan re-made after four or more weeks of training skips base: the runner has one.
    """
    taper = taper_length(n_weeks)
    before = n_weeks - taper
    if before <= 0:
        base = build = peak = 0
    elif before < 4:
        base, peak = 0, 1
        build = before - 1
    else:
        peak = max(1, _round_half_up(before * 0.2))
        build = max(1, _round_half_up(before * 0.35))
        base = before - peak - build
    if not allow_base:
        base, build = 0, base + build
    return [Phase.BASE] * base + [Phase.BUILD] * build + [Phase.PEAK] * peak + [Phase.TAPER] * taper


def step_back_cycle(current_weekly_km: float, chosen: int | None) -> int:
    """Every 3rd week for runners starting under 30 km a week, else every 4th."""
    if chosen in (3, 4):
        return chosen
    return 3 if current_weekly_km < 30 else 4


def shape_weeks(
    *,
    n_weeks: int,
    start: date,
    cycle: int,
    first_number: int = 1,
    since_step_back: int = 0,
    allow_base: bool = True,
) -> list[WeekShape]:
    """Week outlines. `since_step_back` continues the cycle when a plan is re-made mid-way.

    The last week before the taper is never a step-back: the taper that follows is lighter
    still, so a step-back there would only shorten the peak.
    """
    phases = phase_split(n_weeks, allow_base=allow_base)
    pre_taper = sum(1 for p in phases if p is not Phase.TAPER)
    shapes: list[WeekShape] = []
    counter = since_step_back
    ramp = 0
    for i, phase in enumerate(phases):
        is_step_back = False
        taper_index = None
        ramp_index = None
        if phase is Phase.TAPER:
            taper_index = i - pre_taper
        else:
            counter += 1
            if counter >= cycle and i < pre_taper - 1:
                is_step_back = True
                counter = 0
            elif phase is not Phase.PEAK:
                ramp_index = ramp
                ramp += 1
        shapes.append(
            WeekShape(
                number=first_number + i,
                start=start + timedelta(weeks=i),
                phase=phase,
                is_step_back=is_step_back,
                taper_index=taper_index,
                ramp_index=ramp_index,
            )
        )
    return shapes


@dataclass(frozen=True, slots=True)
class Targets:
    start_km: float
    peak_km: float
    start_long: float
    peak_long: float
    ramp_weeks: int

    def ramp_volume(self, index: int) -> float:
        step = (index + 1) / self.ramp_weeks if self.ramp_weeks else 1.0
        return self.start_km + (self.peak_km - self.start_km) * step

    def ramp_long(self, index: int) -> float:
        step = (index + 1) / self.ramp_weeks if self.ramp_weeks else 1.0
        return self.start_long + (self.peak_long - self.start_long) * step


def targets_for(shapes: list[WeekShape], *, weekly_km: float, longest_km: float) -> Targets:
    ramp_weeks = sum(1 for s in shapes if s.ramp_index is not None)
    up_weeks = sum(1 for s in shapes if s.phase is not Phase.TAPER and not s.is_step_back)
    peak_km = min(
        max(weekly_km * PEAK_GROWTH, PEAK_FLOOR_KM),
        weekly_km + PEAK_KM_PER_UP_WEEK * up_weeks,
        PEAK_WEEKLY_CAP,
    )
    peak_km = max(peak_km, weekly_km)
    # Never plan a long run beyond about 20 miles, whatever the runner has done before.
    peak_long = min(LONG_RUN_CEILING, max(peak_km * LONG_SHARE_OF_PEAK, longest_km))
    return Targets(
        start_km=weekly_km,
        peak_km=peak_km,
        start_long=min(longest_km, peak_long),
        peak_long=peak_long,
        ramp_weeks=ramp_weeks,
    )
