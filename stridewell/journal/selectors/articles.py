"""Reads: published articles, tags, and what a given reader may see."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Max, Q, QuerySet

from stridewell.journal.models import Article, Tag

PAGE_SIZE = 10


def reader_can_preview(user: object) -> bool:
    """Clinic staff may look at drafts and scheduled articles on the site before readers do."""
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "is_clinic_staff", False)
    )


# Lists, feeds and the sitemap never show the text itself; leaving it out keeps a page of ten
# articles from carrying ten full bodies (Markdown and HTML) from the database.
_TEXT = ("body", "body_html")


def article_list_published(*, tag: Tag | None = None) -> QuerySet[Article]:
    articles = (
        Article.objects.published().select_related("author").prefetch_related("tags").defer(*_TEXT)
    )
    if tag is not None:
        articles = articles.filter(tags=tag)
    return articles.order_by("-publish_at", "-id")


def article_page(
    *, number: str | int | None, tag: Tag | None = None, per_page: int = PAGE_SIZE
) -> Page | None:
    """One page of published articles, or None when `number` is not a page that exists."""
    paginator = Paginator(article_list_published(tag=tag), per_page, allow_empty_first_page=True)
    try:
        return paginator.page(number or 1)
    except (EmptyPage, PageNotAnInteger):
        return None


def article_get_for_reader(*, slug: str, user: object) -> Article | None:
    """The article at `slug` if this reader may see it (published, or staff previewing)."""
    article = (
        Article.objects.select_related("author").prefetch_related("tags").filter(slug=slug).first()
    )
    if article is None:
        return None
    if article.is_visible() or reader_can_preview(user):
        return article
    return None


def article_get_published(*, slug: str) -> Article | None:
    return (
        Article.objects.published()
        .select_related("author")
        .prefetch_related("tags")
        .filter(slug=slug)
        .first()
    )


def tag_get(*, slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def tag_list_in_use() -> list[Tag]:
    """Tags on at least one published article, each with `article_count`."""
    published = Article.objects.published()
    return list(
        Tag.objects.annotate(
            article_count=Count("articles", filter=Q(articles__in=published), distinct=True)
        )
        .filter(article_count__gt=0)
        .order_by("name")
    )


@dataclass(frozen=True, slots=True)
class JournalVersion:
    count: int
    latest_update: str
    latest_publish: str

    @property
    def key(self) -> str:
        """A short digest, safe in any cache backend's keys."""
        raw = f"{self.count}|{self.latest_update}|{self.latest_publish}"
        return hashlib.sha256(raw.encode()).hexdigest()[:24]


def journal_version() -> JournalVersion:
    """Changes whenever the set of readable articles or their text changes (one query).

    A scheduled article going live changes the count and the latest publication time even
    though nobody saved anything, so caches keyed on this expire at the right moment.
    """
    row = Article.objects.published().aggregate(
        count=Count("id"), latest_update=Max("updated_at"), latest_publish=Max("publish_at")
    )
    return JournalVersion(
        count=row["count"] or 0,
        latest_update=str(row["latest_update"]),
        latest_publish=str(row["latest_publish"]),
    )
