"""The score chart's geometry: every point inside the plot, the band at baseline +/- MCID
(clipped to the scale), axis ticks labelled."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from stridewell.outcomes.charts import HEIGHT, score_chart
from stridewell.outcomes.engine import ScorePoint

START = date(2026, 3, 2)


def chart(scores, *, mcid=4.0, low=0, high=32, gap_days=28):
    points = [ScorePoint(START + timedelta(days=gap_days * n), s) for n, s in enumerate(scores)]
    return score_chart(
        title="t", points=points, low=low, high=high, mcid=mcid, higher_is_better=True
    )


def test_the_band_spans_baseline_plus_and_minus_the_mcid():
    c = chart([16, 24])
    per_point = (c.bottom - c.top) / 32

    assert c.band_top == round(c.top + (32 - 20) * per_point, 1)
    assert c.band_height == round(8 * per_point, 1)
    assert c.band_label == "first score ± 4 points: no real change"


def test_the_band_is_clipped_to_the_scale():
    c = chart([30, 31])

    assert c.band_top == c.top  # 30 + 4 would be above 32


def test_the_axes_are_labelled_with_units_and_ticks():
    c = chart([16, 24])

    assert [t.label for t in c.y_ticks] == ["0", "8", "16", "24", "32"]
    assert [t.label for t in c.x_ticks] == ["2 Mar", "16 Mar", "30 Mar"]
    assert c.y_label == "Score (0–32, higher is better)"
    assert c.dots[0].is_baseline
    assert not c.dots[1].is_baseline
    assert c.dots[1].label == "30 Mar 2026: 24 out of 32"


def test_a_0_to_80_scale_ticks_every_20():
    assert [t.label for t in chart([40], high=80, mcid=9).y_ticks] == [
        "0", "20", "40", "60", "80",
    ]  # fmt: skip


def test_no_points_no_chart():
    assert chart([]) is None


@given(
    st.lists(st.integers(0, 32), min_size=1, max_size=30),
    st.integers(1, 120),
    st.floats(0.5, 32),
)
def test_every_point_and_the_band_stay_inside_the_plot(scores, gap, mcid):
    c = chart(scores, gap_days=gap, mcid=mcid)

    for dot in c.dots:
        assert c.left <= dot.x <= c.right
        assert c.top <= dot.y <= c.bottom
    assert c.top <= c.band_top <= c.band_top + c.band_height <= c.bottom + 0.1
    assert c.bottom < HEIGHT
    assert len(c.x_ticks) <= 6
