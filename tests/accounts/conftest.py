"""Fixtures for the accounts tests. Users are created through the real manager/services."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stridewell.accounts.models import Role, User

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(email: str = "runner@example.com", *, role: str = Role.RUNNER, **extra) -> User:
        extra.setdefault("first_name", "Ada")
        extra.setdefault("last_name", "Runner")
        return User.objects.create_user(email=email, password=PASSWORD, role=role, **extra)

    return make


@pytest.fixture
def runner(make_user) -> User:
    return make_user("runner@example.com")


@pytest.fixture
def physio(make_user) -> User:
    return make_user("physio@example.com", role=Role.PHYSIO, first_name="Pat", last_name="Physio")
