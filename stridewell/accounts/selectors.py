"""Reads for accounts: practitioners and access tokens."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from stridewell.accounts.models import PersonalAccessToken, PractitionerProfile, Role, User
from stridewell.accounts.tokens import token_hash, token_looks_valid

LAST_USED_PRECISION = timedelta(minutes=1)


def practitioner_list_active() -> QuerySet[PractitionerProfile]:
    """Practitioners patients may see and book, in the clinic's chosen order."""
    return (
        PractitionerProfile.objects.filter(
            is_active=True, user__is_active=True, user__role=Role.PHYSIO
        )
        .select_related("user")
        .order_by("sort_order", "display_name")
    )


def token_list_for_user(*, user: User) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=user).order_by("-created_at", "-id")


def token_authenticate(*, raw: str) -> User | None:
    """The active user a raw token belongs to, or None if it is unknown, revoked or expired.

    Records use in `last_used_at`, at most once a minute per token, so a busy client does
    not turn every API read into a database write.
    """
    if not token_looks_valid(raw):
        return None
    token = (
        PersonalAccessToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw))
        .first()
    )
    now = timezone.now()
    if token is None or token.is_revoked or token.is_expired(now=now) or not token.user.is_active:
        return None
    if token.last_used_at is None or token.last_used_at <= now - LAST_USED_PRECISION:
        # A conditional UPDATE: concurrent requests do not each write the timestamp.
        PersonalAccessToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_PRECISION)
        ).update(last_used_at=now)
    return token.user
