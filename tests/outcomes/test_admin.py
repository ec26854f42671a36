"""Admin: responses are read-only and every one opened is in the access log; a questionnaire can
be withdrawn but not edited, added or deleted (its wording comes only from its file)."""

from __future__ import annotations

from django.urls import reverse

from stridewell.outcomes.models import Questionnaire, Response
from stridewell.training.models import AccessLog


def test_staff_opening_a_response_is_audited_and_cannot_change_it(client, world):
    world.staff.is_staff = True
    world.staff.is_superuser = True
    world.staff.save()
    response = Response.objects.filter(runner=world.runner).first()
    client.force_login(world.staff)

    page = client.get(reverse("admin:outcomes_response_change", args=[response.pk]))
    post = client.post(reverse("admin:outcomes_response_change", args=[response.pk]), {"score": 1})

    assert page.status_code == 200
    assert AccessLog.objects.filter(viewer=world.staff, runner=world.runner).count() >= 1
    assert post.status_code == 403
    response.refresh_from_db()
    assert response.score == 16


def test_a_questionnaire_can_be_withdrawn_in_the_admin_and_nothing_else(client, world):
    world.staff.is_staff = True
    world.staff.is_superuser = True
    world.staff.save()
    client.force_login(world.staff)
    q = world.questionnaire
    url = reverse("admin:outcomes_questionnaire_change", args=[q.pk])

    client.post(url, {"is_active": "", "name": "Renamed"})

    q.refresh_from_db()
    assert (q.is_active, q.name) == (False, "Running function (Stridewell, 8 questions)")
    assert client.get(reverse("admin:outcomes_questionnaire_add")).status_code == 403
    assert Questionnaire.objects.count() == 1
