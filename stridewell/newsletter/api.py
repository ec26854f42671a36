"""/api/newsletter: subscribe, confirm, unsubscribe (anonymous), and counts for staff.

The same services as the pages, so the API keeps the same promises: one neutral answer to
"subscribe", no new code on a second confirmation, idempotent unsubscribe.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from stridewell.api.auth import api_auth
from stridewell.api.errors import ApiError
from stridewell.api.openapi import ErrorOut
from stridewell.api.types import SingleLineText
from stridewell.core.ratelimit import client_ip, rate_limit_hit, too_many_requests
from stridewell.newsletter.consent import CURRENT_VERSION, consent_current
from stridewell.newsletter.selectors import subscriber_counts, subscriber_growth
from stridewell.newsletter.services import (
    subscriber_confirm,
    subscriber_subscribe,
    subscriber_unsubscribe,
)
from stridewell.newsletter.tokens import manage_token_read
from stridewell.newsletter.views import SIGNUP_LIMIT, SIGNUP_WINDOW_SECONDS

router = Router(tags=["newsletter"])

NEUTRAL_MESSAGE = (
    "Thank you. Please check your inbox: we have sent a link to confirm your subscription."
)


class SubscribeIn(Schema):
    email: SingleLineText = Field(max_length=254)
    consent: bool = Field(description="Must be true: the person agreed to the wording below.")
    consent_version: SingleLineText = Field(
        default=CURRENT_VERSION,
        max_length=20,
        description="The wording version shown to the person (see GET /consent).",
    )
    source: SingleLineText = Field(default="api", max_length=40)
    website: SingleLineText = Field(
        default="", max_length=200, description="Leave empty (anti-spam)."
    )


class SubscribeOut(Schema):
    status: str
    message: str


class ConsentOut(Schema):
    version: str
    text: str


class NewsletterTokenIn(Schema):
    token: SingleLineText = Field(min_length=1, max_length=200)


class CodeOut(Schema):
    code: str
    percent_off: int
    expires_at: datetime
    is_used: bool


class ConfirmOut(Schema):
    status: str
    discount_code: CodeOut | None


class UnsubscribeOut(Schema):
    status: str


class GrowthWeekOut(Schema):
    week_start: date
    joined: int
    left: int
    total: int


class StatsOut(Schema):
    confirmed: int
    pending: int
    unsubscribed: int
    weeks: list[GrowthWeekOut]


@router.get("/consent", response=ConsentOut, summary="The consent wording to show")
def consent(request: HttpRequest) -> dict:
    wording = consent_current()
    return {"version": wording.version, "text": wording.text}


@router.post(
    "/subscribe",
    response={202: SubscribeOut, 422: ErrorOut, 429: ErrorOut},
    summary="Ask for a confirmation e-mail (double opt-in)",
)
def subscribe(request: HttpRequest, payload: SubscribeIn) -> Status[dict] | HttpResponse:
    ip = client_ip(request)
    decision = rate_limit_hit(
        key=f"newsletter-subscribe:{ip}", limit=SIGNUP_LIMIT, window_seconds=SIGNUP_WINDOW_SECONDS
    )
    if not decision.allowed:
        return too_many_requests(request, decision)
    if not payload.consent:
        raise ApiError(
            422, "invalid", "Some fields are not valid.",
            {"consent": ["The person must agree to receive the newsletter."]},
        )  # fmt: skip
    if payload.consent_version != CURRENT_VERSION:
        raise ApiError(
            422, "invalid", "Some fields are not valid.",
            {"consent_version": [f"Show the current wording (version {CURRENT_VERSION})."]},
        )  # fmt: skip
    if not payload.website.strip():
        subscriber_subscribe(email=payload.email, source=payload.source, ip=ip)
    return Status(202, {"status": "pending", "message": NEUTRAL_MESSAGE})


@router.post(
    "/confirm",
    response={200: ConfirmOut, 404: ErrorOut, 409: ErrorOut, 410: ErrorOut},
    summary="Confirm with the token from the e-mailed link",
)
def confirm(request: HttpRequest, payload: NewsletterTokenIn) -> dict:
    outcome = subscriber_confirm(token=payload.token, ip=client_ip(request))
    if outcome.status == "expired":
        raise ApiError(410, "expired", "This confirmation link has expired. Sign up again.")
    if outcome.status == "invalid":
        raise ApiError(404, "invalid_token", "This confirmation link is not valid.")
    if outcome.status == "unsubscribed":
        raise ApiError(409, "unsubscribed", "This person unsubscribed after the link was sent.")
    code = outcome.code
    return {
        "status": outcome.status,
        "discount_code": (
            {
                "code": code.code,
                "percent_off": code.percent_off,
                "expires_at": code.expires_at,
                "is_used": code.redeemed_at is not None,
            }
            if code is not None and code.revoked_at is None
            else None
        ),
    }


@router.post(
    "/unsubscribe",
    response={200: UnsubscribeOut, 404: ErrorOut},
    summary="Unsubscribe with the token from any newsletter e-mail (idempotent)",
)
def unsubscribe(request: HttpRequest, payload: NewsletterTokenIn) -> dict:
    public_id = manage_token_read(payload.token)
    if public_id is None:
        raise ApiError(404, "invalid_token", "This unsubscribe link is not valid.")
    subscriber_unsubscribe(public_id=public_id, source="api", ip=client_ip(request))
    return {"status": "unsubscribed"}


class StatsQuery(Schema):
    weeks: int = Field(12, ge=1, le=104, description="How many weeks back, 1 to 104.")


@router.get(
    "/stats",
    auth=api_auth,
    response={200: StatsOut, 401: ErrorOut, 403: ErrorOut},
    summary="Subscriber counts and weekly growth (clinic staff)",
)
def stats(request: HttpRequest, query: Query[StatsQuery]) -> dict:
    if not request.auth.is_clinic_staff:  # type: ignore[attr-defined]
        raise PermissionDenied("Only clinic staff can see newsletter figures.")
    counts = subscriber_counts()
    points = subscriber_growth(weeks=query.weeks)
    return {
        "confirmed": counts.confirmed,
        "pending": counts.pending,
        "unsubscribed": counts.unsubscribed,
        "weeks": [
            {"week_start": p.week_start, "joined": p.joined, "left": p.left, "total": p.total}
            for p in points
        ],
    }
