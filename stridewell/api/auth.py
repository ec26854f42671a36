"""API authentication: personal access tokens (Bearer) or the browser session with CSRF.

Use `auth=api_auth` on routers or operations. A request without valid credentials gets the
401 error shape from `stridewell.api.errors`; a session request failing CSRF gets a 403.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from stridewell.accounts.selectors import token_authenticate


class BearerTokenAuth(HttpBearer):
    """`Authorization: Bearer sw_…` with a personal access token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(raw=token.strip())
        if user is None:
            return None
        # Code shared with the web pages reads request.user; make it the token's owner.
        request.user = user
        return user


class SessionCsrfAuth(APIKeyCookie):
    """The logged-in browser session. Unsafe methods must carry the CSRF token.

    Unlike ninja's `django_auth`, an anonymous request is answered 401 (not a CSRF 403):
    CSRF only matters once there is a session to abuse.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return self(request)


bearer_auth = BearerTokenAuth()
session_auth = SessionCsrfAuth()
api_auth = [bearer_auth, session_auth]
