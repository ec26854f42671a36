"""Who may open each outcome page and API endpoint: anonymous, the runner, another runner, the
runner's physio, another physio and staff. A runner sees only their own answers; a physio sees
a runner's only with the right to read that runner's training; others get 404 (never 403), and
every read by a clinician is in the access log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stridewell.training.models import AccessLog

from .conftest import all_answers, login

ROLES = ["anonymous", "runner", "other_runner", "physio", "other_physio", "staff"]


def runner_scores_url(world) -> str:
    return reverse("outcomes:runner_scores", args=[world.runner.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("runner", 404), ("other_runner", 404), ("physio", 200),
     ("other_physio", 404), ("staff", 200)],
)  # fmt: skip
def test_a_runners_scores_page(client, world, clock, who, status):
    response = login(client, world, who).get(runner_scores_url(world))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
    if status == 200:
        assert "Amara&#x27;s score has improved by 8 points" in response.content.decode()
        assert AccessLog.objects.filter(
            viewer=getattr(world, who), runner=world.runner, what="outcomes.scores"
        ).exists()


@pytest.mark.parametrize("name", ["outcomes:mine", "outcomes:answer"])
@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("runner", 200), ("other_runner", 200), ("physio", 302),
     ("other_physio", 302), ("staff", 302)],
)  # fmt: skip
def test_own_pages(  # noqa: PLR0917 - pytest parameters
    client, world, clock, name, who, status
):
    args = ["running-function"] if name == "outcomes:answer" else []

    response = login(client, world, who).get(reverse(name, args=args))

    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    elif status == 302:  # clinicians answer nothing themselves: off to their own pages
        assert response["Location"] == reverse("training:physio_dashboard")
    if who == "runner" and name == "outcomes:mine":
        assert "Your score has improved by 8 points" in response.content.decode()


def test_another_runner_sees_only_their_own_scores(client, world, clock):
    page = login(client, world, "other_runner").get(reverse("outcomes:mine")).content.decode()

    assert "No answers yet." in page
    assert "improved by 8 points" not in page


# API


@pytest.mark.parametrize("who", ROLES)
def test_api_questionnaires_need_a_log_in(client, world, who):
    response = login(client, world, who).get("/api/outcomes/questionnaires")

    assert response.status_code == (401 if who == "anonymous" else 200)
    if who != "anonymous":
        assert [q["key"] for q in response.json()] == ["running-function"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("runner", 201), ("other_runner", 201), ("physio", 403),
     ("other_physio", 403), ("staff", 403)],
)  # fmt: skip
def test_api_only_runners_answer_and_only_for_themselves(client, world, clock, who, status):
    body = {"questionnaire": "running-function", "answers": all_answers(1)}

    response = login(client, world, who).post(
        "/api/outcomes/responses", body, content_type="application/json"
    )

    assert response.status_code == status
    assert set(response.json()) == ({"response", "interpretation"} if status == 201 else {"error"})
    if status == 201:
        assert world.questionnaire.responses.filter(runner=getattr(world, who), score=8).exists()


@pytest.mark.parametrize("path", ["/api/outcomes/responses", "/api/outcomes/scores"])
@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("runner", 200), ("other_runner", 404), ("physio", 200),
     ("other_physio", 404), ("staff", 200)],
)  # fmt: skip
def test_api_a_runners_answers_by_id(  # noqa: PLR0917 - pytest parameters
    client, world, clock, path, who, status
):
    response = login(client, world, who).get(path, {"runner": world.runner.pk})

    assert response.status_code == status
    if status == 404:
        assert response.json()["error"]["code"] == "not_found"
    if status == 200:
        body = response.json()
        rows = body if path.endswith("responses") else body[0]["scores"]
        assert [row["score"] for row in rows] == [16, 24]
        if who in {"physio", "staff"}:
            assert AccessLog.objects.filter(viewer=getattr(world, who), runner=world.runner)


@pytest.mark.parametrize("path", ["/api/outcomes/responses", "/api/outcomes/scores"])
def test_api_without_a_runner_a_runner_gets_their_own_and_a_physio_is_asked_which(
    client, world, clock, path
):
    own = login(client, world, "other_runner").get(path)
    client.logout()
    physio = login(client, world, "physio").get(path)

    assert own.status_code == 200
    body = own.json()
    assert body == [] or body[0]["scores"] == []
    assert physio.status_code == 422
    assert physio.json()["error"]["fields"] == {"runner": ["Required."]}
