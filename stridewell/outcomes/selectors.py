"""Reads: the questionnaires on offer, a runner's responses, and what is due when.

Each function runs a fixed number of queries whatever the runner's history (see the tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Q, QuerySet, Subquery

from stridewell.accounts.models import User
from stridewell.outcomes import engine
from stridewell.outcomes.charts import ScoreChart, score_chart
from stridewell.outcomes.models import Questionnaire, Response
from stridewell.training.models import Screening


def questionnaires_active() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(is_active=True)


def questionnaire_active_get(*, key: str) -> Questionnaire | None:
    return questionnaires_active().filter(key=key).first()


def responses_for(
    *, runner: User, questionnaire: Questionnaire | None = None
) -> QuerySet[Response]:
    rows = Response.objects.filter(runner=runner).select_related("questionnaire")
    return rows.filter(questionnaire=questionnaire) if questionnaire else rows


def whose_scores(runner: User) -> str:
    """How a clinician's page names the runner's scores: "Amara's score has improved..."."""
    return f"{runner.first_name}'s" if runner.first_name else "The runner's"


def _last_screening(runner: User) -> Subquery:
    return Subquery(Screening.objects.filter(runner=runner).order_by("-date").values("date")[:1])


@dataclass(frozen=True)
class DueRow:
    questionnaire: Questionnaire
    due: engine.Due
    last_on: date | None


def outcome_due_list(*, runner: User, today: date) -> list[DueRow]:
    """Each active questionnaire with whether it is due for `runner` (one query)."""
    rows = questionnaires_active().annotate(
        last_on=Max("responses__date", filter=Q(responses__runner=runner)),
        screened_on=_last_screening(runner),
    )
    return [
        DueRow(
            q,
            engine.questionnaire_due(
                schedule=q.spec.schedule,
                last_on=q.last_on,  # type: ignore[attr-defined]
                screened_on=q.screened_on,  # type: ignore[attr-defined]
                today=today,
            ),
            q.last_on,  # type: ignore[attr-defined]
        )
        for q in rows
    ]


@dataclass(frozen=True)
class Summary:
    questionnaire: Questionnaire
    responses: list[Response]  # oldest first
    interpretation: engine.Interpretation | None
    chart: ScoreChart | None
    due: engine.Due | None  # None for a questionnaire no longer offered

    @property
    def rows(self) -> list[tuple[Response, int]]:
        """Each response with its change from the first, for the chart's table."""
        first = self.responses[0].score if self.responses else 0
        return [(r, r.score - first) for r in self.responses]


def outcome_summaries(*, runner: User, today: date, whose: str = "Your") -> list[Summary]:
    """Every questionnaire on offer, and any other the runner answered, with scores, chart,
    interpretation and due date (two queries)."""
    due_rows = {row.questionnaire.pk: row for row in outcome_due_list(runner=runner, today=today)}
    by_questionnaire: dict[int, list[Response]] = {}
    questionnaires = {pk: row.questionnaire for pk, row in due_rows.items()}
    for response in responses_for(runner=runner).order_by("date", "pk"):
        by_questionnaire.setdefault(response.questionnaire_id, []).append(response)
        questionnaires.setdefault(response.questionnaire_id, response.questionnaire)
    out = []
    for pk, questionnaire in sorted(questionnaires.items(), key=lambda kv: kv[1].name):
        spec = questionnaire.spec
        responses = by_questionnaire.get(pk, [])
        points = [engine.ScorePoint(r.date, r.score) for r in responses]
        interpretation = engine.change_interpret(
            points=points,
            mcid=spec.mcid.points,
            direction=spec.direction,
            high=spec.high,
            is_provisional=spec.mcid.is_provisional,
            whose=whose,
        )
        chart = score_chart(
            title=f"{spec.name}: score over time",
            points=points,
            low=spec.low,
            high=spec.high,
            mcid=spec.mcid.points,
            higher_is_better=spec.direction is engine.Direction.HIGHER_IS_BETTER,
        )
        row = due_rows.get(pk)
        out.append(
            Summary(questionnaire, responses, interpretation, chart, row.due if row else None)
        )
    return out
