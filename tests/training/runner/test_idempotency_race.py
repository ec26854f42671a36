"""A double tap or a retry racing the first request still records one session: the unique
(runner, client_token) constraint decides, and the loser returns the winner's session."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connections

from stridewell.training import services_logging
from stridewell.training.models import ExerciseLog, Session
from stridewell.training.services_logging import ExerciseInput, session_log

from .conftest import MONDAY, sets_for

DAY = MONDAY + timedelta(days=1)
CLIENTS = 4


def _exercises(entries):
    return [ExerciseInput(e.pk, "good", sets_for(e)) for e in entries]


def test_a_submission_that_loses_the_insert_race_returns_the_winners_session(
    runner, assign, monkeypatch
):
    entries = assign(runner)
    token = uuid.uuid4()
    winner = session_log(
        runner=runner, day=DAY, client_token=token, exercises=_exercises(entries), today=DAY
    )
    # The twin request looked before the winner committed: it saw no session for the token.
    monkeypatch.setattr(services_logging, "session_for_token", lambda runner, token: None)

    loser = session_log(
        runner=runner, day=DAY, client_token=token, exercises=_exercises(entries), today=DAY
    )

    assert (winner.created, loser.created) == (True, False)
    assert loser.session == winner.session
    assert Session.objects.count() == 1
    assert ExerciseLog.objects.count() == 2


if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Real concurrent requests need a database with row locks shared across connections; the
    # in-memory SQLite test database has neither (production SQLite runs IMMEDIATE transactions,
    # which serialise writers, so the test above covers its one race).

    @pytest.mark.django_db(transaction=True)
    def test_racing_submissions_with_one_token_record_one_session(runner, assign):
        entries = assign(runner)
        token = uuid.uuid4()
        barrier = threading.Barrier(CLIENTS)
        results: list[tuple[int, bool]] = []
        errors: list[BaseException] = []

        def submit() -> None:
            try:
                barrier.wait()
                outcome = session_log(
                    runner=runner, day=DAY, client_token=token, exercises=_exercises(entries),
                    today=DAY,
                )  # fmt: skip
                results.append((outcome.session.pk, outcome.created))
            except BaseException as exc:
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=submit) for _ in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        assert errors == []
        assert Session.objects.count() == 1
        assert ExerciseLog.objects.count() == len(entries)
        assert {pk for pk, _ in results} == {Session.objects.get().pk}
        assert sorted(created for _, created in results) == [False] * (CLIENTS - 1) + [True]
