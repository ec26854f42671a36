"""E-mail to a commenter when someone replies to them (only if they asked for it)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from stridewell.core.email import email_send
from stridewell.journal.identity import unsubscribe_token_make
from stridewell.journal.models import Comment


def unsubscribe_url(*, comment: Comment) -> str:
    token = unsubscribe_token_make(comment_id=comment.pk)
    return settings.SITE_URL + reverse("journal:unsubscribe", kwargs={"token": token})


def comment_reply_notify(*, reply: Comment) -> bool:
    """Queue the reply notice for `reply`'s parent author, at most once per reply.

    Call inside the transaction that published the reply: `email_send` waits for COMMIT.
    Nobody is told about their own reply, about a reply they did not ask to hear of, or
    about a reply that is not (yet) visible. Returns whether an e-mail was queued.
    """
    parent = reply.parent
    if parent is None or reply.status != Comment.Status.APPROVED or reply.reply_notified_at:
        return False
    reply.reply_notified_at = timezone.now()
    reply.save(update_fields=["reply_notified_at"])
    if parent.status != Comment.Status.APPROVED or not parent.notify_on_reply:
        return False
    if not parent.author_email or (parent.email_hash and parent.email_hash == reply.email_hash):
        return False
    article = parent.article
    link = f"{settings.SITE_URL}{article.get_absolute_url()}#{reply.anchor}"
    unsubscribe = unsubscribe_url(comment=parent)
    email_send(
        to=[parent.author_email],
        subject=f"New reply to your comment on “{article.title}”",
        template="email/journal/comment_reply",
        context={
            "recipient_name": parent.author_name,
            "replier_name": reply.author_name,
            "is_clinic_reply": reply.is_clinic_reply,
            "reply_body": reply.body,
            "article_title": article.title,
            "comment_url": link,
            "unsubscribe_url": unsubscribe,
        },
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return True
