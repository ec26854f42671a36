"""Signed links for e-mails. They carry the subscriber's random `public_id`, never the address.

* confirmation links expire after 48 hours (TimestampSigner);
* manage links (unsubscribe, preferences) do not expire: they sit in every e-mail we ever sent,
  and RFC 8058 one-click unsubscribe must keep working on an old message.

The salts keep the two kinds apart: a manage link cannot be replayed as a confirmation.
Rotating SECRET_KEY invalidates both; list the old key in SECRET_KEY_FALLBACKS while the
links in people's inboxes are still in use.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

CONFIRM_SALT = "stridewell.newsletter.confirm"
MANAGE_SALT = "stridewell.newsletter.manage"
CONFIRM_MAX_AGE = timedelta(hours=48)


@dataclass(frozen=True)
class TokenReading:
    public_id: uuid.UUID | None
    # "" when valid; "expired" or "invalid" otherwise.
    problem: str = ""


def _public_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(hex=value)
    except ValueError:
        return None


def confirm_token_make(public_id: uuid.UUID) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(public_id.hex)


def confirm_token_read(token: str, *, max_age: timedelta = CONFIRM_MAX_AGE) -> TokenReading:
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        value = signer.unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        return TokenReading(public_id=None, problem="expired")
    except signing.BadSignature:
        return TokenReading(public_id=None, problem="invalid")
    public_id = _public_id(value)
    return TokenReading(public_id=public_id, problem="" if public_id else "invalid")


def manage_token_make(public_id: uuid.UUID) -> str:
    return signing.Signer(salt=MANAGE_SALT).sign(public_id.hex)


def manage_token_read(token: str) -> uuid.UUID | None:
    try:
        value = signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return _public_id(value)
