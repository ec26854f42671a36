"""Related reading: shared tags first, then text similarity, then the newest articles."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count

from stridewell.journal.models import Article
from stridewell.journal.selectors.articles import journal_version
from stridewell.journal.similarity import document_text, nearest_neighbours, rank_related

RELATED_LIMIT = 3
CACHE_SECONDS = 60 * 60 * 24
_NEWEST_KEPT = 10


@dataclass(frozen=True, slots=True)
class Corpus:
    neighbours: dict[int, list[tuple[int, float]]]
    newest: list[int]


def _corpus_build() -> Corpus:
    rows = list(
        Article.objects.published()
        .order_by("-publish_at", "-id")
        .values_list("id", "title", "excerpt", "body")
    )
    docs = {pk: document_text(title=t, excerpt=e, body=b) for pk, t, e, b in rows}
    return Corpus(
        neighbours=nearest_neighbours(docs), newest=[row[0] for row in rows[:_NEWEST_KEPT]]
    )


def related_corpus() -> Corpus:
    """Similarity for every published article, rebuilt only when the journal changes."""
    key = f"journal:corpus:{journal_version().key}"
    corpus = cache.get(key)
    if corpus is None:
        corpus = _corpus_build()
        cache.set(key, corpus, CACHE_SECONDS)
    return corpus


def article_related(*, article: Article, limit: int = RELATED_LIMIT) -> list[Article]:
    """Up to `limit` published articles to read next (always three queries, or four when
    the similarity cache is cold)."""
    corpus = related_corpus()
    # A subquery (not a list of ids) so the query count does not depend on the tag count.
    article_tags = Article.tags.through.objects.filter(article_id=article.pk).values("tag_id")
    shared = dict(
        Article.objects.published()
        .filter(tags__in=article_tags)
        .exclude(pk=article.pk)
        .values("id")
        .annotate(shared=Count("id"))
        .values_list("id", "shared")
    )
    ids = rank_related(
        shared_tags=shared,
        similarity=dict(corpus.neighbours.get(article.pk, [])),
        fallback=corpus.newest,
        exclude=article.pk,
        limit=limit,
    )
    found = (
        Article.objects.published().select_related("author").defer("body", "body_html").in_bulk(ids)
    )
    return [found[pk] for pk in ids if pk in found]
