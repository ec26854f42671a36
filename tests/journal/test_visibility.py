"""Drafts and scheduled articles stay out of sight: pages, feeds, sitemap, search and API.
Clinic staff can preview them on the site."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from stridewell.accounts.models import Role
from stridewell.journal.models import Article

pytestmark = pytest.mark.django_db

HIDDEN_PLACES = [
    "/journal/",
    "/journal/tags/secret/",
    "/journal/search/?q=Secret",
    "/journal/feed/rss/",
    "/journal/feed/atom/",
    "/sitemap.xml",
    "/api/journal/articles",
]


@pytest.fixture(params=["draft", "scheduled"])
def hidden(request, make_article, article) -> Article:
    if request.param == "draft":
        return make_article(
            "Secret plan", slug="secret-plan", tags=["Secret"], status="draft", publish_at=None
        )
    return make_article(
        "Secret plan",
        slug="secret-plan",
        tags=["Secret"],
        publish_at=timezone.now() + timedelta(hours=2),
    )


@pytest.mark.parametrize("path", HIDDEN_PLACES)
def test_unpublished_articles_appear_nowhere(client, hidden, path):
    response = client.get(path)

    assert "secret-plan" not in response.content.decode()
    assert "Secret plan" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/journal/secret-plan/",
        "/api/journal/articles/secret-plan",
        "/api/journal/articles/secret-plan/comments",
    ],
)
def test_unpublished_articles_are_not_found(client, hidden, path):
    assert client.get(path).status_code == 404


def test_commenting_on_an_unpublished_article_is_not_found(client, hidden):
    response = client.post(
        "/journal/secret-plan/comments/",
        {"name": "A", "email": "a@example.com", "body": "Hello"},
    )

    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.RUNNER, Role.PHYSIO])
def test_only_clinic_staff_can_preview(client, hidden, make_user, role):
    client.force_login(make_user(f"{role}@example.com", role=role))

    assert client.get("/journal/secret-plan/").status_code == 404


def test_staff_preview_is_marked_and_kept_out_of_search_engines(staff_client, hidden):
    html = staff_client.get("/journal/secret-plan/").content.decode()

    assert 'data-testid="preview-notice"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'data-testid="comment-form"' not in html


def test_a_scheduled_article_appears_by_itself_when_its_time_comes(client, make_article):
    scheduled = make_article("Soon", slug="soon", publish_at=timezone.now() + timedelta(hours=1))
    assert client.get("/journal/soon/").status_code == 404

    # Nobody saves anything: the clock simply passes the publication time.
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(seconds=1))

    assert client.get("/journal/soon/").status_code == 200
    assert "/journal/soon/" in client.get("/journal/feed/rss/").content.decode()
