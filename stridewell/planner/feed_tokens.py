"""The secret calendar-feed address: made, replaced and revoked here, looked up by hash."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from stridewell.planner.models import FeedToken

PREFIX = "swcal_"
USE_RECORDED_EVERY = timedelta(hours=1)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def feed_token_rotate(*, runner) -> str:
    """Revoke the runner's live address (if any) and make a new one. Returns the raw token:
    it is stored only as a hash, so this is the one time it can be shown."""
    now = timezone.now()
    FeedToken.objects.select_for_update().filter(runner=runner, revoked_at__isnull=True).update(
        revoked_at=now
    )
    raw = PREFIX + secrets.token_urlsafe(32)
    FeedToken.objects.create(runner=runner, token_hash=_hash(raw), hint=raw[-4:], created_at=now)
    return raw


@transaction.atomic
def feed_token_revoke(*, runner) -> int:
    """Switch the feed off: calendar apps polling the old address get "not found"."""
    return FeedToken.objects.filter(runner=runner, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def feed_token_live(*, runner) -> FeedToken | None:
    return FeedToken.objects.filter(runner=runner, revoked_at__isnull=True).first()


def feed_runner_for_token(*, raw: str):
    """The runner whose live feed this token opens, or None."""
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    token = (
        FeedToken.objects.select_related("runner")
        .filter(token_hash=_hash(raw), revoked_at__isnull=True, runner__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
        FeedToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.runner
