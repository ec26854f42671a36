"""Sets of whole minutes as sorted, disjoint half-open spans. Pure Python, no Django.

The availability core reasons about "which start minutes are possible" as unions of spans
[start, end) counted in whole minutes since the Unix epoch (UTC). Working with integers keeps
the arithmetic exact and fast, and makes every rule (hours, buffers, notice) a set operation.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

Span = tuple[int, int]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def to_minute(instant: datetime) -> int:
    """Whole minutes since the epoch, rounded down. Refuses naive datetimes."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("instants must be timezone-aware")
    return int((instant - EPOCH) // MINUTE)


def to_minute_ceil(instant: datetime) -> int:
    whole = to_minute(instant)
    return whole if from_minute(whole) == instant else whole + 1


def from_minute(minute: int) -> datetime:
    return EPOCH + timedelta(minutes=minute)


def is_whole_minute(instant: datetime) -> bool:
    return instant.second == 0 and instant.microsecond == 0


def union(spans: Iterable[Span]) -> list[Span]:
    """Sort and merge; touching spans ([1, 2) and [2, 3)) become one."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def intersect(a: list[Span], b: list[Span]) -> list[Span]:
    """Both arguments must be normalised (sorted, disjoint)."""
    out: list[Span] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def subtract(a: list[Span], b: list[Span]) -> list[Span]:
    """a minus b; both normalised."""
    out: list[Span] = []
    j = 0
    for start, end in a:
        cursor = start
        while j < len(b) and b[j][1] <= cursor:
            j += 1
        k = j
        while k < len(b) and b[k][0] < end:
            if b[k][0] > cursor:
                out.append((cursor, b[k][0]))
            cursor = max(cursor, b[k][1])
            if cursor >= end:
                break
            k += 1
        if cursor < end:
            out.append((cursor, end))
    return out


def contains(spans: list[Span], point: int) -> bool:
    """Is `point` inside one of the normalised spans? (binary search)"""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= point:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= point
