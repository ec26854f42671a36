"""Each outcome page and endpoint runs the same number of queries however many answers the
runner has given (here 1 against 12)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from .conftest import SCREENED, answer, login, screen

# Every page: session + user, and the footer's clinic profile + opening hours (4).
MINE = 4 + 2  # questionnaires (with last answer and screening date), the runner's responses
ANSWER_GET = 4 + 2  # the questionnaire, "answered today?"
RUNNER_SCORES = 4 + 5  # runner, is-their-physio, access-log insert, questionnaires, responses
DASHBOARD_CARD = 1  # the one query the training dashboard gains
# API: session + user.
API_SCORES = 2 + 2  # questionnaires, responses
API_RESPONSES = 2 + 1  # responses with their questionnaire


@pytest.fixture
def history(request, people, questionnaire, ladder):
    screen(people.runner, people.physio)
    for n in range(request.param):
        answer(people.runner, questionnaire, SCREENED + timedelta(weeks=4 * n), n % 5)
    return people


@pytest.mark.parametrize("history", [1, 12], indirect=True)
def test_the_scores_page(client, history, clock, django_assert_num_queries):
    c = login(client, history, "runner")
    with django_assert_num_queries(MINE):
        response = c.get(reverse("outcomes:mine"))
    assert response.status_code == 200


@pytest.mark.parametrize("history", [1, 12], indirect=True)
def test_the_questionnaire_page(client, history, clock, django_assert_num_queries):
    c = login(client, history, "runner")
    with django_assert_num_queries(ANSWER_GET):
        response = c.get(reverse("outcomes:answer", args=["running-function"]))
    assert response.status_code == 200


@pytest.mark.parametrize("history", [1, 12], indirect=True)
def test_the_physios_scores_page(client, history, clock, django_assert_num_queries):
    c = login(client, history, "physio")
    with django_assert_num_queries(RUNNER_SCORES):
        response = c.get(reverse("outcomes:runner_scores", args=[history.runner.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("history", [1, 12], indirect=True)
def test_the_api_scores(client, history, clock, django_assert_num_queries):
    c = login(client, history, "runner")
    with django_assert_num_queries(API_SCORES):
        response = c.get("/api/outcomes/scores")
    assert response.status_code == 200


@pytest.mark.parametrize("history", [1, 12], indirect=True)
def test_the_api_responses(client, history, clock, django_assert_num_queries):
    c = login(client, history, "runner")
    with django_assert_num_queries(API_RESPONSES):
        response = c.get("/api/outcomes/responses")
    assert len(response.json()) == history.runner.outcome_responses.count()


def test_the_dashboard_card_is_one_query(rf, people, questionnaire, clock,
                                         django_assert_num_queries):  # fmt: skip
    from django.template import Context, Template

    request = rf.get("/")
    request.user = people.runner
    template = Template("{% load outcomes_cards %}{% outcomes_runner_card %}")
    with django_assert_num_queries(DASHBOARD_CARD):
        html = template.render(Context({"request": request, "today": clock}))
    assert "You'll be asked for your first answers when you are screened." in html.replace(
        "&#x27;", "'"
    )


def test_the_physio_card_is_two_queries(people, questionnaire, clock,
                                        django_assert_num_queries):  # fmt: skip
    from django.template import Context, Template

    template = Template("{% load outcomes_cards %}{% outcomes_physio_card runner %}")
    with django_assert_num_queries(2):
        html = template.render(Context({"runner": people.runner}))
    assert "Not answered yet." in html
