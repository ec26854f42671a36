"""The outcomes API, mounted at /api/outcomes.

Every endpoint needs a Bearer token or the browser session with CSRF. A runner reads and answers
only their own questionnaires; a physio passes `runner` to read the scores of a runner they may
see (the same right as reading that runner's training); anyone else gets 404. Bad answers are a
422 in the shared error shape, naming each item (`answers.<item key>`), and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Status

from stridewell.accounts.models import Role, User
from stridewell.api.auth import api_auth
from stridewell.api.errors import ApiError
from stridewell.core.time import now_london
from stridewell.outcomes import engine
from stridewell.outcomes.api.schemas import (
    QuestionnaireOut,
    ResponseCreated,
    ResponseIn,
    ResponseOut,
    ScoresOut,
    questionnaire_out,
    response_out,
    scores_out,
)
from stridewell.outcomes.selectors import (
    outcome_summaries,
    questionnaire_active_get,
    questionnaires_active,
    responses_for,
    whose_scores,
)
from stridewell.outcomes.services import response_submit
from stridewell.training.access import runner_get_for_viewer

router = Router(tags=["outcomes"], auth=api_auth)


def _who(request: HttpRequest, runner: int | None, what: str) -> User:
    user = request.auth  # type: ignore[attr-defined]
    if runner is None or runner == user.pk:
        if user.role != Role.RUNNER:
            raise ApiError(
                422, "invalid", "Say which runner: ?runner=<id>.", {"runner": ["Required."]}
            )
        return user
    return runner_get_for_viewer(viewer=user, runner_id=runner, what=what)


def _answer_fields(exc: ValidationError) -> dict[str, list[str]]:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {engine.ALL: exc.messages}
    return {
        ("answers" if key == engine.ALL else f"answers.{key}"): list(messages)
        for key, messages in fields.items()
    }


@router.get("/questionnaires", response=list[QuestionnaireOut], summary="Questionnaires on offer")
def questionnaires_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Each questionnaire with its items, answers and scores, range, direction and MCID."""
    return [questionnaire_out(q) for q in questionnaires_active()]


@router.post("/responses", response={201: ResponseCreated}, summary="Answer a questionnaire")
def responses_create(request: HttpRequest, payload: ResponseIn) -> Status[dict[str, Any]]:
    """A runner's answers for today (London). One response per questionnaire a day (409)."""
    user = request.auth  # type: ignore[attr-defined]
    if user.role != Role.RUNNER:
        raise ApiError(403, "forbidden", "Only runners answer their own questionnaires.")
    questionnaire = questionnaire_active_get(key=payload.questionnaire)
    if questionnaire is None:
        message = f"No questionnaire '{payload.questionnaire}' is offered."
        raise ApiError(422, "invalid", message, {"questionnaire": [message]})
    today = now_london().date()
    try:
        response = response_submit(
            runner=user, questionnaire=questionnaire, answers=payload.answers, today=today
        )
    except ValidationError as exc:
        fields = _answer_fields(exc)
        codes = [e.code for errors in getattr(exc, "error_dict", {}).values() for e in errors]
        if "conflict" in codes:
            raise ApiError(409, "conflict", next(iter(fields.values()))[0], fields) from None
        message = " ".join(m for ms in fields.values() for m in ms)
        raise ApiError(422, "invalid", message, fields) from None
    summary = next(
        s
        for s in outcome_summaries(runner=user, today=today)
        if s.questionnaire.pk == questionnaire.pk
    )
    sentence = summary.interpretation.sentence if summary.interpretation else None
    return Status(201, {"response": response_out(response), "interpretation": sentence})


@router.get("/responses", response=list[ResponseOut], summary="Answers given, oldest first")
def responses_list(request: HttpRequest, runner: int | None = None) -> list[dict[str, Any]]:
    """Your own answers; a physio passes `runner`."""
    who = _who(request, runner, "outcomes.responses")
    return [response_out(r) for r in responses_for(runner=who).order_by("date", "pk")]


@router.get("/scores", response=list[ScoresOut], summary="Scores over time, interpreted")
def scores_list(request: HttpRequest, runner: int | None = None) -> list[dict[str, Any]]:
    """Per questionnaire: the scores, what the latest says against the first (MCID), and when
    the next answers are due. Your own; a physio passes `runner`."""
    who = _who(request, runner, "outcomes.scores")
    viewer = request.auth  # type: ignore[attr-defined]
    whose = "Your" if who.pk == viewer.pk else whose_scores(who)
    summaries = outcome_summaries(runner=who, today=now_london().date(), whose=whose)
    return [scores_out(s) for s in summaries]
