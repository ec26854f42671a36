"""Writes for accounts: sign-up, throttled log-in, practitioner profiles, access tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from stridewell.accounts import throttle
from stridewell.accounts.device import device_id_for
from stridewell.accounts.models import PersonalAccessToken, PractitionerProfile, Role, User
from stridewell.accounts.tokens import token_display_prefix, token_generate, token_hash
from stridewell.core.email import email_send

# For staff in the admin only: the public sign-up never says whether an address is taken.
DUPLICATE_EMAIL_MESSAGE = (
    "An account with this e-mail address already exists. Log in instead, or reset your "
    "password if you have forgotten it."
)
SIGNUP_DONE_MESSAGE = (
    "Thank you. We have sent an e-mail to the address you gave: follow it to log in. "
    "Nothing after a few minutes? Look in your spam folder."
)


# --- sign-up and log-in ------------------------------------------------------------------


@transaction.atomic
def user_signup_runner(
    *, email: str, first_name: str, last_name: str, password: str
) -> User | None:
    """Create a runner account and welcome them by e-mail; or, when the address already has
    an account, create nothing and tell its owner instead. Returns the new user or None.

    Callers must answer both cases the same way (nobody is logged in; "check your e-mail"),
    so sign-up never reveals whether an address is registered. The existing-account path
    hashes the password too, so the two take about as long.
    """
    email = throttle.normalise_email(email)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        try:
            # The savepoint keeps the outer transaction usable if a concurrent sign-up wins.
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email,
                    password=password,
                    first_name=first_name.strip(),
                    last_name=last_name.strip(),
                    role=Role.RUNNER,
                )
        except IntegrityError:
            existing = User.objects.filter(email__iexact=email).first()
        else:
            _signup_email(user.email, "welcome", first_name=user.first_name)
            return user
    make_password(password)  # the cost a new account's hash would have had
    # Past a few notices an hour the owner is spared more of them, silently.
    if (
        existing is not None
        and existing.is_active
        and throttle.signup_notice_email_record(email=existing.email).allowed
    ):
        _signup_email(existing.email, "existing", first_name=existing.first_name)
    return None


def _signup_email(to: str, kind: str, *, first_name: str) -> None:
    links = {
        "login_url": f"{settings.SITE_URL}{reverse('accounts:login')}",
        "reset_url": f"{settings.SITE_URL}{reverse('accounts:password_reset')}",
    }
    email_send(
        to=[to],
        subject=(
            "Welcome to Stridewell: your account is ready"
            if kind == "welcome"
            else "Someone tried to sign up to Stridewell with your address"
        ),
        template=f"email/accounts/signup_{kind}",
        context={"first_name": first_name, **links},
    )


@dataclass(frozen=True)
class LoginOutcome:
    user: User | None
    retry_after: int = 0

    @property
    def is_throttled(self) -> bool:
        return self.retry_after > 0


def user_login_attempt(*, request: HttpRequest | None, email: str, password: str) -> LoginOutcome:
    """Check a password under the failure throttle shared by the log-in page and the API.

    Failures are counted per (account, client address), or per (account, browser) when the
    request carries a valid device cookie for the account (see `throttle`). Within a delay
    even the right password is refused: that is what slows password guessing.
    """
    ip = throttle.client_ip(request) if request is not None else "unknown"
    device = device_id_for(request, email=email)
    decision = throttle.login_check(email=email, ip=ip, device=device)
    if not decision.allowed:
        return LoginOutcome(user=None, retry_after=max(decision.retry_after, 1))
    user = authenticate(request, email=throttle.normalise_email(email), password=password)
    if user is None:
        throttle.login_failure_record(email=email, ip=ip, device=device)
        return LoginOutcome(user=None)
    throttle.login_success_record(email=email, ip=ip, device=device)
    return LoginOutcome(user=user)


# --- practitioner profiles ----------------------------------------------------------------


@transaction.atomic
def practitioner_profile_save(*, profile: PractitionerProfile) -> PractitionerProfile:
    """Validate (the user must be a physiotherapist) and save a new or changed profile."""
    if isinstance(profile.specialties, list):
        # Tidy stray spaces; anything that is not text is left for the validator to reject.
        profile.specialties = [s.strip() if isinstance(s, str) else s for s in profile.specialties]
    profile.full_clean()
    profile.save()
    return profile


def practitioner_profile_create(*, user: User, **fields: Any) -> PractitionerProfile:
    return practitioner_profile_save(profile=PractitionerProfile(user=user, **fields))


# --- personal access tokens ---------------------------------------------------------------


@transaction.atomic
def token_create(
    *, user: User, name: str, expires_at: datetime | None = None
) -> tuple[PersonalAccessToken, str]:
    """Create a token and return it with its secret. The secret is not stored: show it once."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name so you can recognise it later."})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    raw = token_generate()
    token = PersonalAccessToken(
        user=user,
        name=name,
        prefix=token_display_prefix(raw),
        token_hash=token_hash(raw),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, token: PersonalAccessToken, by_user: User) -> PersonalAccessToken:
    """Revoke a token. Its owner or clinic staff may do so; revoking twice is harmless."""
    if token.user_id != by_user.pk and not by_user.is_clinic_staff:
        raise PermissionDenied("You may only revoke your own tokens.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
