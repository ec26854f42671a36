"""Every text/background pair declared in site.css passes WCAG 2 AA contrast.

The pairs live in a comment block in the stylesheet ("contrast-pairs"), next to the colours, so
whoever changes a colour sees which pairs it must still satisfy. No browser needed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

SITE_CSS = Path(__file__).resolve().parents[2] / "stridewell" / "static" / "css" / "site.css"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _root_colours(css: str) -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", css, re.DOTALL)
    assert root, "site.css has no :root block"
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", root.group(1)))


def _declared_pairs(css: str) -> list[tuple[str, str, float]]:
    block = re.search(r"contrast-pairs.*?\*/", css, re.DOTALL)
    assert block, "site.css has no contrast-pairs comment"
    return [
        (fg, bg, float(minimum))
        for fg, bg, minimum in re.findall(r"(--[\w-]+)\s+(--[\w-]+)\s+([\d.]+)", block.group(0))
    ]


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


HEX_COLOUR = st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)


@given(HEX_COLOUR, HEX_COLOUR)
def test_contrast_ratio_is_symmetric_and_between_1_and_21(a, b):
    ratio = contrast_ratio(a, b)
    assert ratio == pytest.approx(contrast_ratio(b, a))
    assert ratio >= 1.0
    assert ratio <= 21.0 + 1e-9


def test_every_declared_colour_pair_passes_aa():
    css = SITE_CSS.read_text(encoding="utf-8")
    colours = _root_colours(css)
    pairs = _declared_pairs(css)
    assert len(pairs) >= 20, "the contrast-pairs list lost its entries"

    failures = []
    for fg, bg, minimum in pairs:
        assert fg in colours, f"{fg} is not a hex colour in :root"
        assert bg in colours, f"{bg} is not a hex colour in :root"
        ratio = contrast_ratio(colours[fg], colours[bg])
        if ratio < minimum:
            failures.append(f"{fg} on {bg}: {ratio:.2f} < {minimum}")
    assert failures == []
