"""Writes for comments: posting (form and API alike), moderation, clinic replies, unsubscribe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from stridewell.accounts.models import User
from stridewell.core.ratelimit import rate_limit_hit
from stridewell.journal.commenttext import count_links
from stridewell.journal.identity import email_hash
from stridewell.journal.models import Article, Comment
from stridewell.journal.moderation import HoldReason, decide
from stridewell.journal.services.comment_input import BODY_MAX, BODY_MIN, comment_input_clean
from stridewell.journal.services.notifications import comment_reply_notify
from stridewell.journal.threads import MAX_DEPTH

# Any number of attempts (valid or not) per client address per hour, then a pause.
HOURLY_ATTEMPTS = 20
# Flood control: one accepted comment per 15 s per client address and per e-mail address.
FLOOD_SECONDS = 15
# A resubmission of the same text this soon is the same comment (double click, retry).
DUPLICATE_WINDOW = timedelta(minutes=10)
CLINIC_NAME = "Stridewell Sports Physiotherapy"


class ArticleUnavailableError(Exception):
    """The article does not exist for readers (draft, scheduled or unknown)."""


class CommentThrottledError(Exception):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = max(1, retry_after)


@dataclass(frozen=True, slots=True)
class CommentPosted:
    # None when the honeypot caught a bot: it is told "thank you" and nothing is stored.
    comment: Comment | None
    is_published: bool
    is_duplicate: bool = False


def _throttle(*, key: str, limit: int, window: int, message: str) -> None:
    decision = rate_limit_hit(key=key, limit=limit, window_seconds=window)
    if not decision.allowed:
        raise CommentThrottledError(message.format(wait=decision.retry_after), decision.retry_after)


def _parent_for(*, article: Article, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id).first()
    if parent is None or parent.article_id != article.pk:
        raise ValidationError({"parent": "You can only reply to a comment on this article."})
    if parent.status != Comment.Status.APPROVED:
        raise ValidationError({"parent": "That comment is no longer open for replies."})
    if parent.depth >= MAX_DEPTH:
        raise ValidationError(
            {"parent": "Replies go three levels deep; please reply to the comment above."}
        )
    return parent


@transaction.atomic
def comment_post(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    website: str = "",
    parent_id: int | None = None,
    notify_on_reply: bool = False,
    client_ip: str,
    honeypot: str = "",
) -> CommentPosted:
    """Post a reader's comment; it appears at once or waits for moderation.

    Raises ArticleUnavailableError (not visible to readers), ValidationError (per field, or
    comments closed) or CommentThrottledError (rate limit or flood control). Reply notices
    are queued for after COMMIT.
    """
    _throttle(
        key=f"journal-comment-hour:{client_ip}",
        limit=HOURLY_ATTEMPTS,
        window=3600,
        message="You have sent many comments in the last hour. Please try again in {wait} s.",
    )
    if not article.is_visible():
        raise ArticleUnavailableError(article.slug)
    if honeypot.strip():
        return CommentPosted(comment=None, is_published=False)
    if not article.comments_open:
        raise ValidationError("Comments are closed on this article.", code="closed")
    data = comment_input_clean(name=name, email=email, website=website, body=body)
    parent = _parent_for(article=article, parent_id=parent_id)
    hashed = email_hash(data.email)

    duplicate = Comment.objects.filter(
        article=article,
        parent=parent,
        email_hash=hashed,
        body=data.body,
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if duplicate is not None:
        return CommentPosted(
            comment=duplicate, is_published=duplicate.is_visible, is_duplicate=True
        )

    for scope, who in (("ip", client_ip), ("email", hashed)):
        _throttle(
            key=f"journal-comment-flood-{scope}:{who}",
            limit=1,
            window=FLOOD_SECONDS,
            message="Please wait {wait} s before posting another comment.",
        )

    previous = set(
        Comment.objects.filter(email_hash=hashed)
        .exclude(status=Comment.Status.PENDING)
        .values_list("status", flat=True)
        .distinct()
    )
    decision = decide(
        link_count=count_links(data.body),
        has_approved_before=Comment.Status.APPROVED in previous,
        has_spam_before=Comment.Status.SPAM in previous,
    )
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        depth=0 if parent is None else parent.depth + 1,
        author_name=data.name,
        author_email=data.email,
        email_hash=hashed,
        author_website=data.website,
        body=data.body,
        notify_on_reply=notify_on_reply,
        status=Comment.Status.APPROVED if decision.publish_now else Comment.Status.PENDING,
        hold_reason=str(decision.reason),
    )
    if decision.publish_now:
        comment_reply_notify(reply=comment)
    return CommentPosted(comment=comment, is_published=decision.publish_now)


def _require_moderator(user: User) -> None:
    if not (user.is_authenticated and user.is_clinic_staff):
        raise PermissionDenied("Only clinic staff can moderate comments.")


def _moderate(comment: Comment, *, status: str, by: User) -> Comment:
    comment.status = status
    comment.moderated_at = timezone.now()
    comment.moderated_by = by
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    return comment


@transaction.atomic
def comment_approve(*, comment: Comment, by: User) -> Comment:
    """Publish a waiting (or wrongly spammed) comment and tell the parent's author."""
    _require_moderator(by)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status == Comment.Status.REMOVED:
        raise ValidationError("A removed comment cannot be approved.", code="removed")
    if comment.status != Comment.Status.APPROVED:
        _moderate(comment, status=Comment.Status.APPROVED, by=by)
    comment_reply_notify(reply=comment)
    return comment


@transaction.atomic
def comment_mark_spam(*, comment: Comment, by: User) -> Comment:
    """Hide the comment; later comments from the same address always wait."""
    _require_moderator(by)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status == Comment.Status.REMOVED:
        raise ValidationError("A removed comment cannot be marked as spam.", code="removed")
    return _moderate(comment, status=Comment.Status.SPAM, by=by)


@transaction.atomic
def comment_delete(*, comment: Comment, by: User) -> None:
    """Delete the comment and its personal data.

    With replies underneath, the row stays as an empty "removed" placeholder (name, e-mail,
    website and text wiped) so the replies still read in context.
    """
    _require_moderator(by)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if not comment.replies.exists():
        comment.delete()
        return
    comment.author_name = ""
    comment.author_email = ""
    comment.email_hash = ""
    comment.author_website = ""
    comment.body = ""
    comment.notify_on_reply = False
    comment.hold_reason = ""
    comment.save()
    _moderate(comment, status=Comment.Status.REMOVED, by=by)


def _clinic_name() -> str:
    from stridewell.clinic.selectors import clinic_profile_get

    profile = clinic_profile_get()
    return profile.name if profile is not None and profile.name else CLINIC_NAME


@transaction.atomic
def comment_reply_as_clinic(*, parent: Comment, body: str, by: User) -> Comment:
    """Reply in the clinic's name. A waiting parent is approved first (replying vouches for it)."""
    _require_moderator(by)
    parent = Comment.objects.select_for_update().select_related("article").get(pk=parent.pk)
    text = body.replace("\r\n", "\n").strip()
    if len(text) < BODY_MIN or len(text) > BODY_MAX:
        raise ValidationError({"body": f"Write a reply of up to {BODY_MAX:,} characters."})
    if parent.status in {Comment.Status.SPAM, Comment.Status.REMOVED}:
        raise ValidationError({"parent": "You cannot reply to spam or a removed comment."})
    if parent.depth >= MAX_DEPTH:
        raise ValidationError(
            {"parent": "Replies go three levels deep; reply to the comment above instead."}
        )
    if parent.status == Comment.Status.PENDING:
        _moderate(parent, status=Comment.Status.APPROVED, by=by)
        comment_reply_notify(reply=parent)
    reply = Comment.objects.create(
        article=parent.article,
        parent=parent,
        depth=parent.depth + 1,
        author_name=_clinic_name(),
        body=text,
        status=Comment.Status.APPROVED,
        hold_reason=str(HoldReason.NONE),
        is_clinic_reply=True,
        posted_by=by,
        moderated_at=timezone.now(),
        moderated_by=by,
    )
    comment_reply_notify(reply=reply)
    return reply


@transaction.atomic
def commenter_unsubscribe(*, comment: Comment) -> int:
    """Stop reply e-mails for every comment by the same address; returns how many changed."""
    rows = Comment.objects.filter(pk=comment.pk)
    if comment.email_hash:
        rows = Comment.objects.filter(email_hash=comment.email_hash)
    return rows.filter(notify_on_reply=True).update(notify_on_reply=False)
