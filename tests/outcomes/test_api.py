"""The outcomes API: questionnaires as data, answers scored or refused with a 422 naming each
item, one response a day (409), scores interpreted against the MCID."""

from __future__ import annotations

import pytest

from stridewell.outcomes.models import Response

from .conftest import TODAY, all_answers, login

URL = "/api/outcomes/responses"


def post(client, answers, questionnaire="running-function"):
    body = {"questionnaire": questionnaire, "answers": answers}
    return client.post(URL, body, content_type="application/json")


def test_questionnaires_list_items_answers_and_numbers(client, world):
    body = login(client, world, "runner").get("/api/outcomes/questionnaires").json()

    (q,) = body
    assert (q["key"], q["version"], q["min_score"], q["max_score"]) == (
        "running-function", "1.0", 0, 32,
    )  # fmt: skip
    assert q["mcid"]["points"] == 4
    assert q["mcid"]["provisional"] is True
    assert (q["every_weeks"], q["at_screening"], q["direction"]) == (4, True, "higher_is_better")
    assert len(q["items"]) == 8
    assert [a["score"] for a in q["items"][0]["answers"]] == [0, 1, 2, 3, 4]


def test_a_response_is_scored_and_interpreted(client, world, clock):
    response = post(login(client, world, "runner"), all_answers(3) | {"long_run": 1})

    assert response.status_code == 201
    body = response.json()
    assert body["response"]["score"] == 22
    assert body["response"]["date"] == TODAY.isoformat()
    assert body["response"]["rule"] == "Q10_scored_all_answered"
    assert body["interpretation"].startswith(
        "Your score has improved by 6 points since 2 March, more than the 4 points"
    )


@pytest.mark.parametrize(
    ("answers", "fields"),
    [
        (
            all_answers(2) | {"shoe_size": 9},
            {"answers.shoe_size": ["There is no question 'shoe_size' in this questionnaire."]},
        ),
        (
            all_answers(2) | {"downhill": 7},
            {"answers.downhill": ["Choose one of the answers (0, 1, 2, 3, 4)."]},
        ),
        (
            all_answers(2) | {"downhill": "3"},
            {"answers.downhill": ["Choose one of the answers (0, 1, 2, 3, 4)."]},
        ),
        (
            {k: v for k, v in all_answers(2).items() if k != "strides"},
            {
                "answers.strides": ["Choose an answer."],
                "answers": ["Answer every question: 1 is blank."],
            },
        ),
        (
            all_answers(2) | {"strides": None},
            {
                "answers.strides": ["Choose an answer."],
                "answers": ["Answer every question: 1 is blank."],
            },
        ),
    ],
    ids=["unknown item", "out of range", "text not a number", "missing", "null"],
)
def test_bad_answers_are_a_422_naming_each_item_and_nothing_is_stored(
    client, world, clock, answers, fields
):
    response = post(login(client, world, "runner"), answers)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"] == fields
    assert not Response.objects.filter(date=TODAY).exists()


def test_an_unknown_questionnaire_is_a_422(client, world, clock):
    response = post(login(client, world, "runner"), all_answers(2), questionnaire="lefs")

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "questionnaire": ["No questionnaire 'lefs' is offered."]
    }


def test_answers_that_are_not_a_mapping_are_a_422(client, world, clock):
    response = login(client, world, "runner").post(
        URL, {"questionnaire": "running-function", "answers": [1, 2]},
        content_type="application/json",
    )  # fmt: skip

    assert response.status_code == 422
    assert "answers" in response.json()["error"]["fields"]


def test_an_oversized_answers_mapping_is_refused_before_scoring(client, world, clock):
    flood = {f"item_{n}": 1 for n in range(201)}

    response = post(login(client, world, "runner"), flood)

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["answers"]


def test_a_second_response_the_same_day_is_a_409(client, world, clock):
    c = login(client, world, "runner")
    assert post(c, all_answers(1)).status_code == 201

    again = post(c, all_answers(4))

    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"
    assert Response.objects.get(runner=world.runner, date=TODAY).score == 8


def test_scores_carry_the_due_date_and_the_interpretation(client, world, clock):
    (summary,) = login(client, world, "runner").get("/api/outcomes/scores").json()

    assert [p["score"] for p in summary["scores"]] == [16, 24]
    assert summary["interpretation"]["rule"] == "Q21_better_by_at_least_mcid"
    assert summary["interpretation"]["change"] == 8
    assert summary["due"] == {
        "is_due": False,
        "due_on": "2026-04-13",
        "rule": "Q4_not_yet_due",
        "reason": "Next due on 13 April, 4 weeks after your last answers.",
    }


def test_a_physio_reads_the_runners_scores_in_the_third_person(client, world, clock):
    (summary,) = (
        login(client, world, "physio")
        .get("/api/outcomes/scores", {"runner": world.runner.pk})
        .json()
    )

    assert summary["interpretation"]["sentence"].startswith("Amara's score has improved")
