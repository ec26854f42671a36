"""Rate limits for the account flows: log-in failures, sign-ups and password-reset requests.

Log-in failures are throttled so that nobody can lock someone else out (OWASP, "Slow down
online guessing attacks with device cookies"; ADR 0013):

* Each (account, client address) pair has its own budget: `LOGIN_FAILURE_LIMIT` free
  failures, then a progressive delay (`LOGIN_DELAY_BASE_SECONDS`, doubling with every further
  failure up to `LOGIN_DELAY_MAX_SECONDS`). Failures from another address do not touch it.
* A browser that has logged in to the account before carries a signed device cookie
  (`stridewell.accounts.device`); its attempts use a budget of their own, keyed by the cookie,
  and ignore the address and account-wide limits below, so an attacker elsewhere (or behind
  the same clinic NAT) cannot lock the real person out.
* Attempts without a device cookie also meet two generous limits: distinct accounts failed
  from one address (`LOGIN_ADDRESS_ACCOUNT_LIMIT`: one person mistyping many times at a
  clinic counts once) and failures on one account from everywhere
  (`LOGIN_ACCOUNT_UNTRUSTED_LIMIT`, against guessing spread over many addresses).

Counters live in the Django cache; every key is hashed, so no readable e-mail address is
ever stored there. Production refuses to start without a shared cache (config/settings.py)
and `check --deploy` reports a per-process one (accounts.E001, stridewell/accounts/checks.py).
"""

from __future__ import annotations

import hashlib
import math
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from stridewell.core.ratelimit import RateDecision, rate_limit_hit, rate_limit_peek
from stridewell.core.ratelimit import client_ip as _core_client_ip

SIGNUP_LIMIT_PER_IP = 10
SIGNUP_WINDOW_SECONDS = 60 * 60
PASSWORD_RESET_LIMIT_PER_IP = 10
PASSWORD_RESET_LIMIT_PER_EMAIL = 3
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60
# While one attempt past the free budget is being checked, parallel ones are refused.
_CLAIM_SECONDS = 5

_ALLOWED = RateDecision(allowed=True, remaining=0, retry_after=0)


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR unless the deployment declares trusted proxies (see core.ratelimit).
    return _core_client_ip(request) or "unknown"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def _generation(email: str) -> str:
    # Bumped by a password reset, which starts every budget of the account afresh.
    return str(cache.get(f"login-gen:{_digest(normalise_email(email))}") or 0)


def login_account_forget(*, email: str) -> None:
    """Forget every log-in failure counted for this account (after a password reset)."""
    key = f"login-gen:{_digest(normalise_email(email))}"
    if not cache.add(key, 1, timeout=None):
        try:
            cache.incr(key)
        except ValueError:  # pragma: no cover - evicted between add() and incr()
            cache.set(key, 1, timeout=None)


def _budget_key(*, email: str, ip: str, device: str | None) -> str:
    account = normalise_email(email)
    if device:
        return "login-budget:" + _digest("device", account, _generation(email), device)
    return "login-budget:" + _digest("address", account, _generation(email), ip)


def login_delay_seconds(failures: int) -> int:
    """The wait after `failures` failures in a row: 0 within the free budget, then doubling."""
    limit = settings.LOGIN_FAILURE_LIMIT
    if failures < limit:
        return 0
    delay = settings.LOGIN_DELAY_BASE_SECONDS * 2 ** min(failures - limit, 32)
    return int(min(delay, settings.LOGIN_DELAY_MAX_SECONDS))


def _budget_check(key: str) -> RateDecision:
    failures = int(cache.get(f"{key}:n") or 0)
    if failures < settings.LOGIN_FAILURE_LIMIT:
        return _ALLOWED
    now = time.time()
    # Past the delay the gate has expired: exactly one attempt may claim it and go through.
    if cache.add(f"{key}:gate", now + _CLAIM_SECONDS, timeout=_CLAIM_SECONDS):
        return _ALLOWED
    opens_at = float(cache.get(f"{key}:gate") or now + 1)
    return RateDecision(allowed=False, remaining=0, retry_after=max(1, math.ceil(opens_at - now)))


def _budget_fail(key: str) -> int:
    count_key = f"{key}:n"
    memory = settings.LOGIN_FAILURE_WINDOW_SECONDS + settings.LOGIN_DELAY_MAX_SECONDS
    if cache.add(count_key, 1, timeout=memory):
        failures = 1
    else:
        try:
            failures = cache.incr(count_key)
        except ValueError:  # expired between add() and incr()
            cache.set(count_key, 1, timeout=memory)
            failures = 1
        cache.touch(count_key, memory)  # forgotten after a quiet spell, not a fixed window
    delay = login_delay_seconds(failures)
    if delay:
        cache.set(f"{key}:gate", time.time() + delay, timeout=delay)
    else:
        cache.delete(f"{key}:gate")
    return failures


def _address_key(ip: str) -> str:
    return f"login-address:{ip}"


def _account_key(email: str) -> str:
    return f"login-account:{normalise_email(email)}:{_generation(email)}"


def _address_limits() -> dict[str, int]:
    return {
        "limit": settings.LOGIN_ADDRESS_ACCOUNT_LIMIT,
        "window_seconds": settings.LOGIN_FAILURE_WINDOW_SECONDS,
    }


def _account_limits() -> dict[str, int]:
    return {
        "limit": settings.LOGIN_ACCOUNT_UNTRUSTED_LIMIT,
        "window_seconds": settings.LOGIN_FAILURE_WINDOW_SECONDS,
    }


def login_check(*, email: str, ip: str, device: str | None = None) -> RateDecision:
    """Whether a log-in attempt may be tried now; `device` is a valid device cookie's id."""
    if not device:
        wide = [
            rate_limit_peek(key=_address_key(ip), **_address_limits()),
            rate_limit_peek(key=_account_key(email), **_account_limits()),
        ]
        refused = [d for d in wide if not d.allowed]
        if refused:
            return max(refused, key=lambda d: d.retry_after)
    return _budget_check(_budget_key(email=email, ip=ip, device=device))


def login_failure_record(*, email: str, ip: str, device: str | None = None) -> None:
    failures = _budget_fail(_budget_key(email=email, ip=ip, device=device))
    if not device:
        if failures == 1:  # a new account for this address: the address limit counts accounts
            rate_limit_hit(key=_address_key(ip), **_address_limits())
        rate_limit_hit(key=_account_key(email), **_account_limits())


def login_success_record(*, email: str, ip: str, device: str | None = None) -> None:
    # Only this budget is cleared: one valid account must not wipe the failures an attacker
    # has run up from the same client against other accounts.
    key = _budget_key(email=email, ip=ip, device=device)
    cache.delete_many([f"{key}:n", f"{key}:gate"])


def signup_attempt_record(*, ip: str) -> RateDecision:
    return rate_limit_hit(
        key=f"signup:ip:{ip}", limit=SIGNUP_LIMIT_PER_IP, window_seconds=SIGNUP_WINDOW_SECONDS
    )


SIGNUP_NOTICE_LIMIT_PER_EMAIL = 3


def signup_notice_email_record(*, email: str) -> RateDecision:
    """ "Someone tried to sign up with your address" e-mails, per address per hour."""
    return rate_limit_hit(
        key=f"signup-notice:email:{normalise_email(email)}",
        limit=SIGNUP_NOTICE_LIMIT_PER_EMAIL,
        window_seconds=SIGNUP_WINDOW_SECONDS,
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
