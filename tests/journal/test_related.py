"""Related reading on the article page: shared tags first, then similar text, then the newest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from stridewell.journal.models import Article
from stridewell.journal.selectors.related import article_related

pytestmark = pytest.mark.django_db


def slugs(articles) -> list[str]:
    return [a.slug for a in articles]


def test_shared_tags_beat_similar_text(make_article):
    base = make_article(
        "Hamstring tendon care",
        slug="base",
        tags=["Tendons", "Injuries"],
        body="hamstring tendon sitting bone pain",
    )
    make_article("Hamstring tendon loading", slug="similar", body="hamstring tendon loading pain")
    make_article("Achilles", slug="one-tag", tags=["Tendons"], body="calf raises")
    make_article("Both tags", slug="two-tags", tags=["Tendons", "Injuries"], body="ankle")

    assert slugs(article_related(article=base)) == ["two-tags", "one-tag", "similar"]


def test_similar_text_comes_before_merely_recent_articles(make_article):
    now = timezone.now()
    base = make_article(
        "Ski fitness",
        slug="base",
        body="skiing squats slopes braking legs",
        publish_at=now - timedelta(days=10),
    )
    make_article(
        "Newest", slug="newest", body="marathon taper", publish_at=now - timedelta(hours=1)
    )
    make_article(
        "Ski legs", slug="ski", body="skiing slopes braking", publish_at=now - timedelta(days=30)
    )

    assert slugs(article_related(article=base, limit=2)) == ["ski", "newest"]


def test_drafts_and_the_article_itself_are_never_related(make_article):
    base = make_article("Hip", slug="base", tags=["Hip"])
    make_article(
        "Hip draft", slug="draft", tags=["Hip"], status=Article.Status.DRAFT, publish_at=None
    )

    assert slugs(article_related(article=base)) == []


def test_a_newly_published_article_is_considered_without_waiting_for_the_cache(make_article):
    base = make_article("Ski fitness", slug="base", body="skiing slopes braking")
    assert slugs(article_related(article=base)) == []  # fills the cache

    make_article("Ski legs", slug="ski", body="skiing slopes braking")

    assert slugs(article_related(article=base)) == ["ski"]
