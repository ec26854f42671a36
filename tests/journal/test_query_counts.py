"""The article page costs the same number of queries however many comments and tags it has."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from stridewell.journal.models import Article
from stridewell.journal.services import comment_approve, comment_reply_as_clinic

pytestmark = pytest.mark.django_db

# Article with author, its tags, its comments, the exercise library's names, the journal
# version (the related-articles cache key), the shared-tag counts, the related articles, and
# the clinic footer (two queries here, where no clinic profile is set up).
ARTICLE_PAGE_QUERIES = 9


@pytest.fixture
def build(make_article, post, staff_user):
    def do(*, tags: int, threads: int) -> Article:
        return _build(make_article, post, staff_user, tags=tags, threads=threads)

    return do


def _build(make_article, post, staff_user, *, tags: int, threads: int) -> Article:
    article = make_article(
        f"Article with {tags} tags",
        body="Hip strength " * 50,
        tags=[f"Tag {n}" for n in range(tags)],
    )
    make_article("Neighbour", body="Hip strength and knees", tags=["Tag 0"])
    for n in range(threads):
        top = comment_approve(
            comment=post(article, email=f"r{n}@example.com", body=f"Comment {n}").comment,
            by=staff_user,
        )
        reply = comment_reply_as_clinic(parent=top, body=f"Reply {n}", by=staff_user)
        comment_reply_as_clinic(parent=reply, body=f"Reply to reply {n}", by=staff_user)
    return article


@pytest.mark.parametrize(("tags", "threads"), [(1, 1), (6, 15)])
def test_article_page_query_count_is_constant(
    client, build, django_assert_num_queries, tags, threads
):
    article = build(tags=tags, threads=threads)
    cache.clear()
    client.get(article.get_absolute_url())  # warm the related-articles cache

    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('data-testid="comment"') == threads * 3


def test_a_cold_related_cache_costs_exactly_one_more_query(
    client, build, django_assert_num_queries
):
    article = build(tags=2, threads=2)
    cache.clear()

    with django_assert_num_queries(ARTICLE_PAGE_QUERIES + 1):
        client.get(article.get_absolute_url())


@pytest.mark.parametrize("articles", [3, 25])
def test_list_page_query_count_is_constant(
    client, make_article, django_assert_num_queries, articles
):
    for n in range(articles):
        make_article(f"Piece {n}", tags=[f"Tag {n % 4}", "Common"])

    # Count, the page of articles, their tags, the topic list, and the clinic footer (two).
    with django_assert_num_queries(6):
        assert client.get("/journal/").status_code == 200
