"""Every write to the journal goes through these functions, whatever the interface."""

from stridewell.journal.services.articles import article_save, tag_get_or_create
from stridewell.journal.services.comments import (
    ArticleUnavailableError,
    CommentPosted,
    CommentThrottledError,
    comment_approve,
    comment_delete,
    comment_mark_spam,
    comment_post,
    comment_reply_as_clinic,
    commenter_unsubscribe,
)

__all__ = [
    "ArticleUnavailableError",
    "CommentPosted",
    "CommentThrottledError",
    "article_save",
    "comment_approve",
    "comment_delete",
    "comment_mark_spam",
    "comment_post",
    "comment_reply_as_clinic",
    "commenter_unsubscribe",
    "tag_get_or_create",
]
