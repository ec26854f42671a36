"""The suite's pinned clock: what every date-reading test relies on."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from stridewell.core.time import now_london
from tests.support.clock import DEFAULT_NOW, ENV_VAR, pinned_now


def test_the_clock_starts_at_the_pinned_instant_and_ticks_on():
    pinned = pinned_now()

    first = timezone.now()
    second = timezone.now()

    assert timedelta(0) <= first - pinned < timedelta(minutes=5)
    assert second >= first
    assert now_london().date() == pinned.astimezone(now_london().tzinfo).date()


def test_the_default_instant_is_an_ordinary_weekday(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)

    assert pinned_now() == datetime.fromisoformat(DEFAULT_NOW)
    assert pinned_now().weekday() < 5


@pytest.mark.parametrize("raw", ["tomorrow", "2026-12-24T10:00:00"])
def test_a_malformed_or_naive_instant_stops_the_run_with_the_variable_named(monkeypatch, raw):
    monkeypatch.setenv(ENV_VAR, raw)

    with pytest.raises(SystemExit, match=ENV_VAR):
        pinned_now()
