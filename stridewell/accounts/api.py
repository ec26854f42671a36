"""/api/auth: sign-up, personal access tokens and "who am I". Mounted by stridewell.api.api."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from stridewell.accounts import throttle
from stridewell.accounts.forms import SignupForm
from stridewell.accounts.models import PersonalAccessToken, User
from stridewell.accounts.selectors import token_list_for_user
from stridewell.accounts.services import (
    SIGNUP_DONE_MESSAGE,
    token_create,
    token_revoke,
    user_login_attempt,
    user_signup_runner,
)
from stridewell.api.auth import api_auth
from stridewell.api.errors import ApiError, error_body
from stridewell.api.types import SingleLineText

router = Router(tags=["auth"])


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorDetail


class TokenCreateIn(Schema):
    email: SingleLineText = Field(max_length=254)
    password: str = Field(max_length=4096)
    name: SingleLineText = Field(min_length=1, max_length=100)
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


class SignupIn(Schema):
    email: SingleLineText = Field(max_length=254)
    first_name: SingleLineText = Field(max_length=150)
    last_name: SingleLineText = Field(max_length=150)
    password: str = Field(max_length=4096)


class SignupOut(Schema):
    status: str = Field(description="Always check_your_email, whether or not the address is new.")
    message: str


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
        return _rate_limited(outcome.retry_after, "Too many unsuccessful log-in attempts.")
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


def _rate_limited(retry_after: int, what: str) -> HttpResponse:
    message = throttle.retry_message(retry_after, what=what)
    response = JsonResponse(error_body("rate_limited", message), status=429)
    response["Retry-After"] = str(max(retry_after, 1))
    return response


@router.post(
    "/signup",
    auth=None,
    response={202: SignupOut, 422: ErrorOut, 429: ErrorOut},
    summary="Create a runner account",
    description=(
        "The answer is the same whether or not the address already has an account: an e-mail "
        "goes to the address either way (a welcome, or a note to the existing owner). Log in "
        "with POST /api/auth/tokens afterwards."
    ),
)
def signup(request: HttpRequest, payload: SignupIn) -> Status[dict] | HttpResponse:
    decision = throttle.signup_attempt_record(ip=throttle.client_ip(request))
    if not decision.allowed:
        what = "We have had many sign-up attempts from your connection in the last hour."
        return _rate_limited(decision.retry_after, what)
    # The page's form does the checking, so both refuse exactly the same input.
    form = SignupForm(
        data={
            "email": payload.email,
            "first_name": payload.first_name,
            "last_name": payload.last_name,
            "password1": payload.password,
            "password2": payload.password,
        }
    )
    if not form.is_valid():
        fields: dict[str, list[str]] = {}
        for name, messages in form.errors.items():
            key = "password" if name in {"password1", "password2"} else name
            known = fields.setdefault(key, [])
            known.extend(str(m) for m in messages if str(m) not in known)
        raise ApiError(422, "invalid", "Some fields are not valid.", fields)
    data = form.cleaned_data
    user_signup_runner(
        email=data["email"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        password=data["password1"],
    )
    return Status(202, {"status": "check_your_email", "message": SIGNUP_DONE_MESSAGE})


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
