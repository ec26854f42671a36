"""Rate limits for the account flows: log-in failures, sign-ups and password-reset requests.

Counters live in the Django cache (see `stridewell.core.ratelimit`, which also hashes keys,
so no readable e-mail address is ever stored in the cache).
"""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from stridewell.core.ratelimit import (
    RateDecision,
    rate_limit_hit,
    rate_limit_peek,
    rate_limit_reset,
)
from stridewell.core.ratelimit import client_ip as _core_client_ip

SIGNUP_LIMIT_PER_IP = 10
SIGNUP_WINDOW_SECONDS = 60 * 60
PASSWORD_RESET_LIMIT_PER_IP = 10
PASSWORD_RESET_LIMIT_PER_EMAIL = 3
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR unless the deployment declares trusted proxies (see core.ratelimit).
    return _core_client_ip(request) or "unknown"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _login_keys(*, email: str, ip: str) -> tuple[str, str]:
    return f"login-fail:email:{normalise_email(email)}", f"login-fail:ip:{ip}"


def _login_limits() -> dict[str, int]:
    return {
        "limit": settings.LOGIN_FAILURE_LIMIT,
        "window_seconds": settings.LOGIN_FAILURE_WINDOW_SECONDS,
    }


def login_check(*, email: str, ip: str) -> RateDecision:
    """Whether another log-in attempt may be tried for this address from this client."""
    decisions = [
        rate_limit_peek(key=key, **_login_limits()) for key in _login_keys(email=email, ip=ip)
    ]
    return _strictest(decisions)


def login_failure_record(*, email: str, ip: str) -> RateDecision:
    decisions = [
        rate_limit_hit(key=key, **_login_limits()) for key in _login_keys(email=email, ip=ip)
    ]
    return _strictest(decisions)


def login_success_record(*, email: str) -> None:
    # Only the address counter is cleared: one valid account must not wipe the failures
    # an attacker has run up from the same client against other addresses.
    email_key, _ip_key = _login_keys(email=email, ip="")
    rate_limit_reset(key=email_key)


def signup_attempt_record(*, ip: str) -> RateDecision:
    return rate_limit_hit(
        key=f"signup:ip:{ip}", limit=SIGNUP_LIMIT_PER_IP, window_seconds=SIGNUP_WINDOW_SECONDS
    )


def password_reset_ip_record(*, ip: str) -> RateDecision:
    return rate_limit_hit(
        key=f"password-reset:ip:{ip}",
        limit=PASSWORD_RESET_LIMIT_PER_IP,
        window_seconds=PASSWORD_RESET_WINDOW_SECONDS,
    )


def password_reset_email_record(*, email: str) -> RateDecision:
    return rate_limit_hit(
        key=f"password-reset:email:{normalise_email(email)}",
        limit=PASSWORD_RESET_LIMIT_PER_EMAIL,
        window_seconds=PASSWORD_RESET_WINDOW_SECONDS,
    )


def _strictest(decisions: list[RateDecision]) -> RateDecision:
    refused = [d for d in decisions if not d.allowed]
    if not refused:
        return decisions[0]
    return max(refused, key=lambda d: d.retry_after)


def retry_message(retry_after: int, *, what: str) -> str:
    """A refusal with the wait, e.g. "… Please try again in 12 minutes (after 14:32)."."""
    seconds = max(int(retry_after), 1)
    # Round up to the next whole minute so "after 14:32" is never too early.
    at = timezone.localtime(timezone.now() + timedelta(seconds=seconds + 59))
    if seconds < 60:
        wait = f"{seconds} second{'s' if seconds != 1 else ''}"
    else:
        minutes = math.ceil(seconds / 60)
        wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{what} Please try again in {wait} (after {at:%H:%M})."
