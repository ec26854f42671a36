"""Server-rendered SVG geometry for a questionnaire score over time. Pure Python.

The template (`outcomes/_chart.html`) draws it with a <title>, a <desc>, axis labels and units,
and a table of the same values for screen readers. The shaded band is the baseline score +/- the
MCID: a later point inside it is "about the same", on or beyond its edge a real change (the same
rule as `engine.change_interpret`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from stridewell.outcomes.engine import ScorePoint, points_text

WIDTH, HEIGHT = 360, 226
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 30, 40
TICK_STEPS = (1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 200, 250, 500, 1000)
DAY_STEPS = (7, 14, 28, 56, 91, 182, 364, 728)


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    label: str
    is_baseline: bool


@dataclass(frozen=True, slots=True)
class ScoreChart:
    title: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    band_top: float
    band_width: int
    band_height: float
    band_label: str
    band_label_y: float
    line: str  # SVG points of the polyline through the scores
    dots: tuple[Dot, ...]
    y_label: str
    x_label: str


def _y_step(span: int) -> int:
    return next((s for s in TICK_STEPS if span / s <= 5), TICK_STEPS[-1])


def _x_range(points: Sequence[ScorePoint]) -> tuple[date, date]:
    first, last = points[0].day, points[-1].day
    start = first - timedelta(days=4)
    return start, max(last, first + timedelta(weeks=4)) + timedelta(days=4)


def score_chart(
    *,
    title: str,
    points: Sequence[ScorePoint],
    low: int,
    high: int,
    mcid: float,
    higher_is_better: bool,
) -> ScoreChart | None:
    """Geometry for `points` (any order) on a `low`-`high` scale; None without points."""
    if not points:
        return None
    ordered = sorted(points, key=lambda p: p.day)
    start, end = _x_range(ordered)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    days = (end - start).days
    bottom = HEIGHT - BOTTOM

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - start).days / days, 1)

    def y(score: float) -> float:
        return round(TOP + plot_h * (1 - (score - low) / (high - low)), 1)

    step = _y_step(high - low)
    first_tick = low + (-low % step)
    y_ticks = tuple(Tick(y(v), str(v)) for v in range(first_tick, high + 1, step))
    day_step = next((s for s in DAY_STEPS if days / s <= 4), DAY_STEPS[-1])
    show_year = ordered[0].day.year != end.year
    x_ticks = []
    day = ordered[0].day
    while day <= end:
        label = f"{day.day} {day:%b}" + (f" {day:%y}" if show_year else "")
        x_ticks.append(Tick(x(day), label))
        day += timedelta(days=day_step)
    base = ordered[0].score
    band_hi, band_lo = y(min(base + mcid, high)), y(max(base - mcid, low))
    dots = tuple(
        Dot(
            x(p.day),
            y(p.score),
            f"{p.day.day} {p.day:%b %Y}: {p.score} out of {high}" + (" (first)" if i == 0 else ""),
            i == 0,
        )
        for i, p in enumerate(ordered)
    )
    direction = "higher is better" if higher_is_better else "lower is better"
    return ScoreChart(
        title=title,
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=bottom,
        x_ticks=tuple(x_ticks),
        y_ticks=y_ticks,
        band_top=band_hi,
        band_width=WIDTH - RIGHT - LEFT,
        band_height=round(band_lo - band_hi, 1),
        band_label=f"first score ± {points_text(mcid)}: no real change",
        band_label_y=TOP - 12,
        line=" ".join(f"{d.x},{d.y}" for d in dots),
        dots=dots,
        y_label=f"Score ({low}–{high}, {direction})",
        x_label="Date answered",
    )
