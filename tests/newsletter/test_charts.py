"""Weekly growth series and the geometry of its bar chart (pure functions)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from stridewell.newsletter.charts import growth_chart, growth_series, week_start

MONDAY = date(2026, 3, 2)


def test_week_start_is_the_monday_of_that_week():
    assert week_start(date(2026, 3, 8)) == MONDAY  # a Sunday
    assert week_start(MONDAY) == MONDAY
    assert week_start(date(2026, 3, 9)) == date(2026, 3, 9)


def test_series_counts_earlier_weeks_into_the_starting_total():
    tallies = [
        (MONDAY - timedelta(weeks=10), 5, 1),  # before the window: total starts at 4
        (MONDAY - timedelta(weeks=1), 3, 0),
        (MONDAY, 2, 1),
    ]

    points = growth_series(tallies, last_week=MONDAY + timedelta(days=3), weeks=3)

    assert [(p.week_start, p.joined, p.left, p.total) for p in points] == [
        (MONDAY - timedelta(weeks=2), 0, 0, 4),
        (MONDAY - timedelta(weeks=1), 3, 0, 7),
        (MONDAY, 2, 1, 8),
    ]
    assert points[-1].net == 1


def test_weeks_after_the_window_are_ignored():
    points = growth_series([(MONDAY + timedelta(weeks=1), 9, 0)], last_week=MONDAY, weeks=2)

    assert [p.total for p in points] == [0, 0]


weekly = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 200), st.integers(0, 200)), max_size=30
)


@given(weekly, st.integers(1, 20))
def test_the_last_total_is_everything_joined_minus_everything_left(rows, weeks):
    tallies = [(MONDAY - timedelta(weeks=offset), j, left) for offset, j, left in rows]

    points = growth_series(tallies, last_week=MONDAY, weeks=weeks)

    assert len(points) == weeks
    assert points[-1].total == sum(j for _, j, _ in rows) - sum(left for _, _, left in rows)


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=26))
def test_bars_stay_inside_the_chart_and_scale_with_their_values(values):
    points = growth_series(
        [(MONDAY - timedelta(weeks=i), j, left) for i, (j, left) in enumerate(reversed(values))],
        last_week=MONDAY,
        weeks=len(values),
    )

    chart = growth_chart(points, width=640, height=240)

    for bar in chart.joined + chart.left:
        assert chart.plot_left <= bar.x
        assert bar.x + bar.width <= chart.plot_right + 1e-6
        assert bar.y >= 0
        assert bar.y + bar.height <= chart.height
    for bar in chart.joined:
        assert abs(bar.y + bar.height - chart.zero_y) < 1e-6
    tallest = max(chart.joined, key=lambda bar: bar.value)
    if tallest.value:
        for bar in chart.joined:
            assert abs(bar.height / tallest.height - bar.value / tallest.value) < 1e-6
    assert chart.x_labels[-1][1] == chart.joined[-1].label


def test_an_empty_chart_still_has_a_zero_line_and_a_top_tick():
    points = growth_series([], last_week=MONDAY, weeks=4)

    chart = growth_chart(points)

    assert [tick.label for tick in chart.ticks] == ["1", "0"]
    assert all(bar.height == 0 for bar in chart.joined + chart.left)
