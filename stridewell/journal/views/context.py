"""What the article page shows, shared by the page itself and by a comment form re-shown
after an error (so both always render the same thing)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from stridewell.journal.forms import CommentForm
from stridewell.journal.models import Article, Comment
from stridewell.journal.selectors.comments import comment_threads_with_digest
from stridewell.journal.selectors.exercises import article_body_html
from stridewell.journal.selectors.related import article_related
from stridewell.journal.sharing import share_links
from stridewell.journal.threads import MAX_DEPTH, count_visible
from stridewell.journal.views.seo import absolute_url, article_jsonld


def article_context(
    request: HttpRequest,
    *,
    article: Article,
    form: CommentForm | None = None,
    reply_to: Comment | None = None,
) -> dict[str, Any]:
    canonical = absolute_url(article.get_absolute_url())
    hero = absolute_url(article.hero_url) if article.hero_url else ""
    threads, threads_digest = comment_threads_with_digest(article=article)
    reply_form_url = reverse("journal:comment_form", kwargs={"slug": article.slug})
    if form is None:
        form = CommentForm(reply_to=reply_to.pk if reply_to else None)
    return {
        "article": article,
        "body_html": article_body_html(article=article),
        "tags": list(article.tags.all()),
        "threads": threads,
        "comment_count": count_visible(threads),
        "related": article_related(article=article),
        "share_links": share_links(url=canonical, title=article.title),
        "canonical_url": canonical,
        "hero_absolute_url": hero,
        "jsonld": article_jsonld(article=article, canonical=canonical, image=hero),
        "is_preview": not article.is_visible(),
        "form": form,
        "reply_to": reply_to,
        "max_depth": MAX_DEPTH,
        "reply_form_url": reply_form_url,
        # The rendered threads are cached under this key (see _comments.html).
        "threads_cache_key": f"{threads_digest}:{article.comments_open}:{reply_form_url}",
    }
