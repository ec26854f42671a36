"""The longest run in the 30 days before a given day, for the single-run spike rule."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date

WINDOW_DAYS = 30
SPIKE_LIMIT = 1.10  # Frandsen et al. 2025: more than 10% over the 30-day longest run


class LongestWindow:
    """Runs as (day, km); answers "longest run in the 30 days before `day`" quickly."""

    __slots__ = ("_days", "_km")

    def __init__(self, runs: list[tuple[date, float]] | None = None) -> None:
        pairs = sorted((d.toordinal(), km) for d, km in (runs or []) if km > 0)
        self._days = [d for d, _ in pairs]
        self._km = [km for _, km in pairs]

    def add(self, day: date, km: float) -> None:
        if km <= 0:
            return
        ordinal = day.toordinal()
        index = bisect_left(self._days, ordinal + 1)
        self._days.insert(index, ordinal)
        self._km.insert(index, km)

    def longest_before(self, day: date) -> float:
        """Longest distance run on days `day - 30` to `day - 1`; 0 when there was none."""
        end = day.toordinal()
        lo = bisect_left(self._days, end - WINDOW_DAYS)
        hi = bisect_left(self._days, end)
        return max(self._km[lo:hi], default=0.0)


def spike_cap(reference_km: float) -> float:
    """The longest run that is not a spike, rounded down to the half kilometre, or to the
    tenth when rounding to the half would stop short runs from growing at all."""
    limit = reference_km * SPIKE_LIMIT
    half = int(limit * 2) / 2
    if half > reference_km:
        return half
    return int(limit * 10 + 1e-9) / 10


__all__ = ["SPIKE_LIMIT", "WINDOW_DAYS", "LongestWindow", "spike_cap"]
