"""Device cookies: a signed note that this browser has logged in to an account before.

After a successful log-in the browser gets `sw_device`, signed with SECRET_KEY, naming the
account (by a keyed hash, never the address itself) and a random id for this browser. Log-in
attempts that carry a valid cookie for the account are throttled on that browser's own budget
(`stridewell.accounts.throttle`), so failures elsewhere cannot lock its owner out. The cookie
grants nothing else: the password is still needed. Up to `MAX_ACCOUNTS` accounts share one
cookie (a family computer, a clinic front desk).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponseBase
from django.utils.crypto import salted_hmac

COOKIE_NAME = "sw_device"
SALT = "stridewell.accounts.device-cookie"
MAX_AGE_SECONDS = 60 * 60 * 24 * 180
MAX_ACCOUNTS = 5


def _account_tag(email: str) -> str:
    return salted_hmac(SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:32]


def _entries(request: HttpRequest | None) -> list[list[str]]:
    raw = request.COOKIES.get(COOKIE_NAME) if request is not None else None
    if not raw:
        return []
    try:
        value = signing.loads(raw, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:  # forged, tampered with or too old: as if absent
        return []
    if not isinstance(value, list):
        return []
    return [
        entry
        for entry in value
        if isinstance(entry, list) and len(entry) == 2 and all(isinstance(p, str) for p in entry)
    ][-MAX_ACCOUNTS:]


def device_id_for(request: HttpRequest | None, *, email: str) -> str | None:
    """This browser's id for the account, if it carries a valid device cookie for it."""
    tag = _account_tag(email)
    return next((device for account, device in _entries(request) if account == tag), None)


def device_cookie_issue(request: HttpRequest, response: HttpResponseBase, *, email: str) -> None:
    """After a successful log-in: (re)issue the cookie, keeping this browser's id if known."""
    tag = _account_tag(email)
    entries = [entry for entry in _entries(request) if entry[0] != tag]
    device = device_id_for(request, email=email) or secrets.token_urlsafe(16)
    entries = [*entries, [tag, device]][-MAX_ACCOUNTS:]
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(entries, salt=SALT),
        max_age=MAX_AGE_SECONDS,
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
