"""Article search: PostgreSQL full-text search where available, a simple match on SQLite."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet

from stridewell.journal.models import Article
from stridewell.journal.selectors.articles import article_list_published

QUERY_MAX = 200
_SQLITE_TERMS_MAX = 8


def search_backend() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "simple"


def article_search(*, query: str) -> QuerySet[Article]:
    """Published articles matching `query`, best first.

    PostgreSQL: English stemming ("tendons" finds "tendon"), title over summary over text,
    and web-search syntax ("quoted phrases", -exclusions). SQLite: every word must appear
    somewhere in the title, summary or text, newest first.
    """
    text = " ".join((query or "").split())[:QUERY_MAX]
    articles = article_list_published()
    if not text:
        return articles.none()
    if search_backend() == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("excerpt", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )
        search_query = SearchQuery(text, search_type="websearch", config="english")
        return (
            articles.annotate(search=vector, rank=SearchRank(vector, search_query))
            .filter(search=search_query)
            .order_by("-rank", "-publish_at", "-id")
        )
    condition = Q()
    for raw in text.split()[:_SQLITE_TERMS_MAX]:
        term = raw.strip("\"'")
        if term:
            condition &= (
                Q(title__icontains=term) | Q(excerpt__icontains=term) | Q(body__icontains=term)
            )
    return articles.filter(condition)
