"""Server-rendered SVG pictures of a plan: weekly volume with phases shaded, the long-run
progression, and a month calendar. No Django: data in, SVG text out (all text escaped).

Each picture has a <title> and <desc> (read by screen readers through aria-labelledby) and
the pages put a table or list next to it with the same numbers. Colours come from classes
in planner.css (the CSP forbids style attributes), so print can switch to ink-friendly ones.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from html import escape
from math import ceil

PHASE_LABELS = {"base": "Base", "build": "Build", "peak": "Peak", "taper": "Taper"}


@dataclass(frozen=True, slots=True)
class WeekBar:
    number: int
    phase: str
    planned_km: float
    long_km: float
    actual_km: float | None = None
    is_step_back: bool = False
    is_current: bool = False


def _nice_step(top: float) -> int:
    for step in (5, 10, 20, 25, 50):
        if top / step <= 6:
            return step
    return 100


def _open(uid: str, title: str, desc: str, *, size: tuple[int, int], css: str) -> list[str]:
    width, height = size
    return [
        f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(desc)}</desc>',
    ]


@dataclass(frozen=True)
class _Frame:
    width: int = 720
    height: int = 340
    left: int = 64
    right: int = 16
    top: int = 40
    bottom: int = 56

    @property
    def plot_w(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> float:
        return self.height - self.top - self.bottom


def _axes(frame: _Frame, top_value: float, weeks: list[WeekBar], y_label: str) -> list[str]:
    step = _nice_step(top_value)
    parts = []
    value = 0
    while value <= top_value + 1e-9:
        y = frame.top + frame.plot_h * (1 - value / top_value)
        parts.append(
            f'<line class="chart-grid" x1="{frame.left}" y1="{y:.1f}" '
            f'x2="{frame.width - frame.right}" y2="{y:.1f}"/>'
            f'<text class="chart-tick" x="{frame.left - 8}" y="{y + 6:.1f}" '
            f'text-anchor="end">{value}</text>'
        )
        value += step
    slot = frame.plot_w / max(1, len(weeks))
    every = 1 if len(weeks) <= 16 else 2
    for i, week in enumerate(weeks):
        if i % every and i != len(weeks) - 1:
            continue
        x = frame.left + slot * (i + 0.5)
        parts.append(
            f'<text class="chart-tick" x="{x:.1f}" y="{frame.height - frame.bottom + 24}" '
            f'text-anchor="middle">{week.number}</text>'
        )
    mid_y = frame.top + frame.plot_h / 2
    parts.append(
        f'<text class="chart-axis-label" x="{frame.left + frame.plot_w / 2:.1f}" '
        f'y="{frame.height - 8}" text-anchor="middle">Week of the plan</text>'
        f'<text class="chart-axis-label" x="18" y="{mid_y:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 18 {mid_y:.1f})">{escape(y_label)}</text>'
    )
    return parts


def _phase_bands(frame: _Frame, weeks: list[WeekBar]) -> list[str]:
    slot = frame.plot_w / max(1, len(weeks))
    parts, start = [], 0
    for i in range(1, len(weeks) + 1):
        if i < len(weeks) and weeks[i].phase == weeks[start].phase:
            continue
        phase = weeks[start].phase
        x = frame.left + slot * start
        width = slot * (i - start)
        parts.append(
            f'<rect class="chart-phase chart-phase--{phase}" x="{x:.1f}" y="{frame.top}" '
            f'width="{width:.1f}" height="{frame.plot_h:.1f}"/>'
            f'<text class="chart-phase-label" x="{x + width / 2:.1f}" y="{frame.top - 12}" '
            f'text-anchor="middle">{PHASE_LABELS.get(phase, phase)}</text>'
        )
        start = i
    return parts


def volume_chart(weeks: list[WeekBar], *, uid: str = "volume") -> str:
    """Bars of planned km per week over shaded phases; a tick where actual km are known."""
    frame = _Frame()
    biggest = max([w.planned_km for w in weeks] + [w.actual_km or 0 for w in weeks] + [10])
    top_value = ceil(biggest / _nice_step(biggest)) * _nice_step(biggest)
    peak = max(weeks, key=lambda w: w.planned_km)
    desc = (
        f"{len(weeks)} weeks. Planned distance rises to {peak.planned_km:g} km in week "
        f"{peak.number}, with lighter step-back weeks, then falls through the taper."
    )
    size = (frame.width, frame.height)
    parts = _open(
        uid, "Weekly distance, planned and run (km)", desc, size=size, css="chart--volume"
    )
    parts += _phase_bands(frame, weeks)
    parts += _axes(frame, top_value, weeks, "Distance per week (km)")
    slot = frame.plot_w / max(1, len(weeks))
    for i, week in enumerate(weeks):
        height = frame.plot_h * week.planned_km / top_value
        x = frame.left + slot * i + slot * 0.18
        classes = "chart-bar" + (" chart-bar--step-back" if week.is_step_back else "")
        classes += " chart-bar--current" if week.is_current else ""
        parts.append(
            f'<rect class="{classes}" x="{x:.1f}" y="{frame.top + frame.plot_h - height:.1f}" '
            f'width="{slot * 0.64:.1f}" height="{height:.1f}"><title>Week {week.number}: '
            f"{week.planned_km:g} km planned</title></rect>"
        )
        if week.actual_km is not None:
            y = frame.top + frame.plot_h * (1 - week.actual_km / top_value)
            parts.append(
                f'<line class="chart-actual" x1="{x - 2:.1f}" y1="{y:.1f}" '
                f'x2="{x + slot * 0.64 + 2:.1f}" y2="{y:.1f}"><title>Week {week.number}: '
                f"{week.actual_km:g} km run</title></line>"
            )
    parts.append("</svg>")
    return "".join(parts)


def long_run_chart(weeks: list[WeekBar], *, race_km: float = 42.2, uid: str = "long") -> str:
    """The longest run of each week as a line, with the race distance as a reference line."""
    frame = _Frame()
    top_value = ceil(max(race_km, *(w.long_km for w in weeks)) / 10) * 10
    longest = max(weeks, key=lambda w: w.long_km)
    desc = (
        f"Long runs grow to {longest.long_km:g} km in week {longest.number}, step back every "
        f"few weeks, then shorten in the taper before the {race_km:g} km race."
    )
    size = (frame.width, frame.height)
    parts = _open(uid, "Long-run progression (km)", desc, size=size, css="chart--long")
    parts += _phase_bands(frame, weeks)
    parts += _axes(frame, top_value, weeks, "Long run (km)")
    race_y = frame.top + frame.plot_h * (1 - race_km / top_value)
    parts.append(
        f'<line class="chart-reference" x1="{frame.left}" y1="{race_y:.1f}" '
        f'x2="{frame.width - frame.right}" y2="{race_y:.1f}"/>'
        f'<text class="chart-reference-label" x="{frame.width - frame.right - 4}" '
        f'y="{race_y - 8:.1f}" text-anchor="end">Race {race_km:g} km</text>'
    )
    slot = frame.plot_w / max(1, len(weeks))
    points = [
        (frame.left + slot * (i + 0.5), frame.top + frame.plot_h * (1 - w.long_km / top_value), w)
        for i, w in enumerate(weeks)
        if w.long_km > 0
    ]
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(f'<polyline class="chart-line" points="{path}"/>')
    for x, y, w in points:
        parts.append(
            f'<circle class="chart-point" cx="{x:.1f}" cy="{y:.1f}" r="5"><title>Week '
            f"{w.number}: long run {w.long_km:g} km</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class DayItem:
    label: str  # short, for the grid: "Easy 6", "Strength" (distances in km)
    css: str  # easy, long, quality, race, strength
    status: str = "planned"
    text: str = ""  # in full, for the list beside the grid: "Easy run, 6 km"


def month_calendar(
    year: int, month: int, items: dict[date, list[DayItem]], *, today: date, uid: str = "month"
) -> str:
    """A month grid, Monday first, each day listing its runs and sessions."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    cell_w, cell_h, head = 140, 112, 40
    width, height = cell_w * 7, head + cell_h * len(weeks)
    count = sum(len(v) for d, v in items.items() if d.month == month)
    title = f"{calendar.month_name[month]} {year}"
    parts = _open(
        uid,
        f"Training calendar, {title}",
        f"{count} runs and strength sessions this month.",
        size=(width, height),
        css="chart--month",
    )
    for i, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        parts.append(
            f'<text class="month-head" x="{i * cell_w + cell_w / 2}" y="28" '
            f'text-anchor="middle">{name}</text>'
        )
    mark = {"done": "✓ ", "missed": "✗ "}
    for row, days in enumerate(weeks):
        for col, day in enumerate(days):
            x, y = col * cell_w, head + row * cell_h
            classes = "month-cell"
            classes += " month-cell--other" if day.month != month else ""
            classes += " month-cell--today" if day == today else ""
            parts.append(
                f'<rect class="{classes}" x="{x}" y="{y}" width="{cell_w}" height="{cell_h}"/>'
                f'<text class="month-day" x="{x + 8}" y="{y + 24}">{day.day}</text>'
            )
            for n, item in enumerate(items.get(day, [])[:3]):
                text = escape(mark.get(item.status, "") + item.label)
                parts.append(
                    f'<text class="month-item month-item--{item.css} month-item--{item.status}" '
                    f'x="{x + 8}" y="{y + 50 + n * 24}">{text}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)
