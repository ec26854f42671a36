"""Many clients racing for one slot: exactly the right number win, the rest get 409, no 5xx.

On PostgreSQL the race runs in threads here (each with its own connection) against the test
database, where the exclusion constraint decides. On SQLite the same race runs in a child
process against a fresh database file (IMMEDIATE transactions queue the writers), because the
in-memory test database cannot host concurrent writers. Nothing is skipped on either.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from stridewell.booking.models import Appointment, Status
from tests.booking import race as scenario

PROJECT = Path(__file__).resolve().parents[2]
CLIENTS = 24


def _worker(args: list[str], database: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"DATABASE_URL": f"sqlite:///{database}", "STRIDEWELL_TESTING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.booking.race_worker", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file, made once and copied for each race."""
    template = tmp_path_factory.mktemp("race") / "template.sqlite3"
    _worker(["migrate"], template)
    return template


@pytest.fixture
def run_race(request, tmp_path):
    def run(*, clients: int, practitioners: int, who: str, path: str) -> dict:
        if connection.vendor == "postgresql":
            return _race_here(clients=clients, practitioners=practitioners, who=who, path=path)
        database = tmp_path / "race.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), database)
        done = _worker([str(clients), str(practitioners), who, path], database)
        return json.loads(done.stdout.strip().splitlines()[-1])

    return run


def _race_here(*, clients: int, practitioners: int, who: str, path: str) -> dict:
    scenario.seed(practitioners=practitioners)
    if path == "confirm":
        return scenario.confirm_race(clients=clients)
    result = scenario.race(clients=clients, practitioner=who, path=path)
    result["rows"] = [
        list(row)
        for row in Appointment.objects.order_by("practitioner__slug").values_list(
            "practitioner__slug", "status"
        )
    ]
    return result


@pytest.mark.django_db(transaction=True)
def test_many_clients_booking_one_slot_exactly_one_wins(run_race):
    result = run_race(
        clients=CLIENTS,
        practitioners=1,
        who="physio-0",
        path="/api/booking/appointments",
    )

    statuses = {int(k): v for k, v in result["statuses"].items()}
    assert statuses == {201: 1, 409: CLIENTS - 1}
    assert result["rows"] == [["physio-0", Status.CONFIRMED]]


@pytest.mark.django_db(transaction=True)
def test_any_available_racing_for_n_practitioners_fills_each_once(run_race):
    result = run_race(
        clients=CLIENTS,
        practitioners=4,
        who="any",
        path="/api/booking/appointments",
    )

    statuses = {int(k): v for k, v in result["statuses"].items()}
    assert statuses == {201: 4, 409: CLIENTS - 4}
    assert result["winners"] == ["physio-0", "physio-1", "physio-2", "physio-3"]
    assert [row[0] for row in result["rows"]] == ["physio-0", "physio-1", "physio-2", "physio-3"]


@pytest.mark.django_db(transaction=True)
def test_many_clients_holding_one_slot_exactly_one_hold_wins(run_race):
    result = run_race(
        clients=CLIENTS,
        practitioners=1,
        who="physio-0",
        path="/api/booking/holds",
    )

    statuses = {int(k): v for k, v in result["statuses"].items()}
    assert statuses == {201: 1, 409: CLIENTS - 1}
    assert result["rows"] == [["physio-0", Status.HELD]]


@pytest.mark.django_db(transaction=True)
def test_many_staff_confirming_one_request_exactly_one_confirmation_wins(run_race):
    result = run_race(clients=12, practitioners=1, who="physio-0", path="confirm")

    assert result["outcomes"] == {"confirmed": 1, "already_changed": 11}
    assert result["status"] == Status.CONFIRMED
