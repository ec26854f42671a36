"""Journal API: published articles, approved comments (never an e-mail address), posting.

Posting goes through the same service as the page, so the same rules apply: first comments
wait, two or more links wait, flood control and rate limits, replies at most three deep.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, JsonResponse
from ninja import Field, Query, Router, Schema, Status

from stridewell.api.errors import ApiError, error_body
from stridewell.api.openapi import ErrorOut
from stridewell.api.types import MultiLineText, SingleLineText
from stridewell.core.ratelimit import client_ip
from stridewell.journal.commenttext import render_comment
from stridewell.journal.models import Article, Comment
from stridewell.journal.selectors.articles import (
    PAGE_SIZE,
    article_get_published,
    article_list_published,
    tag_get,
)
from stridewell.journal.selectors.comments import comment_list_approved
from stridewell.journal.selectors.exercises import article_body_html
from stridewell.journal.services import (
    ArticleUnavailableError,
    CommentThrottledError,
    comment_post,
)
from stridewell.journal.views.comments import PUBLISHED_MESSAGE, WAITING_MESSAGE
from stridewell.journal.views.seo import absolute_url

router = Router(tags=["journal"])

# The service names fields as the page form does; the API's input uses these names.
_API_FIELD = {"body": "text", "parent": "parent_id"}


class AuthorOut(Schema):
    name: str
    title: str


class TagOut(Schema):
    name: str
    slug: str


class ArticleSummaryOut(Schema):
    slug: str
    title: str
    excerpt: str
    url: str
    author: AuthorOut
    tags: list[TagOut]
    published_at: datetime
    updated_at: datetime | None
    reading_minutes: int
    hero_url: str
    hero_alt: str


class ArticleOut(ArticleSummaryOut):
    body_html: str
    comments_open: bool


class ArticlePageOut(Schema):
    items: list[ArticleSummaryOut]
    count: int
    page: int
    pages: int


class CommentOut(Schema):
    id: int
    parent_id: int | None
    depth: int
    author_name: str
    author_website: str
    is_clinic_reply: bool
    body: str
    body_html: str
    created_at: datetime


class CommentIn(Schema):
    name: SingleLineText = Field(max_length=500)
    email: SingleLineText = Field(max_length=500)
    text: MultiLineText = Field(
        max_length=20_000, description="Plain text; web addresses become links."
    )
    website: SingleLineText = Field("", max_length=500)
    parent_id: int | None = None
    notify_on_reply: bool = False


class CommentPostedOut(Schema):
    status: Literal["published", "pending"]
    message: str
    comment: CommentOut | None


def _summary(article: Article) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "title": article.title,
        "excerpt": article.excerpt,
        "url": absolute_url(article.get_absolute_url()),
        "author": {"name": article.author.display_name, "title": article.author.title},
        "tags": [{"name": t.name, "slug": t.slug} for t in article.tags.all()],
        "published_at": article.publish_at,
        "updated_at": article.updated_at,
        "reading_minutes": article.reading_minutes,
        "hero_url": absolute_url(article.hero_url) if article.hero_url else "",
        "hero_alt": article.hero_alt,
    }


def _comment(comment: Comment) -> dict[str, Any]:
    # Built field by field: the address and its hash are never part of an answer.
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "depth": comment.depth,
        "author_name": comment.author_name,
        "author_website": comment.author_website,
        "is_clinic_reply": comment.is_clinic_reply,
        "body": comment.body,
        "body_html": render_comment(comment.body),
        "created_at": comment.created_at,
    }


def _published_or_404(slug: str) -> Article:
    article = article_get_published(slug=slug)
    if article is None:
        raise ApiError(404, "not_found", "No published article has that address.")
    return article


class ArticleQuery(Schema):
    page: int = Field(1, ge=1, description="1 is the newest page.")
    tag: SingleLineText = Field("", max_length=200, description="A tag's slug.")


@router.get(
    "/articles",
    response={200: ArticlePageOut, 404: ErrorOut},
    summary="List published articles",
)
def list_articles(request: HttpRequest, query: Query[ArticleQuery]) -> dict[str, Any]:
    page, tag = query.page, query.tag
    articles = article_list_published()
    if tag:
        found = tag_get(slug=tag)
        if found is None:
            raise ApiError(404, "not_found", "No such tag.")
        articles = article_list_published(tag=found)
    paginator = Paginator(articles, PAGE_SIZE)
    try:
        current = paginator.page(page)
    except (EmptyPage, PageNotAnInteger):
        raise ApiError(404, "not_found", "No such page of articles.") from None
    return {
        "items": [_summary(a) for a in current.object_list],
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
    }


@router.get("/articles/{slug}", response=ArticleOut, summary="Read a published article")
def read_article(request: HttpRequest, slug: SingleLineText) -> dict[str, Any]:
    article = _published_or_404(slug)
    return {
        **_summary(article),
        "body_html": str(article_body_html(article=article)),
        "comments_open": article.comments_open,
    }


@router.get(
    "/articles/{slug}/comments",
    response=list[CommentOut],
    summary="Approved comments, oldest first (replies carry parent_id)",
)
def list_comments(request: HttpRequest, slug: SingleLineText) -> list[dict[str, Any]]:
    article = _published_or_404(slug)
    return [_comment(c) for c in comment_list_approved(article=article)]


@router.post(
    "/articles/{slug}/comments",
    response={
        201: CommentPostedOut,
        200: CommentPostedOut,
        409: ErrorOut,  # comments are closed on this article
        429: ErrorOut,  # too many comments from this address: wait (Retry-After)
    },
    summary="Post a comment (it may wait for moderation)",
)
def post_comment(request: HttpRequest, slug: SingleLineText, payload: CommentIn) -> Any:
    article = _published_or_404(slug)
    try:
        posted = comment_post(
            article=article,
            name=payload.name,
            email=payload.email,
            body=payload.text,
            website=payload.website,
            parent_id=payload.parent_id,
            notify_on_reply=payload.notify_on_reply,
            client_ip=client_ip(request),
        )
    except ArticleUnavailableError:
        raise ApiError(404, "not_found", "No published article has that address.") from None
    except CommentThrottledError as exc:
        response = JsonResponse(error_body("rate_limited", exc.message), status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise ApiError(409, "comments_closed", " ".join(exc.messages)) from None
        fields = {_API_FIELD.get(key, key): msgs for key, msgs in exc.message_dict.items()}
        raise ApiError(422, "invalid", "Some fields are not valid.", fields) from None
    comment = posted.comment
    body = {
        "status": "published" if posted.is_published else "pending",
        "message": PUBLISHED_MESSAGE if posted.is_published else WAITING_MESSAGE,
        "comment": _comment(comment) if posted.is_published and comment else None,
    }
    return Status(200 if posted.is_duplicate else 201, body)
