"""Reads for comments. The commenter's e-mail address is never loaded for display."""

from __future__ import annotations

import hashlib

from django.db.models import Count, QuerySet

from stridewell.journal.models import Article, Comment
from stridewell.journal.threads import MAX_DEPTH, ThreadNode, build_threads

# Fields never needed to show a comment: leaving them out of the query means a template
# cannot print them by mistake.
_PRIVATE = ("author_email", "email_hash")


def comment_list_public(*, article: Article) -> QuerySet[Comment]:
    """Approved comments (and placeholders for removed ones), oldest first."""
    return (
        Comment.objects.filter(
            article=article, status__in=[Comment.Status.APPROVED, Comment.Status.REMOVED]
        )
        .defer(*_PRIVATE)
        .order_by("created_at", "id")
    )


def comment_threads(*, article: Article) -> list[ThreadNode[Comment]]:
    return build_threads(list(comment_list_public(article=article)))


def comment_threads_with_digest(*, article: Article) -> tuple[list[ThreadNode[Comment]], str]:
    """The threads, and a digest of everything about them that shows on the page.

    Rendering forty comments costs more than reading them, so the page caches the rendered
    threads under this digest: any new, approved, edited or removed comment changes it.
    """
    rows = list(comment_list_public(article=article))
    digest = hashlib.sha256()
    for c in rows:
        shown = (c.pk, c.parent_id, c.status, c.author_name, c.author_website, c.body)
        digest.update(repr((*shown, c.is_clinic_reply, c.created_at.isoformat())).encode())
    return build_threads(rows), digest.hexdigest()[:32]


def comment_list_approved(*, article: Article) -> QuerySet[Comment]:
    return comment_list_public(article=article).filter(status=Comment.Status.APPROVED)


def comment_get_replyable(*, article: Article, comment_id: object) -> Comment | None:
    """An approved comment on `article` that can still take a reply, or None."""
    try:
        pk = int(str(comment_id))
    except (TypeError, ValueError):
        return None
    return (
        Comment.objects.filter(
            pk=pk, article=article, status=Comment.Status.APPROVED, depth__lt=MAX_DEPTH
        )
        .defer(*_PRIVATE)
        .first()
    )


QUEUE_STATUSES = (Comment.Status.PENDING, Comment.Status.APPROVED, Comment.Status.SPAM)


def comment_queue(*, status: str) -> QuerySet[Comment]:
    """Comments for the moderation queue: waiting ones oldest first, others newest first."""
    order = ("created_at", "id") if status == Comment.Status.PENDING else ("-created_at", "-id")
    return (
        Comment.objects.filter(status=status)
        .select_related("article", "parent")
        .defer(*_PRIVATE, "parent__author_email", "parent__email_hash")
        .order_by(*order)
    )


def comment_pending_count() -> int:
    return Comment.objects.filter(status=Comment.Status.PENDING).count()


def comment_get_for_moderation(*, pk: int) -> Comment | None:
    return (
        Comment.objects.filter(pk=pk)
        .select_related("article", "parent")
        .defer(*_PRIVATE, "parent__author_email", "parent__email_hash")
        .first()
    )


def comment_status_counts() -> dict[str, int]:
    rows = Comment.objects.values_list("status").annotate(n=Count("id")).order_by()
    return dict(rows)


def comment_get_for_unsubscribe(*, pk: int) -> Comment | None:
    """The comment an unsubscribe link names (its address is needed to find the others)."""
    return Comment.objects.filter(pk=pk).select_related("article").first()
