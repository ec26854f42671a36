"""SVG chart geometry: pure functions, so exact coordinates and properties."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from stridewell.training.charts import BOTTOM, HEIGHT, LEFT, TOP, WIDTH, pain_chart, step_chart

START = date(2026, 3, 2)  # a Monday
END = START + timedelta(days=28)
RUNGS = ["Clam", "Banded bridge", "Banded squat"]


def test_the_step_line_moves_across_then_up_at_each_change():
    chart = step_chart(
        title="Hip",
        rung_names=RUNGS,
        changes=[(START, 1.0, "start"), (START + timedelta(days=14), 2.0, "up")],
        start=START,
        end=END,
    )
    # Rungs 1 and 2 share the 152 px plot (rung 1 at the bottom, 164; rung 2 halfway, 88);
    # x runs from 36 px over 316 px for 28 days.
    assert chart.path == "M36.0,164.0H194.0V88.0H352.0"
    assert [t.label for t in chart.axes.y_ticks] == ["1. Clam", "2. Banded bridge"]
    assert [t.label for t in chart.axes.x_ticks] == ["2 Mar", "16 Mar", "30 Mar"]
    assert [p.label for p in chart.points] == ["02 Mar: start", "16 Mar: up"]


def test_the_pain_chart_draws_the_3_and_5_limits():
    chart = pain_chart(
        title="Pain", during=[(START, 6)], morning=[(START, 1)], start=START, end=END
    )
    plot = HEIGHT - TOP - BOTTOM
    assert chart.safe_y == TOP + plot * 0.7
    assert chart.limit_y == TOP + plot * 0.5
    assert chart.during[0].y == TOP + plot * 0.4
    assert chart.during[0].label == "02 Mar: 6/10 during exercise"
    assert chart.morning[0].label == "02 Mar: 1/10 on waking"


@given(st.lists(st.tuples(st.integers(0, 120), st.integers(0, 10)), min_size=1, max_size=40))
def test_every_pain_point_lies_inside_the_plot(points):
    days = [(START + timedelta(days=d), p) for d, p in points]
    end = START + timedelta(days=max(d for d, _ in points) + 1)
    chart = pain_chart(title="Pain", during=days, morning=days, start=START, end=end)
    for p in (*chart.during, *chart.morning):
        assert LEFT <= p.x <= WIDTH
        assert TOP <= p.y <= HEIGHT - BOTTOM


@given(st.lists(st.floats(1, 12.99), min_size=1, max_size=30))
def test_the_step_line_stays_inside_the_plot_and_goes_forward_in_time(positions):
    changes = [(START + timedelta(days=i), pos, "") for i, pos in enumerate(positions)]
    chart = step_chart(
        title="t", rung_names=[], changes=changes, start=START, end=START + timedelta(days=40)
    )
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs)
    assert all(TOP <= p.y <= HEIGHT - BOTTOM for p in chart.points)
