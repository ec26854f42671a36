"""Template helpers for booking pages and e-mails: money and London wall-clock times."""

from __future__ import annotations

from datetime import datetime

from django import template

from stridewell.core.time import LONDON

register = template.Library()


@register.filter
def pounds(pence: int | None) -> str:
    """7500 -> "£75", 7550 -> "£75.50"."""
    if pence is None:
        return ""
    whole, part = divmod(int(pence), 100)
    return f"£{whole:,}" if part == 0 else f"£{whole:,}.{part:02d}"


@register.filter
def london(instant: datetime | None) -> datetime | None:
    """The instant on the London wall clock (for |date and |time)."""
    return instant.astimezone(LONDON) if instant is not None else None


@register.filter
def zone(instant: datetime | None) -> str:
    """ "GMT" or "BST": shown where a time could otherwise be read twice (autumn change)."""
    return instant.astimezone(LONDON).tzname() or "" if instant is not None else ""
