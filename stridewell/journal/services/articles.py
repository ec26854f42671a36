"""Writes for articles: render the Markdown once, on save, and keep `updated_at` honest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from stridewell.journal.markdown import reading_minutes, render_markdown
from stridewell.journal.models import Article, Tag

EXCERPT_MAX = 300
_CONTENT_FIELDS = ("title", "excerpt", "body")


def _content_changed(article: Article) -> bool:
    if article.pk is None:
        return True
    stored = Article.objects.filter(pk=article.pk).values(*_CONTENT_FIELDS).first()
    return stored is None or any(stored[f] != getattr(article, f) for f in _CONTENT_FIELDS)


@transaction.atomic
def article_save(
    *,
    article: Article,
    tags: Iterable[Tag] | None = None,
    edited_at: datetime | None = None,
) -> Article:
    """Validate and save an article with freshly rendered, sanitised HTML.

    `body_html` is always rebuilt from `body` here, so HTML stored by any other path is
    overwritten. `updated_at` moves only when the title, summary or text changed
    (`edited_at` overrides "now", for imports and demo content).
    """
    article.title = article.title.strip()
    article.excerpt = " ".join(article.excerpt.split())
    if len(article.excerpt) > EXCERPT_MAX:
        raise ValidationError(
            {
                "excerpt": (
                    f"Keep the summary to {EXCERPT_MAX} characters; it has {len(article.excerpt)}."
                )
            }
        )
    if _content_changed(article) or article.updated_at is None:
        article.updated_at = edited_at or timezone.now()
    article.body_html = render_markdown(article.body)
    article.reading_minutes = reading_minutes(article.body_html)
    article.full_clean()
    article.save()
    if tags is not None:
        article.tags.set(list(tags))
    return article


@transaction.atomic
def tag_get_or_create(*, name: str) -> Tag:
    name = " ".join(name.split())
    slug = slugify(name)
    if not slug:
        raise ValidationError({"name": "A tag needs at least one letter or digit."})
    tag = Tag.objects.filter(slug=slug).first()
    if tag is not None:
        return tag
    tag = Tag(name=name, slug=slug)
    tag.full_clean()
    tag.save()
    return tag
