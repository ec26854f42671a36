"""Who gets an "any available" booking. Pure Python, no Django.

A returning patient goes back to the practitioner they last saw when that person is free;
otherwise the work is spread: the practitioner with the fewest bookings that (London) week
first, then the clinic's listing order, then the key, so the choice never depends on chance
or on the order rows came back from the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta


def week_start(day: date) -> date:
    """The Monday of the week containing `day`."""
    return day - timedelta(days=day.weekday())


def practitioner_rank(
    *,
    candidates: Iterable[str],
    weekly_load: Mapping[str, int],
    order: Mapping[str, int],
    preferred: str | None = None,
) -> list[str]:
    """`candidates` best first."""
    return sorted(
        set(candidates),
        key=lambda key: (
            key != preferred,
            weekly_load.get(key, 0),
            order.get(key, len(order)),
            key,
        ),
    )
