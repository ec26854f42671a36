"""Formatting for the planner templates: durations and paces the way runners write them."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def duration(seconds) -> str:
    """3725 -> "1:02:05"; 1500 -> "25:00"."""
    if seconds in (None, ""):
        return ""
    total = round(float(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def pace(seconds_per_km) -> str:
    """Seconds per km -> "5:41/km"."""
    if not seconds_per_km:
        return ""
    total = round(float(seconds_per_km))
    return f"{total // 60}:{total % 60:02d}/km"


@register.filter
def km(value) -> str:
    """Kilometres with at most two decimals and no trailing zeros: 6.3, 6.29, 10."""
    if value in (None, ""):
        return ""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"
