"""The runner's dashboard and GET /api/training/programme run the same number of queries
whatever the length of the runner's history (here: 1 week against 12 weeks of sessions,
check-ins and decisions, all inside the dashboard's chart window)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from stridewell.core.time import now_london

from .conftest import URLCONF, check_in, log

pytestmark = pytest.mark.urls(URLCONF)

DASHBOARD_QUERIES = 18  # 16 + 1 outcome-questionnaire card + 1 changes of physio (ADR 0014)
PROGRAMME_API_QUERIES = 5


def _history(runner, assign, weeks: int) -> None:
    """`weeks` of Tuesday and Friday sessions with next-morning check-ins, ending this week."""
    today = now_london().date()
    start = today - timedelta(days=today.weekday(), weeks=weeks)
    entries = assign(runner, start=start)
    for week in range(weeks):
        for offset in (1, 4):
            day = start + timedelta(weeks=week, days=offset)
            log(runner, entries, day, pain=week % 3)
            check_in(runner, day + timedelta(days=1), 0, 1)


@pytest.fixture
def seeded(request, client, runner, assign):
    """A client logged in as a runner with `request.param` weeks of history."""
    _history(runner, assign, request.param)
    client.force_login(runner)
    return client


@pytest.mark.parametrize(("seeded", "shown"), [(1, 4), (12, 6)], indirect=["seeded"])
def test_the_dashboard_query_count_does_not_grow_with_history(
    seeded, shown, django_assert_num_queries
):
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = seeded.get(reverse("training:dashboard"))

    assert response.status_code == 200
    # Two decisions a session (1 week: 2 sessions), capped at the six most recent.
    assert response.content.decode().count('data-testid="decision"') == shown


@pytest.mark.parametrize("seeded", [1, 12], indirect=True)
def test_the_programme_api_query_count_does_not_grow_with_history(
    seeded, django_assert_num_queries
):
    with django_assert_num_queries(PROGRAMME_API_QUERIES):
        response = seeded.get("/api/training/programme")

    assert response.status_code == 200
    assert len(response.json()["programme"]["entries"]) == 2
