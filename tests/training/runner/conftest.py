"""Fixtures for the runner half of training: a small library of three ladders built in the
database (independent of the clinic's data file), people in every role, and helpers that set
state up through the real services."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from stridewell.accounts.models import Role, User
from stridewell.training.models import Exercise, Ladder, ProgrammeEntry, Rung, RungPrerequisite
from stridewell.training.services_handover import runner_hand_over
from stridewell.training.services_logging import (
    ExerciseInput,
    SetInput,
    check_in_record,
    session_log,
)
from stridewell.training.services_programme import programme_assign_manual

URLCONF = "tests.training.runner.urls"
PASSWORD = "long-run-sunday-42"
MONDAY = date(2026, 3, 2)  # week 1 of the tests' programmes


def _exercise(key: str, name: str, level: int, unit: str = "reps") -> Exercise:
    return Exercise.objects.create(
        key=key, slug=key.replace("_", "-"), name=name, level=level, unit=unit,
        cues=[f"{name}: keep the pelvis level", "Move slowly"],
    )  # fmt: skip


def _rung(ladder: Ladder, key: str, exercise: Exercise, position: int, **dose) -> Rung:
    fields = {"sets": 2, "low": 10, "high": 14, "increment": 2, "load_kind": "bodyweight"}
    fields.update(dose)
    return Rung.objects.create(
        ladder=ladder, key=key, exercise=exercise, position=position, **fields
    )


@pytest.fixture
def library(db) -> dict[str, Rung]:
    """hip: clam -> banded bridge -> banded squat (light/medium bands, 2 x 10-14 by 2);
    trunk: side plank on knees -> side plank (2 x 20-30 s by 5); balance: single-leg balance ->
    pelvic drop (needs the balance reached); and a physio-only hamstring ladder."""
    band = {"load_kind": "band", "band_lightest": "light", "band_heaviest": "medium"}
    hold = {"low": 20, "high": 30, "increment": 5}
    hip = Ladder.objects.create(key="hip", name="Hip ladder", position=1)
    trunk = Ladder.objects.create(key="trunk", name="Trunk ladder", position=2)
    balance = Ladder.objects.create(key="balance", name="Balance ladder", position=3)
    ham = Ladder.objects.create(
        key="ham", name="Hamstring ladder", position=4, is_placed_by_screening=False
    )
    rungs = {
        "hip_clam": _rung(hip, "hip_clam", _exercise("clam", "Clam", 1), 1, **band),
        "hip_bridge": _rung(hip, "hip_bridge", _exercise("bridge", "Banded bridge", 2), 2, **band),
        "hip_squat": _rung(hip, "hip_squat", _exercise("squat", "Banded squat", 3), 3, **band),
        "trunk_knees": _rung(
            trunk, "trunk_knees", _exercise("plank_knees", "Side plank on knees", 1, "seconds"),
            1, **hold,
        ),
        "trunk_plank": _rung(
            trunk, "trunk_plank", _exercise("plank", "Side plank", 2, "seconds"), 2, **hold
        ),
        "bal_stand": _rung(
            balance, "bal_stand", _exercise("balance", "Single-leg balance", 1, "seconds"),
            1, **hold,
        ),
        "bal_drop": _rung(balance, "bal_drop", _exercise("drop", "Pelvic drop", 2), 2),
        "ham_hold": _rung(
            ham, "ham_hold", _exercise("ham_hold", "Bridge hold", 1, "seconds"), 1, **hold
        ),
    }  # fmt: skip
    RungPrerequisite.objects.create(
        rung=rungs["bal_drop"], requires=rungs["bal_stand"], kind="reached"
    )
    return rungs


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(email: str, *, role: str = Role.RUNNER, first: str = "Ada", last: str = "Runner"):
        return User.objects.create_user(
            email=email, password=PASSWORD, role=role, first_name=first, last_name=last
        )

    return make


@pytest.fixture
def runner(make_user, physio) -> User:
    """A runner who chose `physio` as their physio (ADR 0014: how a new runner gets one)."""
    made = make_user("amara@example.test", first="Amara", last="Okafor")
    runner_hand_over(runner=made, to_physio=physio, by=made)
    return made


@pytest.fixture
def other_runner(make_user) -> User:
    return make_user("tom@example.test", first="Tom", last="Heath")


@pytest.fixture
def physio(make_user) -> User:
    return make_user("priya@example.test", role=Role.PHYSIO, first="Priya", last="Raman")


@pytest.fixture
def other_physio(make_user) -> User:
    return make_user("callum@example.test", role=Role.PHYSIO, first="Callum", last="Reid")


@pytest.fixture
def staff(make_user) -> User:
    return make_user("jess@example.test", role=Role.STAFF, first="Jess", last="Marlow")


@pytest.fixture
def assign(library, physio) -> Callable[..., list[ProgrammeEntry]]:
    """Give a runner a programme on these rungs (their physio: `physio`); returns the entries."""

    def make(runner: User, rungs=("hip_bridge", "trunk_plank"), *, start: date = MONDAY, by=None):
        programme = programme_assign_manual(
            runner=runner, physio=by or physio, rung_keys=list(rungs), today=start
        )
        return list(programme.entries.order_by("position"))

    return make


def sets_for(entry: ProgrammeEntry, *, reps: int | None = None, pain: int = 1, n=None):
    entry.refresh_from_db()
    count = entry.sets if n is None else n
    return tuple(
        SetInput(entry.target if reps is None else reps, entry.load_step, pain)
        for _ in range(count)
    )


def log(runner: User, entries, day: date, *, pain: int = 1, control: str = "good", reps=None):
    exercises = [ExerciseInput(e.pk, control, sets_for(e, reps=reps, pain=pain)) for e in entries]
    return session_log(
        runner=runner, day=day, client_token=uuid.uuid4(), exercises=exercises, today=day
    )


def check_in(runner: User, day: date, pain: int = 0, stiffness: int = 1):
    return check_in_record(runner=runner, day=day, pain=pain, stiffness=stiffness, today=day)


def learn_baseline(runner: User, start: date = MONDAY, pain: int = 0, stiffness: int = 1) -> None:
    """A week of check-ins (Mon-Sun): the engine learns the usual morning stiffness from it."""
    for n in range(7):
        check_in(runner, start + timedelta(days=n), pain, stiffness)
