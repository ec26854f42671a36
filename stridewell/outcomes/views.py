"""Outcome pages: a runner's questionnaires and scores, the questionnaire form, and a runner's
scores for their physio. Thin: the form reads, the service scores and stores, selectors read,
`stridewell.training.access` decides who may see whose (404 for anyone else)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from stridewell.accounts.models import User
from stridewell.outcomes.forms import QuestionnaireForm
from stridewell.outcomes.selectors import (
    outcome_summaries,
    questionnaire_active_get,
    responses_for,
    whose_scores,
)
from stridewell.outcomes.services import response_submit
from stridewell.training.access import runner_get_for_viewer
from stridewell.training.views_runner.common import clinician_page, go, runner_page, today_london


@runner_page
def mine(request: HttpRequest) -> HttpResponse:
    runner = cast(User, request.user)
    today = today_london()
    context = {
        "summaries": outcome_summaries(runner=runner, today=today),
        "today": today,
        "own": True,
        "runner": runner,
    }
    return render(request, "outcomes/scores.html", context)


@runner_page
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, key: str) -> HttpResponse:
    runner = cast(User, request.user)
    questionnaire = questionnaire_active_get(key=key)
    if questionnaire is None:
        raise Http404("No such questionnaire.")
    today = today_london()
    answered_today = (
        responses_for(runner=runner, questionnaire=questionnaire).filter(date=today).first()
    )
    form = QuestionnaireForm(request.POST or None, spec=questionnaire.spec)
    if request.method == "POST" and answered_today is None and form.is_valid():
        try:
            response = response_submit(
                runner=runner, questionnaire=questionnaire, answers=form.answers(), today=today
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            spec = questionnaire.spec
            messages.success(
                request, f"Thank you. Your score today is {response.score} out of {spec.high}."
            )
            return go(request, reverse("outcomes:mine") + f"#q-{questionnaire.key}")
    context = {
        "questionnaire": questionnaire,
        "spec": questionnaire.spec,
        "form": form,
        "answered_today": answered_today,
    }
    return render(request, "outcomes/answer.html", context)


@clinician_page
def runner_scores(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = runner_get_for_viewer(viewer=request.user, runner_id=runner_id, what="outcomes.scores")
    today = today_london()
    whose = whose_scores(runner)
    context = {
        "summaries": outcome_summaries(runner=runner, today=today, whose=whose),
        "today": today,
        "own": False,
        "runner": runner,
    }
    return render(request, "outcomes/scores.html", context)
