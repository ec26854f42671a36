"""Template helpers for the journal."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from stridewell.journal.commenttext import render_comment

register = template.Library()


@register.filter
def comment_html(text: str) -> SafeString:
    """A comment's plain text as escaped HTML with paragraphs and nofollow links."""
    return mark_safe(render_comment(str(text or "")))  # noqa: S308 - render_comment escapes
