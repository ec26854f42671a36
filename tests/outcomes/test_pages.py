"""The runner answers on one page and sees the score, chart and what the change means; the
dashboard says when answers are due; the physio sees the scores on the runner's page."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from stridewell.outcomes.models import Response

from .conftest import SCREENED, TODAY, all_answers, answer, login, screen


def text(response) -> str:
    """The page as a reader sees it (entities such as ' decoded)."""
    return html.unescape(response.content.decode())


ANSWER_URL = reverse("outcomes:answer", args=["running-function"])


def form_data(values: dict[str, int]) -> dict[str, str]:
    return {f"q_{k}": str(v) for k, v in values.items()}


def test_answering_stores_the_score_and_shows_it_with_the_change(client, world, clock):
    values = all_answers(3) | {"easy_flat": 4, "strides": 4}  # 26/32: 10 better than 16

    response = login(client, world, "runner").post(ANSWER_URL, form_data(values), follow=True)

    stored = Response.objects.get(runner=world.runner, date=TODAY)
    assert (stored.score, stored.answered, stored.rule) == (26, 8, "Q10_scored_all_answered")
    page = text(response)
    assert "Thank you. Your score today is 26 out of 32." in page
    assert (
        "Your score has improved by 10 points since 2 March, more than the 4 points that counts "
        "as a real change (a provisional figure for this questionnaire)." in page
    )
    assert page.count('class="om-dot') == 3  # the chart has the three answers


def test_the_form_is_one_page_of_radio_groups_with_legends(client, world, clock):
    page = text(login(client, world, "runner").get(ANSWER_URL))

    assert page.count("<fieldset") == 8
    assert page.count("<legend>") == 8
    assert page.count('type="radio"') == 40
    assert "1. An easy 30-minute run on flat ground" in page
    assert "Could not do it" in page
    assert "Not hard at all" in page


def test_blanks_are_named_next_to_the_item_and_at_the_top_and_answers_are_kept(
    client, world, clock
):
    values = all_answers(2)
    del values["downhill"], values["strides"]

    response = login(client, world, "runner").post(ANSWER_URL, form_data(values))

    assert response.status_code == 200
    assert not Response.objects.filter(date=TODAY).exists()
    page = text(response)
    assert "Please check your answers" in page
    assert "Answer every question: 2 are blank." in page
    assert '<a href="#item-downhill">Question 4: Choose an answer.</a>' in page
    assert '<a href="#item-strides">Question 6: Choose an answer.</a>' in page
    assert 'id="item-downhill-error"' in page
    assert 'aria-describedby="item-downhill-error"' in page
    # Everything answered is still ticked: six items, one checked radio each.
    assert len(re.findall(r'value="2"[^>]*checked', page)) == 6


def test_a_tampered_answer_is_refused_next_to_its_item(client, world, clock):
    data = form_data(all_answers(2)) | {"q_uphill": "9"}

    response = login(client, world, "runner").post(ANSWER_URL, data)

    assert "Question 5: Choose one of the answers shown." in text(response)
    assert not Response.objects.filter(date=TODAY).exists()


def test_a_second_answer_the_same_day_is_not_stored(client, world, clock):
    answer(world.runner, world.questionnaire, TODAY, 1)

    c = login(client, world, "runner")
    page = text(c.get(ANSWER_URL))
    c.post(ANSWER_URL, form_data(all_answers(4)))

    assert "You answered these questions today (score 8 out of 32)" in page
    assert Response.objects.get(runner=world.runner, date=TODAY).score == 8


def test_an_unknown_or_withdrawn_questionnaire_is_not_found(client, world, clock):
    c = login(client, world, "runner")
    assert c.get(reverse("outcomes:answer", args=["lefs"])).status_code == 404
    world.questionnaire.is_active = False
    world.questionnaire.save()
    assert c.get(ANSWER_URL).status_code == 404


def test_the_scores_page_draws_the_chart_with_the_band_and_a_table(client, world, clock):
    page = text(login(client, world, "runner").get(reverse("outcomes:mine")))

    assert '<svg class="chart om-chart"' in page
    assert '<title id="om-chart-1-title">Running function (Stridewell, 8 questions): score' in page
    assert 'class="om-band"' in page
    assert "first score ± 4 points: no real change" in page
    assert "Score (0–32, higher is better)" in page
    assert "Date answered" in page
    assert '<th scope="row">16 Mar 2026</th><td>24</td><td>+8</td>' in page
    assert "Your score has improved by 8 points since 2 March" in page


# The training dashboard: "due" when four weeks have passed since the last answers.


def test_the_dashboard_says_due_four_weeks_after_the_last_answers(client, people, questionnaire,
                                                                  ladder, clock):  # fmt: skip
    screen(people.runner, people.physio)
    answer(people.runner, questionnaire, TODAY - timedelta(weeks=4), 2)

    page = text(login(client, people, "runner").get(reverse("training:dashboard")))

    assert 'data-testid="questionnaire-due"' in page
    assert "Due now: Running function (Stridewell, 8 questions)." in page
    assert "It's 4 weeks or more since your last answers (3 March)." in page
    assert ANSWER_URL in page


def test_the_dashboard_is_quiet_when_the_answers_are_recent(client, people, questionnaire,
                                                            ladder, clock):  # fmt: skip
    screen(people.runner, people.physio)
    answer(people.runner, questionnaire, TODAY - timedelta(weeks=4) + timedelta(days=1), 2)

    page = text(login(client, people, "runner").get(reverse("training:dashboard")))

    assert 'data-testid="questionnaire-due"' not in page
    assert "Next due on 1 April, 4 weeks after your last answers." in page


def test_the_first_answers_are_due_once_the_runner_is_screened(client, people, questionnaire,
                                                                ladder, clock):  # fmt: skip
    c = login(client, people, "runner")
    before = text(c.get(reverse("training:dashboard")))
    screen(people.runner, people.physio, day=SCREENED)
    after = text(c.get(reverse("training:dashboard")))

    assert 'data-testid="questionnaire-due"' not in before
    assert "You'll be asked for your first answers when you are screened." in before
    assert 'data-testid="questionnaire-due"' in after


def test_the_physio_sees_the_scores_on_the_runners_page(client, world, clock):
    url = reverse("training:physio_runner", args=[world.runner.pk])

    page = text(login(client, world, "physio").get(url))

    assert 'data-testid="outcomes-card"' in page
    assert "Amara's score has improved by 8 points since 2 March" in page
    assert reverse("outcomes:runner_scores", args=[world.runner.pk]) in page


def test_the_physio_scores_page_names_the_runner(client, world, clock):
    url = reverse("outcomes:runner_scores", args=[world.runner.pk])

    page = text(login(client, world, "physio").get(url))

    assert "Outcome measures: Amara Okafor" in page
    assert "Amara's score has improved by 8 points" in page
    assert "Answer the questions" not in page


@pytest.mark.parametrize("who", ["physio", "staff"])
def test_a_clinician_opening_the_questionnaire_page_is_sent_to_their_pages(
    client, world, clock, who
):
    response = login(client, world, who).get(ANSWER_URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("training:physio_dashboard")
