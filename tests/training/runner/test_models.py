"""Database constraints back the services: even a direct write cannot store pain 11, negative
reps, two active programmes or a session token twice."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from stridewell.training.models import CheckIn, Programme, Session, SetLog

from .conftest import MONDAY, log


@pytest.fixture
def exercise_log(runner, assign):
    entries = assign(runner)
    return log(runner, entries, MONDAY).session.exercises.first()


@pytest.mark.parametrize(
    "fields",
    [{"pain_during": 11}, {"reps_or_seconds": -1}, {"number": 0}],
)
def test_a_set_outside_its_ranges_is_refused_by_the_database(exercise_log, fields):
    values = {"number": 9, "reps_or_seconds": 10, "load_step": 0, "pain_during": 1} | fields
    with pytest.raises(IntegrityError), transaction.atomic():
        SetLog.objects.create(exercise_log=exercise_log, load_label="x", **values)


@pytest.mark.parametrize("fields", [{"pain": 11}, {"stiffness": 12}])
def test_a_check_in_outside_0_to_10_is_refused_by_the_database(runner, fields):
    values = {"pain": 1, "stiffness": 1} | fields
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(runner=runner, date=date(2026, 3, 3), **values)


def test_a_runner_has_one_active_programme(runner, assign):
    assign(runner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.create(runner=runner, started_on=MONDAY, is_active=True)


def test_a_session_token_is_stored_once_per_runner(runner, other_runner, staff, assign):
    session = log(runner, assign(runner), MONDAY).session
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            runner=runner, programme=session.programme, date=date(2026, 3, 5),
            client_token=session.client_token,
        )  # fmt: skip
    # Another runner's client may pick the same token: it is unique per runner only.
    theirs = assign(other_runner, by=staff)[0].programme
    Session.objects.create(
        runner=other_runner, programme=theirs, date=MONDAY, client_token=session.client_token
    )
    assert Session.objects.filter(client_token=session.client_token).count() == 2
