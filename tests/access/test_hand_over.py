"""Issue #11 part 1: taking a runner over is an explicit, recorded hand-over (ADR 0014).

Only clinic staff (with a reason) or the runner choosing a physio can do it; it is stored (who,
when, from, to, why); the programme and open alerts move; the previous physio loses access; the
runner and both physios see that it happened.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from stridewell.training.access import can_view_runner, runner_physio, runners_of_physio
from stridewell.training.models import Alert, HandOver, HandOverKind, Programme
from stridewell.training.services_handover import runner_hand_over

from .conftest import as_

API = "/api/training"


def test_staff_hand_a_runner_over_and_it_is_recorded(world):
    record = runner_hand_over(
        runner=world.runner, to_physio=world.other_physio, by=world.staff, reason="Priya on leave"
    )
    assert (record.from_physio, record.to_physio, record.by, record.reason, record.kind) == (
        world.physio,
        world.other_physio,
        world.staff,
        "Priya on leave",
        HandOverKind.STAFF,
    )
    assert record.at is not None
    assert runner_physio(world.runner) == world.other_physio
    assert Programme.objects.get(runner=world.runner, is_active=True).physio == world.other_physio
    assert Alert.objects.get(pk=world.alert.pk).physio == world.other_physio
    assert can_view_runner(world.other_physio, world.runner) is True
    assert can_view_runner(world.physio, world.runner) is False


@pytest.mark.parametrize("who", ["physio", "other_physio", "other_runner"])
def test_no_one_else_can_hand_a_runner_over(world, who):
    before = HandOver.objects.count()
    with pytest.raises(PermissionDenied):
        runner_hand_over(
            runner=world.runner, to_physio=world.other_physio, by=getattr(world, who), reason="x"
        )
    assert HandOver.objects.count() == before
    assert runner_physio(world.runner) == world.physio


def test_staff_must_give_a_reason_and_a_different_physio(world):
    with pytest.raises(ValidationError) as caught:
        runner_hand_over(runner=world.runner, to_physio=world.other_physio, by=world.staff)
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        runner_hand_over(runner=world.runner, to_physio=world.physio, by=world.staff, reason="x")
    assert "to_physio" in caught.value.message_dict
    with pytest.raises(ValidationError):
        runner_hand_over(runner=world.runner, to_physio=world.staff, by=world.staff, reason="x")


def test_the_staff_page_hands_over_and_others_get_404(client, world):
    url = reverse("training:hand_over", args=[world.runner.pk])
    data = {"to_physio": world.other_physio.pk, "reason": "Moved to the Saturday clinic"}
    for who in ("runner", "other_runner", "physio", "other_physio"):
        assert as_(client, world, who).get(url).status_code == 404
        assert as_(client, world, who).post(url, data).status_code == 404
    assert HandOver.objects.filter(by__isnull=False, kind=HandOverKind.STAFF).count() == 0
    c = as_(client, world, "staff")
    assert c.get(url).status_code == 200
    response = c.post(url, data)
    assert response.status_code == 302
    assert runner_physio(world.runner) == world.other_physio
    assert HandOver.objects.get(kind=HandOverKind.STAFF).reason == data["reason"]


def test_the_staff_page_shows_a_form_error_without_a_reason(client, world):
    url = reverse("training:hand_over", args=[world.runner.pk])
    response = as_(client, world, "staff").post(url, {"to_physio": world.other_physio.pk})
    assert response.status_code == 200
    assert runner_physio(world.runner) == world.physio


def test_the_runner_and_both_physios_see_the_hand_over(client, world):
    runner_hand_over(
        runner=world.runner, to_physio=world.other_physio, by=world.staff, reason="Priya on leave"
    )
    pages = {
        "runner": reverse("training:dashboard"),
        "physio": reverse("training:physio_dashboard"),
        "other_physio": reverse("training:physio_dashboard"),
    }
    for who, url in pages.items():
        page = as_(client, world, who).get(url).content.decode()
        assert "Priya on leave" in page, who
    for who in ("runner", "physio", "other_physio", "staff"):
        listed = as_(client, world, who).get(API + "/hand-overs").json()
        assert "Priya on leave" in [h["reason"] for h in listed], who
    listed = as_(client, world, "other_runner").get(API + "/hand-overs").json()
    assert "Priya on leave" not in [h["reason"] for h in listed]


def test_staff_hand_over_through_the_api(client, world):
    response = as_(client, world, "staff").post(
        API + "/hand-overs",
        {"runner": world.runner.pk, "to_physio": world.other_physio.pk, "reason": "Leave"},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["from_physio"], body["to_physio"], body["by"], body["kind"]) == (
        world.physio.pk,
        world.other_physio.pk,
        world.staff.email,
        "staff",
    )


@pytest.mark.parametrize(("who", "status"), [("physio", 403), ("other_physio", 404)])
def test_a_physio_cannot_hand_over_through_the_api(client, world, who, status):
    response = as_(client, world, who).post(
        API + "/hand-overs",
        {"runner": world.runner.pk, "to_physio": world.other_physio.pk, "reason": "Mine now"},
        content_type="application/json",
    )
    assert response.status_code == status
    assert runner_physio(world.runner) == world.physio


def test_a_runner_chooses_their_physio_through_the_api(client, world):
    c = as_(client, world, "runner")
    physios = {p["name"]: p["id"] for p in c.get(API + "/physios").json()}
    response = c.post(
        API + "/hand-overs",
        {"to_physio": physios["Callum Reid"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "runner_choice"
    assert runner_physio(world.runner) == world.other_physio


def test_an_unknown_physio_is_a_422(client, world):
    response = as_(client, world, "runner").post(
        API + "/hand-overs", {"to_physio": world.staff.pk}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["to_physio"]


def test_a_physio_who_screened_before_a_hand_over_loses_access(world):
    """Screening gives access only since the runner's last hand-over."""
    runner_hand_over(runner=world.runner, to_physio=world.other_physio, by=world.staff, reason="x")
    assert can_view_runner(world.physio, world.runner) is False
    runner_hand_over(runner=world.runner, to_physio=world.physio, by=world.staff, reason="back")
    assert can_view_runner(world.physio, world.runner) is True
    assert can_view_runner(world.other_physio, world.runner) is False


def test_the_physios_lists_of_runners_follow_the_hand_over(world):
    """The SQL behind the dashboards agrees with `runner_physio` before and after."""
    assert world.runner in runners_of_physio(world.physio)
    assert world.runner not in runners_of_physio(world.other_physio)
    runner_hand_over(runner=world.runner, to_physio=world.other_physio, by=world.staff, reason="x")
    assert world.runner not in runners_of_physio(world.physio)
    assert world.runner in runners_of_physio(world.other_physio)
    assert world.other_runner in runners_of_physio(world.other_physio)


def test_the_new_physio_sees_the_runner_and_their_alert_on_the_dashboard(client, world):
    runner_hand_over(runner=world.runner, to_physio=world.other_physio, by=world.staff, reason="x")
    new = as_(client, world, "other_physio").get(reverse("training:physio_dashboard"))
    assert "Pain above 5/10 during" in new.content.decode()
    old = as_(client, world, "physio").get(reverse("training:physio_dashboard"))
    assert "Pain above 5/10 during" not in old.content.decode()
    runner_page = reverse("training:physio_runner", args=[world.runner.pk])
    assert as_(client, world, "physio").get(runner_page).status_code == 404
    assert as_(client, world, "other_physio").get(runner_page).status_code == 200
