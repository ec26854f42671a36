"""/api/auth: personal access tokens and "who am I". Mounted by stridewell.api.api."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from stridewell.accounts import throttle
from stridewell.accounts.models import PersonalAccessToken, User
from stridewell.accounts.selectors import token_list_for_user
from stridewell.accounts.services import token_create, token_revoke, user_login_attempt
from stridewell.api.auth import api_auth
from stridewell.api.errors import ApiError, error_body

router = Router(tags=["auth"])


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorDetail


class TokenCreateIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=4096)
    name: str = Field(min_length=1, max_length=100)
    expires_at: datetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(Schema):
    id: int
    name: str
    token: str = Field(description="The secret. Shown only in this response; store it safely.")
    prefix: str
    created_at: datetime
    expires_at: datetime | None


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    full_name: str
    role: str


@router.post(
    "/tokens",
    auth=None,
    response={201: TokenCreatedOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Create a personal access token with your e-mail and password",
)
def create_token(request: HttpRequest, payload: TokenCreateIn) -> Status[dict] | HttpResponse:
    # Credential-based, so no CSRF: a forged cross-site request would need the password.
    outcome = user_login_attempt(request=request, email=payload.email, password=payload.password)
    if outcome.is_throttled:
        message = throttle.retry_message(
            outcome.retry_after, what="Too many unsuccessful log-in attempts."
        )
        response = JsonResponse(error_body("rate_limited", message), status=429)
        response["Retry-After"] = str(outcome.retry_after)
        return response
    if outcome.user is None:
        raise ApiError(401, "invalid_credentials", "The e-mail address or password is wrong.")
    token, raw = token_create(user=outcome.user, name=payload.name, expires_at=payload.expires_at)
    return Status(
        201,
        {
            "id": token.pk,
            "name": token.name,
            "token": raw,
            "prefix": token.prefix,
            "created_at": token.created_at,
            "expires_at": token.expires_at,
        },
    )


@router.get(
    "/tokens",
    auth=api_auth,
    response={200: list[TokenOut], 401: ErrorOut},
    summary="Your access tokens",
)
def list_tokens(request: HttpRequest) -> list[PersonalAccessToken]:
    return list(token_list_for_user(user=request.auth))  # type: ignore[attr-defined]


@router.delete(
    "/tokens/{token_id}",
    auth=api_auth,
    response={204: None, 401: ErrorOut, 404: ErrorOut},
    summary="Revoke one of your access tokens",
)
def revoke_token(request: HttpRequest, token_id: int) -> Status[None]:
    user: User = request.auth  # type: ignore[attr-defined]
    # Scoped to the caller: someone else's token is "not found", not "forbidden", so ids
    # reveal nothing about other accounts.
    token = get_object_or_404(PersonalAccessToken, pk=token_id, user=user)
    token_revoke(token=token, by_user=user)
    return Status(204, None)


@router.get(
    "/me", auth=api_auth, response={200: MeOut, 401: ErrorOut}, summary="The account you are using"
)
def me(request: HttpRequest) -> dict:
    user: User = request.auth  # type: ignore[attr-defined]
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "full_name": user.get_full_name(),
        "role": user.role,
    }
