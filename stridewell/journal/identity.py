"""Commenter identity without exposing the address: a keyed hash, and signed unsubscribe tokens."""

from __future__ import annotations

from django.core import signing
from django.utils.crypto import salted_hmac

_HASH_SALT = "stridewell.journal.commenter-email"
_UNSUBSCRIBE_SALT = "stridewell.journal.reply-unsubscribe"


def email_normalise(email: str) -> str:
    return (email or "").strip().lower()


def email_hash(email: str) -> str:
    """HMAC-SHA256 of the normalised address, keyed with SECRET_KEY.

    A plain SHA-256 could be reversed by hashing a list of known addresses; the key stops
    that for anyone who only sees the database. (Rotating SECRET_KEY means returning
    commenters wait for moderation once more, which is harmless.)
    """
    normalised = email_normalise(email)
    if not normalised:
        return ""
    return salted_hmac(_HASH_SALT, normalised, algorithm="sha256").hexdigest()


def unsubscribe_token_make(*, comment_id: int) -> str:
    """A signed, URL-safe token naming the comment (never the address) whose author is
    asking to stop reply e-mails. It does not expire: unsubscribe links must keep working."""
    return signing.dumps({"c": comment_id}, salt=_UNSUBSCRIBE_SALT, compress=False)


def unsubscribe_token_read(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    comment_id = data.get("c") if isinstance(data, dict) else None
    return comment_id if isinstance(comment_id, int) and comment_id > 0 else None
