"""Issue #11 part 1: no physio takes a runner over by screening them (ADR 0014).

Screening a runner needs the same right as viewing them; anyone else is answered 404 (no
existence oracle) and nothing is written. A new runner's first physio is one they booked with
(or chose, or staff assigned); a screening never changes a runner's physio.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from stridewell.accounts.models import PractitionerProfile, Role, User
from stridewell.booking.models import Appointment, AppointmentType
from stridewell.core.time import LONDON
from stridewell.training.access import can_view_runner, runner_physio
from stridewell.training.models import Decision, Programme, Screening
from stridewell.training.services_programme import programme_assign_manual

from .conftest import MONDAY, as_, screen

API = "/api/training"
BODY = {"age": 35, "sex": "female", "current_pain": 0, "date": MONDAY.isoformat()}
FORM = {
    "date": MONDAY.isoformat(),
    "age": "35",
    "sex": "female",
    "current_pain": "0",
    "sessions_per_week": "2",
}


def _state(runner: User) -> tuple:
    programme = Programme.objects.get(runner=runner, is_active=True)
    return (
        Screening.objects.count(),
        Programme.objects.count(),
        Decision.objects.count(),
        programme.pk,
        programme.physio_id,
    )


def test_another_physio_gets_404_from_the_screening_api_and_nothing_is_written(client, world):
    before = _state(world.runner)
    c = as_(client, world, "other_physio")
    response = c.post(
        API + "/screenings", BODY | {"runner": world.runner.pk}, content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert _state(world.runner) == before
    # ...and so the decision history stays closed to them.
    assert c.get(API + f"/decisions?runner={world.runner.pk}").status_code == 404
    assert c.get(API + f"/programme?runner={world.runner.pk}").status_code == 404


def test_the_404_is_the_same_as_for_a_runner_who_does_not_exist(client, world):
    c = as_(client, world, "other_physio")
    real = c.post(
        API + "/screenings", BODY | {"runner": world.runner.pk}, content_type="application/json"
    )
    missing = c.post(API + "/screenings", BODY | {"runner": 99999}, content_type="application/json")
    assert (real.status_code, real.json()) == (missing.status_code, missing.json())


def test_another_physio_gets_404_from_the_screening_form_and_nothing_is_written(client, world):
    before = _state(world.runner)
    url = reverse("training:screening_new", args=[world.runner.pk])
    c = as_(client, world, "other_physio")
    assert c.get(url).status_code == 404
    assert c.post(url, FORM).status_code == 404
    assert _state(world.runner) == before
    assert c.get(reverse("training:timeline_for", args=[world.runner.pk])).status_code == 404


def test_the_find_a_runner_box_does_not_lead_another_physio_to_the_form(client, world):
    c = as_(client, world, "other_physio")
    response = c.post(reverse("training:physio_dashboard"), {"email": world.runner.email})
    assert response.status_code == 200
    assert "No runner has an account with that address." in response.content.decode()


def test_the_service_refuses_a_physio_who_may_not_view_the_runner(world):
    before = _state(world.runner)
    with pytest.raises(PermissionDenied):
        screen(world.runner, world.other_physio)
    with pytest.raises(PermissionDenied):
        programme_assign_manual(
            runner=world.runner, physio=world.other_physio, rung_keys=["hip_clam"], today=MONDAY
        )
    assert _state(world.runner) == before


@pytest.mark.parametrize("who", ["physio", "staff"])
def test_a_screening_by_the_runners_physio_or_staff_keeps_working(client, world, who):
    old = Programme.objects.get(runner=world.runner, is_active=True)
    response = as_(client, world, who).post(
        API + "/screenings", BODY | {"runner": world.runner.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    new = Programme.objects.get(runner=world.runner, is_active=True)
    assert new.pk != old.pk
    assert new.physio == world.physio  # never a hand-over, whoever screened


def test_staff_assigning_a_programme_keeps_the_runners_physio(world):
    programme = programme_assign_manual(
        runner=world.runner, physio=world.staff, rung_keys=["hip_clam"], today=MONDAY
    )
    assert programme.physio == world.physio


# --- a new runner's first physio ------------------------------------------------------------


@pytest.fixture
def newcomer(db) -> User:
    return User.objects.create_user(
        email="nia@example.test", password="long-run-sunday-42", role=Role.RUNNER
    )


def _book(runner: User, physio: User, status: str = "confirmed") -> Appointment:
    kind = AppointmentType.objects.create(
        name="Assessment", slug=f"assess-{physio.pk}-{status}", duration_minutes=45, price_pence=0
    )
    profile, _ = PractitionerProfile.objects.get_or_create(
        user=physio, defaults={"display_name": str(physio), "title": "Physio", "slug": physio.email}
    )
    start = datetime(2026, 3, 10, 9, 0, tzinfo=LONDON)
    return Appointment.objects.create(
        appointment_type=kind,
        practitioner=profile,
        status=status,
        start=start,
        end=start + timedelta(minutes=45),
        blocked_start=start,
        blocked_end=start + timedelta(minutes=45),
        patient=runner,
    )


def test_a_physio_cannot_screen_a_new_runner_they_have_no_booking_with(client, world, newcomer):
    response = as_(client, world, "other_physio").post(
        API + "/screenings", BODY | {"runner": newcomer.pk}, content_type="application/json"
    )
    assert response.status_code == 404
    assert not Screening.objects.filter(runner=newcomer).exists()


def test_a_new_runner_booked_with_a_physio_becomes_theirs_at_the_screening(client, world, newcomer):
    _book(newcomer, world.other_physio)
    response = as_(client, world, "other_physio").post(
        API + "/screenings", BODY | {"runner": newcomer.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    assert runner_physio(newcomer) == world.other_physio
    assert Programme.objects.get(runner=newcomer, is_active=True).physio == world.other_physio


def test_a_cancelled_booking_gives_no_access(world, newcomer):
    _book(newcomer, world.other_physio, status="cancelled")
    assert can_view_runner(world.other_physio, newcomer) is False


def test_a_booking_does_not_open_a_runner_who_already_has_a_physio(client, world):
    _book(world.runner, world.other_physio)
    assert can_view_runner(world.other_physio, world.runner) is False
    response = as_(client, world, "other_physio").post(
        API + "/screenings", BODY | {"runner": world.runner.pk}, content_type="application/json"
    )
    assert response.status_code == 404
