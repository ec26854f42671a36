"""Server-rendered SVG charts: a runner's place on each ladder, and pain over time.

Pure Python: callers pass plain values, this returns geometry that the templates
(`training/runner/_chart_*.html`) draw, with a <title>, axis labels, units and a data table
beside each chart for screen readers. Rung and load changes are a step line (the runner stays
where they are until the next decision); pain is points, with the model's 3/10 and 5/10 limits
drawn as reference lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# Drawn at about the width of a phone screen, so 11 px text stays readable there.
WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 36
LABEL_MAX = 30


@dataclass(frozen=True)
class Tick:
    at: float  # pixel position along the axis
    label: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # for the point's <title>

    @property
    def box_x(self) -> float:  # top-left corner of an 8 px square marker
        return self.x - 4

    @property
    def box_y(self) -> float:
        return self.y - 4


@dataclass(frozen=True)
class Axes:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def _x_axis(start: date, end: date) -> tuple[float, tuple[Tick, ...]]:
    """Pixels per day, and a tick every week (Mondays) labelled with the date."""
    days = max((end - start).days, 1)
    per_day = (WIDTH - LEFT - RIGHT) / days
    first = start + timedelta(days=(7 - start.weekday()) % 7)
    ticks = []
    step = 14 if days <= 56 else 28
    day = first
    while day <= end:
        ticks.append(Tick(LEFT + (day - start).days * per_day, f"{day.day} {day:%b}"))
        day += timedelta(days=step)
    return per_day, tuple(ticks)


@dataclass(frozen=True)
class StepChart:
    title: str
    axes: Axes
    path: str  # SVG path data of the step line
    points: tuple[Point, ...]  # one per change
    y_label: str
    x_label: str


def step_chart(
    *,
    title: str,
    rung_names: Sequence[str],
    changes: Sequence[tuple[date, float, str]],
    start: date,
    end: date,
) -> StepChart:
    """`changes` are (day, ladder position, dose text) in date order; the position is the rung
    number (1 = first rung) plus the fraction of the way through that rung's doses."""
    per_day, x_ticks = _x_axis(start, end)
    lowest = min((int(p) for _, p, _ in changes), default=1)
    highest = max((int(p) for _, p, _ in changes), default=1)
    lo, hi = max(lowest, 1), max(highest + 1, lowest + 1)
    plot_h = HEIGHT - TOP - BOTTOM

    def y(position: float) -> float:
        return TOP + plot_h * (1 - (position - lo) / (hi - lo))

    def x(day: date) -> float:
        return LEFT + max((day - start).days, 0) * per_day

    y_ticks = tuple(
        Tick(y(n), f"{n}. {_short(rung_names[n - 1])}" if n - 1 < len(rung_names) else str(n))
        for n in range(lo, hi)
    )
    segments: list[str] = []
    points = []
    for i, (day, position, text) in enumerate(changes):
        px, py = x(day), y(position)
        if i == 0:
            segments.append(f"M{px:.1f},{py:.1f}")
        else:
            segments.append(f"H{px:.1f}V{py:.1f}")
        points.append(Point(px, py, f"{day:%d %b}: {text}"))
    if changes:
        segments.append(f"H{x(end):.1f}")
    axes = Axes(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, x_ticks, y_ticks)
    return StepChart(title, axes, "".join(segments), tuple(points), "Rung on the ladder", "Date")


@dataclass(frozen=True)
class PainChart:
    title: str
    axes: Axes
    during: tuple[Point, ...]
    morning: tuple[Point, ...]
    safe_y: float  # the 3/10 line
    limit_y: float  # the 5/10 line
    y_label: str
    x_label: str


def pain_chart(
    *,
    title: str,
    during: Sequence[tuple[date, int]],
    morning: Sequence[tuple[date, int]],
    start: date,
    end: date,
) -> PainChart:
    """Highest pain during each session, and pain on waking, both 0-10."""
    per_day, x_ticks = _x_axis(start, end)
    plot_h = HEIGHT - TOP - BOTTOM

    def y(pain: float) -> float:
        return TOP + plot_h * (1 - pain / 10)

    def x(day: date) -> float:
        return LEFT + max((day - start).days, 0) * per_day

    y_ticks = tuple(Tick(y(n), str(n)) for n in range(0, 11, 2))
    axes = Axes(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, x_ticks, y_ticks)
    return PainChart(
        title,
        axes,
        tuple(Point(x(d), y(p), f"{d:%d %b}: {p}/10 during exercise") for d, p in during),
        tuple(Point(x(d), y(p), f"{d:%d %b}: {p}/10 on waking") for d, p in morning),
        y(3),
        y(5),
        "Pain (0 none, 5 moderate, 10 worst)",
        "Date",
    )
