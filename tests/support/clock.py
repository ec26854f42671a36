"""The test suite's clock: every test runs at a pinned instant, never at "today".

By default the suite runs on an ordinary mid-week morning. CI runs it again at hard instants
(Christmas Eve before the bank holidays, a clock-change Sunday, 29 February) by setting
`STRIDEWELL_TEST_NOW` to an ISO 8601 instant with its offset, e.g. `2027-03-28T00:30:00+00:00`.
The clock ticks on from the pinned instant, so timeouts and throttles still see time pass.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import time_machine

DEFAULT_NOW = "2026-06-10T09:30:00+01:00"  # a Wednesday in BST, no holiday within a fortnight
ENV_VAR = "STRIDEWELL_TEST_NOW"


def pinned_now() -> datetime:
    """The instant the suite starts its clock at (`STRIDEWELL_TEST_NOW`, else the default)."""
    raw = os.environ.get(ENV_VAR, "").strip() or DEFAULT_NOW
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise SystemExit(f"{ENV_VAR}={raw!r} is not an ISO 8601 instant") from None
    if value.tzinfo is None:
        raise SystemExit(f"{ENV_VAR}={raw!r} needs an offset, e.g. +00:00")
    return value


@contextmanager
def pinned_clock() -> Iterator[None]:
    with time_machine.travel(pinned_now(), tick=True):
        yield
