"""The demo runner's two sets of answers (a real change called out), and "Download my data"
carrying a runner's own answers and nobody else's."""

from __future__ import annotations

import json
from datetime import date

from stridewell.outcomes.demo import seed_outcomes_demo
from stridewell.outcomes.models import Questionnaire, Response
from stridewell.outcomes.selectors import outcome_summaries

from .conftest import SCREENED, login, screen

DEMO_TODAY = date(2026, 4, 20)  # seven weeks after the screening


def test_the_demo_runner_answered_at_screening_and_four_weeks_later(people, ladder):
    screen(people.runner, people.physio)

    seed_outcomes_demo(runner=people.runner, today=DEMO_TODAY)
    seed_outcomes_demo(runner=people.runner, today=DEMO_TODAY)  # twice: nothing new

    assert Questionnaire.objects.count() == 1
    rows = list(Response.objects.values_list("date", "score"))
    assert rows == [(SCREENED, 18), (date(2026, 3, 30), 24)]
    (summary,) = outcome_summaries(runner=people.runner, today=DEMO_TODAY)
    assert summary.interpretation.sentence.startswith(
        "Your score has improved by 6 points since 2 March, more than the 4 points"
    )


def test_a_runner_without_a_screening_gets_no_demo_answers(people):
    seed_outcomes_demo(runner=people.runner, today=DEMO_TODAY)

    assert not Response.objects.exists()


def test_download_my_data_carries_my_answers_only(client, world):
    document = json.loads(login(client, world, "runner").get("/accounts/my-data/").content)
    client.logout()
    other = json.loads(login(client, world, "other_runner").get("/accounts/my-data/").content)

    rows = document["outcomes"]["responses"]
    assert [(r["questionnaire__key"], r["score"]) for r in rows] == [
        ("running-function", 16),
        ("running-function", 24),
    ]
    assert rows[0]["answers"]["easy_flat"] == 2
    assert other["outcomes"]["responses"] == []
