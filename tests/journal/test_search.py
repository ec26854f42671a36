"""Search: PostgreSQL full-text search (stemming, ranking) or a plain word match on SQLite.

The suite runs on both databases in CI, so this test checks whichever one is active,
with the behaviour that backend promises, and never skips.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection

from stridewell.journal.models import Article
from stridewell.journal.selectors.search import article_search, search_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(make_article):
    return {
        "hamstring": make_article(
            "Pain where you sit",
            slug="hamstring",
            excerpt="The hamstring tendon at the sitting bone.",
            body="A tendon that gets irritable with hills and speed work.",
        ),
        "glute": make_article(
            "Hip strength for marathon runners",
            slug="glute",
            excerpt="The gluteus medius keeps the pelvis level.",
            body="Clams, side steps and squats. Tendon pain is rare here.",
        ),
        "ski": make_article(
            "Getting fit for skiing",
            slug="ski",
            excerpt="Braking strength for the slopes.",
            body="Wall sits and lateral lunges.",
        ),
        "draft": make_article(
            "Hamstring draft", slug="draft", status=Article.Status.DRAFT, publish_at=None
        ),
    }


def slugs(query: str) -> list[str]:
    return [a.slug for a in article_search(query=query)]


def test_the_backend_matches_the_database():
    expected = "postgresql" if connection.vendor == "postgresql" else "simple"
    assert search_backend() == expected


def test_a_word_finds_the_articles_that_contain_it_and_never_drafts(library):
    assert slugs("hamstring") == ["hamstring"]
    assert sorted(slugs("tendon")) == ["glute", "hamstring"]


def test_every_word_must_match(library):
    assert slugs("tendon hills") == ["hamstring"]
    assert slugs("tendon skiing") == []


def test_case_does_not_matter(library):
    assert slugs("SKIING") == ["ski"]


def test_an_empty_query_finds_nothing(library):
    assert slugs("   ") == []


def test_backend_specific_behaviour(library):
    if search_backend() == "postgresql":
        # English stemming: "tendons" and "slope" find "tendon" and "slopes".
        assert sorted(slugs("tendons")) == ["glute", "hamstring"]
        assert slugs("slope") == ["ski"]
        # Title matches (weight A) rank above body matches (weight C).
        assert slugs("tendon")[0] == "hamstring"
        # Web-search syntax: a minus excludes.
        assert slugs("tendon -hills") == ["glute"]
    else:
        # The simple fallback matches substrings: "slope" is inside "slopes"…
        assert slugs("slope") == ["ski"]
        # …but there is no stemming: "tendons" is not inside "tendon".
        assert slugs("tendons") == []


def test_the_search_page_lists_results_and_is_not_indexed(client, library):
    html = client.get("/journal/search/?q=skiing").content.decode()

    assert re.findall(r'class="article-card__title"><a href="([^"]+)"', html) == ["/journal/ski/"]
    assert "1 article found for “skiing”." in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_the_search_page_explains_when_nothing_matches_and_escapes_the_query(client, library):
    html = client.get("/journal/search/?q=<b>zzz</b>").content.decode()

    assert "No articles found for “&lt;b&gt;zzz&lt;/b&gt;”." in html
