"""A small clinic for the access tests: two runners, each with their own physio, and staff.

Amara (`runner`) chose Priya (`physio`) and Priya screened her; Tom (`other_runner`) chose
Callum (`other_physio`) who screened him. Amara has a week of check-ins and a painful session
(6/10), so she has decisions, an alert for Priya, a session, a check-in and an outcome answer.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from stridewell.accounts.models import Role, User
from stridewell.training.models import Alert, Rung
from stridewell.training.services_handover import runner_hand_over
from stridewell.training.services_screening import screening_record
from tests.training.runner.conftest import (  # noqa: F401 (fixtures)
    MONDAY,
    PASSWORD,
    check_in,
    learn_baseline,
    library,
    log,
)

WEEK2 = MONDAY + timedelta(days=7)
ROLES = ("anonymous", "runner", "other_runner", "physio", "other_physio", "staff")


def _user(email: str, role: str, first: str, last: str) -> User:
    return User.objects.create_user(
        email=email, password=PASSWORD, role=role, first_name=first, last_name=last
    )


def screen(runner: User, by: User, **extra):
    fields = {"day": MONDAY, "age": 35, "sex": "female", "current_pain": 0, "today": MONDAY}
    return screening_record(runner=runner, recorded_by=by, **(fields | extra))


@pytest.fixture
def people(db) -> SimpleNamespace:
    people = SimpleNamespace(
        runner=_user("amara@example.test", Role.RUNNER, "Amara", "Okafor"),
        other_runner=_user("tom@example.test", Role.RUNNER, "Tom", "Heath"),
        physio=_user("priya@example.test", Role.PHYSIO, "Priya", "Raman"),
        other_physio=_user("callum@example.test", Role.PHYSIO, "Callum", "Reid"),
        staff=_user("jess@example.test", Role.STAFF, "Jess", "Marlow"),
    )
    runner_hand_over(runner=people.runner, to_physio=people.physio, by=people.runner)
    runner_hand_over(
        runner=people.other_runner, to_physio=people.other_physio, by=people.other_runner
    )
    return people


@pytest.fixture
def world(people, library) -> SimpleNamespace:  # noqa: F811
    screening = screen(people.runner, people.physio).screening
    screen(people.other_runner, people.other_physio)
    entries = list(screening.programmes.get().entries.order_by("position"))
    learn_baseline(people.runner)
    session = log(people.runner, entries, WEEK2, pain=6).session
    last = check_in(people.runner, WEEK2 + timedelta(days=1)).check_in
    entry = entries[0]
    other_rung = (
        Rung.objects.filter(ladder=entry.ladder).exclude(key=entry.state["rung_key"]).first()
    )
    return SimpleNamespace(
        **vars(people),
        other_rung=other_rung.key,
        screening=screening,
        session=session,
        check_in=last,
        entry=entries[0],
        alert=Alert.objects.get(runner=people.runner),
    )


def as_(client, world, who: str):
    client.logout()
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client
