"""Clinic wall-clock time (Europe/London). Pure Python: no Django imports.

Instants are stored in UTC; clinic rules (opening hours, working hours, on-call) are wall-clock
times in London. `local_dt` is the one place a (date, wall time) pair becomes an instant, so
every module treats the two yearly DST changes the same way:

* spring gap (e.g. 2026-03-29, 01:00-02:00 does not exist): a missing wall time moves forward
  by the length of the gap, so 01:30 becomes 02:30 BST;
* autumn fold (e.g. 2026-10-25, 01:00-02:00 happens twice): the first occurrence (BST) wins.

Two Python traps when holding London datetimes: `+`, `-` and `timedelta` between values in the
same zone are wall-clock arithmetic (09:00 to 09:00 across the spring change is "24 hours"),
and a time in the repeated hour never compares equal to one in another zone (PEP 495). Convert
with `.astimezone(UTC)` before measuring durations, adding minutes or testing equality.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def now_london() -> datetime:
    """The current instant, expressed in London wall-clock time."""
    return datetime.now(tz=LONDON)


def to_london(dt: datetime) -> datetime:
    """Express an aware instant in London time. Naive values are refused: they are ambiguous."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("to_london() needs an aware datetime; got a naive one")
    return dt.astimezone(LONDON)


def local_dt(day: date, wall: time) -> datetime:
    """The aware London instant for `wall` o'clock on `day` (gap: shift forward; fold: first)."""
    if wall.tzinfo is not None:
        raise ValueError("local_dt() takes a naive wall-clock time; got an aware one")
    # fold=0 picks the first occurrence in a fold. In a gap zoneinfo applies the offset from
    # before the change (GMT), so a trip through UTC lands on the shifted-forward BST time.
    candidate = datetime.combine(day, wall).replace(tzinfo=LONDON, fold=0)
    return candidate.astimezone(UTC).astimezone(LONDON)
