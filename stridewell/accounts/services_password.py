"""Writes for a new password: set it, revoke the account's API tokens, tell the owner.

A password reset or change is what someone does when they fear the account is in other hands,
so everything that the old password could have been used to obtain stops working:
- personal access tokens are revoked (they would otherwise outlive the password for good);
- other browser sessions end: Django ties each session to a hash of the password, so once the
  password changes every other session is refused on its next request (the session doing a
  change is re-keyed by the view, a reset logs nobody in).
"""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from stridewell.accounts import throttle
from stridewell.accounts.models import PersonalAccessToken, User
from stridewell.core.email import email_send

PasswordHow = Literal["reset", "change", "admin"]
PASSWORD_CHANGED_SUBJECT = "Your Stridewell password was changed"  # noqa: S105


@transaction.atomic
def user_password_set(*, user: User, password: str, how: PasswordHow) -> int:
    """Save a new password, revoke every token, e-mail the owner. Returns the tokens revoked."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user_password_changed(user=user, how=how)


@transaction.atomic
def user_password_changed(*, user: User, how: PasswordHow) -> int:
    """What follows a password already saved (e.g. by the admin's own form): revoke every
    token, restart the log-in throttle after a reset, e-mail the owner. Returns the count."""
    now = timezone.now()
    live = PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True)
    # Expired tokens are revoked too (tidy), but only working ones are counted for the owner.
    revoked = live.exclude(expires_at__lte=now).count()
    live.update(revoked_at=now)
    if how == "reset":
        # Control of the mailbox is proven: start this account's log-in throttle afresh.
        throttle.login_account_forget(email=user.email)
    email_send(
        to=[user.email],
        subject=PASSWORD_CHANGED_SUBJECT,
        template="email/accounts/password_changed",
        context={
            "first_name": user.first_name,
            "how": how,
            "revoked": revoked,
            "reset_url": f"{settings.SITE_URL}{reverse('accounts:password_reset')}",
        },
    )
    return revoked
