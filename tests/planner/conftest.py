"""Planner fixtures: people in every role, and a plan made through the real service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta

import pytest

from stridewell.accounts.models import Role, User
from stridewell.planner.models import Plan
from stridewell.planner.services import plan_create

PASSWORD = "long-run-sunday-42"
TODAY = date(2026, 6, 10)  # Wednesday; plans made today start on Monday 15 June
RACE_DAY = date(2026, 10, 4)  # Sunday, 16 weeks later


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(email: str, *, role: str = Role.RUNNER, **extra) -> User:
        extra.setdefault("first_name", "Amara")
        extra.setdefault("last_name", "Okafor")
        if role == Role.STAFF:
            extra.setdefault("is_staff", True)
        return User.objects.create_user(email=email, password=PASSWORD, role=role, **extra)

    return make


@pytest.fixture
def runner(make_user) -> User:
    return make_user("amara@example.test")


@pytest.fixture
def other_runner(make_user) -> User:
    return make_user("tom@example.test", first_name="Tom", last_name="Heathcote")


@pytest.fixture
def physio(make_user) -> User:
    return make_user("priya@example.test", role=Role.PHYSIO, first_name="Priya")


@pytest.fixture
def staff(make_user) -> User:
    return make_user("jess@example.test", role=Role.STAFF, first_name="Jess")


PLAN_ARGS = {
    "race_name": "Autumn City Marathon",
    "race_date": RACE_DAY,
    "current_weekly_km": 30.0,
    "longest_recent_run_km": 14.0,
    "available_days": {0, 1, 3, 5, 6},
    "long_run_day": 6,
    "quality_days": {1, 3},
    "goal_time": timedelta(hours=4),
    "run_time": time(7, 0),
    "strength_time": time(18, 30),
}


@pytest.fixture
def make_plan(db) -> Callable[..., Plan]:
    def make(user: User, *, today: date = TODAY, **overrides) -> Plan:
        return plan_create(runner=user, today=today, **{**PLAN_ARGS, **overrides})

    return make


@pytest.fixture
def plan(make_plan, runner) -> Plan:
    return make_plan(runner)
