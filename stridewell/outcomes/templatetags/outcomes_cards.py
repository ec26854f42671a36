"""Small cards other apps' pages include: the runner's "questionnaire due" notice on the training
dashboard, and a runner's latest scores on their physio's page. Each runs a fixed number of
queries (one for the runner's card, two for the physio's)."""

from __future__ import annotations

from typing import Any

from django import template

from stridewell.outcomes.selectors import outcome_due_list, outcome_summaries, whose_scores
from stridewell.training.views_runner.common import today_london

register = template.Library()


@register.inclusion_tag("outcomes/_runner_card.html", takes_context=True)
def outcomes_runner_card(context: template.Context) -> dict[str, Any]:
    """For the runner's own dashboard (`request.user` is the runner)."""
    runner = context["request"].user
    today = context.get("today") or today_london()
    return {"rows": outcome_due_list(runner=runner, today=today)}


@register.inclusion_tag("outcomes/_physio_card.html")
def outcomes_physio_card(runner: Any) -> dict[str, Any]:
    """For a page whose view already checked (and audited) that the viewer may see `runner`."""
    whose = whose_scores(runner)
    return {
        "runner": runner,
        "summaries": outcome_summaries(runner=runner, today=today_london(), whose=whose),
    }
