"""The wait is told in words and in London wall-clock time, never too early."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from stridewell.accounts.throttle import retry_message


@pytest.mark.parametrize(
    ("now_utc", "retry_after", "expected"),
    [
        # Summer (BST, UTC+1): 12:10:30 UTC is 13:10:30 in London; rounded up to 13:11.
        (datetime(2026, 7, 1, 12, 0, 30, tzinfo=UTC), 600, "in 10 minutes (after 13:11)."),
        # Winter (GMT): an exact minute stays that minute.
        (datetime(2026, 1, 15, 9, 0, 0, tzinfo=UTC), 900, "in 15 minutes (after 09:15)."),
        (datetime(2026, 1, 15, 9, 0, 0, tzinfo=UTC), 61, "in 2 minutes (after 09:02)."),
        (datetime(2026, 1, 15, 9, 0, 0, tzinfo=UTC), 1, "in 1 second (after 09:01)."),
        (datetime(2026, 1, 15, 9, 0, 0, tzinfo=UTC), 45, "in 45 seconds (after 09:01)."),
    ],
)
def test_retry_message_names_the_wait_and_the_time(monkeypatch, now_utc, retry_after, expected):
    monkeypatch.setattr(timezone, "now", lambda: now_utc)

    message = retry_message(retry_after, what="Too many attempts.")

    assert message == f"Too many attempts. Please try again {expected}"
