"""The cancellation window with its grace period, and who gets an "any available" booking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stridewell.booking.fairness import practitioner_rank, week_start
from stridewell.booking.policy import online_change_decision

START = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("booked_before", "now_before", "allowed", "reason"),
    [
        (timedelta(days=5), timedelta(days=2), True, "ok"),
        (timedelta(days=5), timedelta(hours=24), True, "ok"),  # exactly a day ahead still counts
        (timedelta(days=5), timedelta(hours=23, minutes=59), False, "late"),
        (
            timedelta(hours=20),
            timedelta(hours=19, minutes=30),
            True,
            "grace",
        ),  # 30 min after booking
        (timedelta(hours=20), timedelta(hours=19, minutes=29), False, "late"),  # 31 min after
        (timedelta(days=5), timedelta(0), False, "started"),
    ],
)
def test_online_changes_follow_the_24_hour_rule_with_a_grace_period(
    booked_before, now_before, allowed, reason
):
    decision = online_change_decision(
        start=START, booked_at=START - booked_before, now=START - now_before
    )

    assert (decision.is_allowed, decision.reason) == (allowed, reason)


def test_the_least_booked_practitioner_that_week_comes_first_then_the_clinic_order():
    order = {"asha": 0, "ben": 1, "cleo": 2}

    assert practitioner_rank(candidates=["cleo", "ben", "asha"], weekly_load={}, order=order) == [
        "asha",
        "ben",
        "cleo",
    ]
    assert practitioner_rank(
        candidates=["asha", "ben", "cleo"],
        weekly_load={"asha": 3, "ben": 1, "cleo": 1},
        order=order,
    ) == ["ben", "cleo", "asha"]


def test_the_physio_a_returning_patient_saw_last_comes_first_whatever_their_load():
    ranked = practitioner_rank(
        candidates=["asha", "ben"],
        weekly_load={"asha": 0, "ben": 9},
        order={"asha": 0, "ben": 1},
        preferred="ben",
    )

    assert ranked == ["ben", "asha"]


def test_weeks_start_on_monday():
    assert week_start(datetime(2026, 6, 21).date()) == datetime(2026, 6, 15).date()  # Sunday
    assert week_start(datetime(2026, 6, 15).date()) == datetime(2026, 6, 15).date()
