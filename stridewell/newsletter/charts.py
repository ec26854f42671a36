"""Weekly list growth and its SVG bar chart. Pure Python: no Django imports.

Weeks start on Monday (London dates). Each week shows people who joined as a bar above the
zero line and people who left as a bar below it; the running total goes in the table that
accompanies the chart for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekPoint:
    week_start: date
    joined: int
    left: int
    # Subscribers at the end of the week.
    total: int

    @property
    def net(self) -> int:
        return self.joined - self.left


def growth_series(
    tallies: Iterable[tuple[date, int, int]], *, last_week: date, weeks: int
) -> list[WeekPoint]:
    """`weeks` points ending with the week of `last_week`, from (week, joined, left) counts.

    Counts from before the window still make up the starting total.
    """
    last = week_start(last_week)
    first = last - timedelta(weeks=weeks - 1)
    joined: dict[date, int] = {}
    left: dict[date, int] = {}
    total = 0
    for week, week_joined, week_left in tallies:
        if week < first:
            total += week_joined - week_left
        elif week <= last:
            joined[week] = joined.get(week, 0) + week_joined
            left[week] = left.get(week, 0) + week_left
    points = []
    for index in range(weeks):
        week = first + timedelta(weeks=index)
        total += joined.get(week, 0) - left.get(week, 0)
        points.append(
            WeekPoint(
                week_start=week, joined=joined.get(week, 0), left=left.get(week, 0), total=total
            )
        )
    return points


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class ChartGeometry:
    width: int
    height: int
    plot_left: float
    plot_right: float
    # Where the y-axis numbers end (right-aligned, just left of the plot).
    axis_label_x: float
    # Baseline of the week labels under the bars.
    x_label_y: float
    zero_y: float
    joined: list[Bar]
    left: list[Bar]
    ticks: list[Tick]
    # (x, text) under every other bar, counted back from the latest week, so labels never collide.
    x_labels: list[tuple[float, str]]


def _nice_ceiling(value: int) -> int:
    """1, 2, 5, 10, 20, 50… at or above `value` (0 stays 0)."""
    if value <= 0:
        return 0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def growth_chart(points: list[WeekPoint], *, width: int = 640, height: int = 240) -> ChartGeometry:
    margin_left, margin_right, margin_top, margin_bottom = 44.0, 8.0, 12.0, 28.0
    plot_width = width - margin_left - margin_right
    plot_height = height - margin_top - margin_bottom
    top = _nice_ceiling(max((p.joined for p in points), default=0)) or 1
    bottom = _nice_ceiling(max((p.left for p in points), default=0))
    scale = plot_height / (top + bottom)
    zero_y = margin_top + top * scale
    slot = plot_width / max(len(points), 1)
    bar_width = slot * 0.6
    joined, left, labels = [], [], []
    for index, point in enumerate(points):
        x = margin_left + index * slot + (slot - bar_width) / 2
        day = f"{point.week_start.day} {point.week_start:%b}"
        joined.append(
            Bar(
                x, zero_y - point.joined * scale, bar_width, point.joined * scale, point.joined, day
            )
        )
        left.append(Bar(x, zero_y, bar_width, point.left * scale, point.left, day))
        if (len(points) - 1 - index) % 2 == 0:  # every other week, always the latest
            labels.append((x + bar_width / 2, day))
    ticks = [Tick(margin_top, str(top)), Tick(zero_y, "0")]
    if bottom:
        ticks.append(Tick(margin_top + plot_height, f"−{bottom}"))
    return ChartGeometry(
        width=width,
        height=height,
        plot_left=margin_left,
        plot_right=width - margin_right,
        axis_label_x=margin_left - 6,
        x_label_y=height - 8,
        zero_y=zero_y,
        joined=joined,
        left=left,
        ticks=ticks,
        x_labels=labels,
    )
