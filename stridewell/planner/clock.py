"""Today's date in London, in one place so tests (and the browser test) can set it."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from stridewell.core.time import now_london


def today() -> date:
    """London's date, or `PLANNER_TODAY` (ISO date) when a test run sets it."""
    fixed = getattr(settings, "PLANNER_TODAY", None)
    if fixed:
        return date.fromisoformat(str(fixed))
    return now_london().date()
