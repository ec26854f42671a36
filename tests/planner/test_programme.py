"""Strength sessions come from the runner's training programme when they have one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stridewell.planner.calendar_events import plan_events
from stridewell.planner.models import PlannedStrength
from stridewell.training.models import Exercise, Ladder, Rung
from stridewell.training.services_handover import runner_hand_over
from stridewell.training.services_programme import programme_assign_manual

from .conftest import PASSWORD, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(runner, physio):
    ladder = Ladder.objects.create(key="hip", name="Hip ladder", position=1)
    exercise = Exercise.objects.create(
        key="bridge",
        slug="bridge",
        name="Banded bridge",
        level=2,
        unit="reps",
        cues=["Keep the pelvis level"],
    )
    Rung.objects.create(
        ladder=ladder,
        key="hip_bridge",
        exercise=exercise,
        position=1,
        sets=3,
        low=8,
        high=12,
        increment=2,
        load_kind="bodyweight",
    )
    runner_hand_over(runner=runner, to_physio=physio, by=runner)  # the runner chose this physio
    return programme_assign_manual(
        runner=runner, physio=physio, rung_keys=["hip_bridge"], today=TODAY
    )


def test_sessions_link_the_active_programme_and_show_its_exercises(
    programme, make_plan, runner, client, settings
):
    plan = make_plan(runner)
    settings.PLANNER_TODAY = TODAY.isoformat()
    client.login(email=runner.email, password=PASSWORD)

    linked = set(PlannedStrength.objects.filter(plan=plan).values_list("programme_id", flat=True))
    page = client.get(reverse("planner:week", kwargs={"number": 1})).content.decode()
    strength = [e for e in plan_events(plan=plan) if e.category == "Strength"]

    assert linked == {programme.pk}
    assert "Banded bridge: " in page
    assert "No programme yet" not in page
    assert "Your programme: Banded bridge" in strength[0].description


def test_without_a_programme_the_session_is_a_generic_one(plan, runner, client, settings):
    settings.PLANNER_TODAY = TODAY.isoformat()
    client.login(email=runner.email, password=PASSWORD)

    page = client.get(reverse("planner:week", kwargs={"number": 1})).content.decode()

    assert set(
        PlannedStrength.objects.filter(plan=plan).values_list("programme_id", flat=True)
    ) == {None}
    assert "No programme yet: do your usual strength routine" in page
