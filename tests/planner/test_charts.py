"""The SVG pictures: titled, described, axes labelled with units, phases shaded, text escaped.
Parsed as XML, so a broken picture fails here rather than in a browser."""

from __future__ import annotations

from datetime import date
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring

from stridewell.planner.charts import DayItem, WeekBar, long_run_chart, month_calendar, volume_chart

SVG = "{http://www.w3.org/2000/svg}"
WEEKS = [
    WeekBar(1, "base", 30.0, 14.0, actual_km=31.2),
    WeekBar(2, "base", 33.0, 15.5, is_current=True),
    WeekBar(3, "base", 25.0, 11.5, is_step_back=True),
    WeekBar(4, "build", 38.0, 17.0),
    WeekBar(5, "peak", 42.0, 19.0),
    WeekBar(6, "taper", 25.0, 13.0),
    WeekBar(7, "taper", 17.0, 0.0),
]


def parse(svg: str) -> Element:
    return fromstring(svg)


def texts(root, css: str) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if css in t.get("class", "").split()]


def test_the_volume_chart_has_a_title_description_axes_and_shaded_phases():
    root = parse(volume_chart(WEEKS))

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "volume-t volume-d"
    assert root.find(f"{SVG}title").text == "Weekly distance, planned and run (km)"
    assert root.find(f"{SVG}desc").text.startswith(
        "7 weeks. Planned distance rises to 42 km in week 5"
    )
    assert texts(root, "chart-phase-label") == ["Base", "Build", "Peak", "Taper"]
    assert texts(root, "chart-axis-label") == ["Week of the plan", "Distance per week (km)"]
    assert texts(root, "chart-tick")[:6] == ["0", "10", "20", "30", "40", "50"]
    bars = [r for r in root.iter(f"{SVG}rect") if "chart-bar" in r.get("class", "")]
    assert len(bars) == 7
    assert "chart-bar--step-back" in bars[2].get("class")
    assert "chart-bar--current" in bars[1].get("class")
    actual = [line for line in root.iter(f"{SVG}line") if line.get("class") == "chart-actual"]
    assert [a.find(f"{SVG}title").text for a in actual] == ["Week 1: 31.2 km run"]


def test_the_long_run_chart_draws_the_race_distance_and_skips_the_race_week_point():
    root = parse(long_run_chart(WEEKS))

    points = [c.find(f"{SVG}title").text for c in root.iter(f"{SVG}circle")]
    assert points[0] == "Week 1: long run 14 km"
    assert len(points) == 6
    assert texts(root, "chart-reference-label") == ["Race 42.2 km"]
    assert texts(root, "chart-axis-label") == ["Week of the plan", "Long run (km)"]


def test_the_month_calendar_starts_on_monday_marks_today_and_escapes_text():
    items = {
        date(2026, 10, 4): [DayItem("Race <42.2>", "race")],
        date(2026, 10, 1): [DayItem("Easy 6", "easy", "done"), DayItem("Strength", "strength")],
    }

    svg = month_calendar(2026, 10, items, today=date(2026, 10, 1))

    root = parse(svg)
    assert texts(root, "month-head") == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert "Race &lt;42.2&gt;" in svg
    assert "✓ Easy 6" in [t.text for t in root.iter(f"{SVG}text")]
    today = [r for r in root.iter(f"{SVG}rect") if "month-cell--today" in r.get("class", "")]
    assert len(today) == 1
    days = texts(root, "month-day")
    assert days[:3] == ["28", "29", "30"]  # September's tail: October 2026 starts on a Thursday
    assert root.find(f"{SVG}title").text == "Training calendar, October 2026"
