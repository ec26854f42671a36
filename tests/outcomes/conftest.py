"""Fixtures for outcome measures: the demo questionnaire loaded from its real file, people in
every role, a runner screened by their physio (through the real service), and a pinned clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

import pytest

from stridewell.accounts.models import Role, User
from stridewell.core.time import LONDON
from stridewell.outcomes.models import Questionnaire, Response
from stridewell.outcomes.services import questionnaires_load_files, response_submit
from stridewell.training.access import runner_physio
from stridewell.training.models import Exercise, Ladder, Rung
from stridewell.training.services_handover import runner_hand_over
from stridewell.training.services_screening import screening_record

PASSWORD = "tempo-tuesday-31"
SCREENED = date(2026, 3, 2)  # a Monday
TODAY = date(2026, 3, 31)  # four weeks and a day after the screening
KEYS = ("easy_flat", "marathon_pace", "long_run", "downhill",
        "uphill", "strides", "day_after", "stairs_after")  # fmt: skip


def all_answers(value: int) -> dict[str, int]:
    return dict.fromkeys(KEYS, value)


@pytest.fixture
def clock(monkeypatch) -> date:
    """Pin "today" for the pages (training's London clock) and the API to TODAY, 09:30."""
    fixed = datetime.combine(TODAY, time(9, 30), tzinfo=LONDON)
    monkeypatch.setattr("stridewell.training.views_runner.common.now_london", lambda: fixed)
    monkeypatch.setattr("stridewell.outcomes.api.now_london", lambda: fixed)
    return TODAY


@pytest.fixture
def questionnaire(db) -> Questionnaire:
    questionnaires_load_files()
    return Questionnaire.objects.get(key="running-function")


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(email: str, *, role: str = Role.RUNNER, first: str = "Ada", last: str = "Runner"):
        return User.objects.create_user(
            email=email, password=PASSWORD, role=role, first_name=first, last_name=last
        )

    return make


@pytest.fixture
def people(make_user) -> SimpleNamespace:
    return SimpleNamespace(
        runner=make_user("amara@example.test", first="Amara", last="Okafor"),
        other_runner=make_user("tom@example.test", first="Tom", last="Heath"),
        physio=make_user("priya@example.test", role=Role.PHYSIO, first="Priya", last="Raman"),
        other_physio=make_user("callum@example.test", role=Role.PHYSIO, first="Callum"),
        staff=make_user("jess@example.test", role=Role.STAFF, first="Jess", last="Marlow"),
    )


@pytest.fixture
def ladder(db) -> Rung:
    """One ladder of one rung: enough for a screening to start a programme."""
    hip = Ladder.objects.create(key="hip", name="Hip ladder", position=1)
    clam = Exercise.objects.create(key="clam", slug="clam", name="Clam", level=1, unit="reps")
    return Rung.objects.create(
        ladder=hip, key="hip_clam", exercise=clam, position=1, sets=2, low=10, high=14,
        increment=2, load_kind="bodyweight",
    )  # fmt: skip


def screen(runner: User, by: User, day: date = SCREENED) -> None:
    if by.is_physio and runner_physio(runner) is None:
        runner_hand_over(runner=runner, to_physio=by, by=runner)  # the runner chose them
    screening_record(
        runner=runner, recorded_by=by, day=day, age=34, sex="female", current_pain=1, today=day
    )


def answer(runner: User, questionnaire: Questionnaire, day: date, value: int) -> Response:
    return response_submit(
        runner=runner, questionnaire=questionnaire, answers=all_answers(value), today=day
    )


@pytest.fixture
def world(people, questionnaire, ladder) -> SimpleNamespace:
    """Amara, screened by Priya on SCREENED, answered then (16/32) and two weeks later (24/32)."""
    screen(people.runner, people.physio)
    answer(people.runner, questionnaire, SCREENED, 2)
    answer(people.runner, questionnaire, SCREENED + timedelta(weeks=2), 3)
    return SimpleNamespace(**vars(people), questionnaire=questionnaire)


def login(client, world, who: str):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client
