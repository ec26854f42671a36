"""/api/enquiries: anyone may submit a question; the clinic team reads and answers them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from stridewell.accounts.models import User
from stridewell.api.auth import api_auth
from stridewell.api.openapi import ErrorOut
from stridewell.api.types import MultiLineText, SingleLineText
from stridewell.core.ratelimit import client_ip, rate_limit_hit, too_many_requests
from stridewell.enquiries.models import Enquiry, EnquiryReply
from stridewell.enquiries.selectors import enquiry_get, enquiry_list
from stridewell.enquiries.services import (
    can_answer_enquiries,
    enquiry_reply,
    enquiry_status_change,
    enquiry_submit,
)
from stridewell.enquiries.views import SUBMIT_LIMIT, SUBMIT_WINDOW_SECONDS

router = Router(tags=["enquiries"])

RECEIVED_MESSAGE = "Thank you. We have your question and will reply within two working days."

# Spelled out for the OpenAPI schema; a test keeps them equal to the model's choices.
Background = Literal["new", "returning", "regular", "marathon", "injured", "other"]
Contact = Literal["email", "phone"]
StatusValue = Literal["new", "answered", "closed"]


class EnquiryIn(Schema):
    name: SingleLineText = Field(min_length=1, max_length=120)
    email: SingleLineText = Field(max_length=254)
    phone: SingleLineText = Field(default="", max_length=32)
    background: Background
    background_detail: MultiLineText = Field(default="", max_length=1000)
    question: MultiLineText = Field(min_length=1, max_length=5000)
    preferred_contact: Contact = "email"
    website: SingleLineText = Field(
        default="", max_length=200, description="Leave empty (anti-spam)."
    )


class ReceivedOut(Schema):
    status: str
    message: str


class EnquirySummaryOut(Schema):
    id: int
    name: str
    status: str
    background: str
    preferred_contact: str
    question_preview: str
    created_at: datetime
    reply_count: int


class ReplyOut(Schema):
    id: int
    author_name: str
    body: str
    is_emailed: bool
    suggests_screening: bool
    booking_url: str
    created_at: datetime


class EnquiryOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    background: str
    background_detail: str
    question: str
    preferred_contact: str
    status: str
    created_at: datetime
    answered_at: datetime | None
    closed_at: datetime | None
    replies: list[ReplyOut]


class ReplyIn(Schema):
    body: MultiLineText = Field(min_length=1, max_length=10000)
    suggest_screening: bool = False
    send_email: bool = Field(default=True, description="False keeps it as a phone-call note.")


class StatusIn(Schema):
    status: StatusValue


def _answerer(request: HttpRequest) -> User:
    user: User = request.auth  # type: ignore[attr-defined]
    if not can_answer_enquiries(user):
        raise PermissionDenied("Only the clinic team can read enquiries.")
    return user


def _reply_out(reply: EnquiryReply) -> dict:
    return {
        "id": reply.pk,
        "author_name": reply.author.get_full_name() if reply.author else "",
        "body": reply.body,
        "is_emailed": reply.is_emailed,
        "suggests_screening": reply.suggests_screening,
        "booking_url": reply.booking_url,
        "created_at": reply.created_at,
    }


_ENQUIRY_FIELDS = (
    "name", "email", "phone", "background", "background_detail", "question",
    "preferred_contact", "status", "created_at", "answered_at", "closed_at",
)  # fmt: skip


def _enquiry_out(enquiry: Enquiry) -> dict:
    return {
        "id": enquiry.pk,
        **{field: getattr(enquiry, field) for field in _ENQUIRY_FIELDS},
        "replies": [_reply_out(r) for r in enquiry.replies.all()],
    }


@router.post(
    "",
    response={201: ReceivedOut, 422: ErrorOut, 429: ErrorOut},
    summary="Send the clinic a question",
)
def submit(request: HttpRequest, payload: EnquiryIn) -> Status[dict] | HttpResponse:
    decision = rate_limit_hit(
        key=f"enquiries-submit:{client_ip(request)}",
        limit=SUBMIT_LIMIT,
        window_seconds=SUBMIT_WINDOW_SECONDS,
    )
    if not decision.allowed:
        return too_many_requests(request, decision)
    if not payload.website.strip():
        enquiry_submit(**payload.dict(exclude={"website"}))
    return Status(201, {"status": "received", "message": RECEIVED_MESSAGE})


@router.get(
    "/inbox",
    auth=api_auth,
    response={200: list[EnquirySummaryOut], 401: ErrorOut, 403: ErrorOut},
    summary="The inbox, newest first (clinic team)",
)
def inbox(request: HttpRequest, status: StatusValue | None = None) -> list[dict]:
    _answerer(request)
    return [
        {
            "id": e.pk,
            "name": e.name,
            "status": e.status,
            "background": e.background,
            "preferred_contact": e.preferred_contact,
            "question_preview": e.question[:140],
            "created_at": e.created_at,
            "reply_count": e.reply_count,  # type: ignore[attr-defined]
        }
        for e in enquiry_list(status=status)[:200]
    ]


@router.get(
    "/inbox/{enquiry_id}",
    auth=api_auth,
    response={200: EnquiryOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="One enquiry with its replies (clinic team)",
)
def read(request: HttpRequest, enquiry_id: int) -> dict:
    _answerer(request)
    get_object_or_404(Enquiry, pk=enquiry_id)
    return _enquiry_out(enquiry_get(pk=enquiry_id))


@router.post(
    "/inbox/{enquiry_id}/replies",
    auth=api_auth,
    response={201: ReplyOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Reply (e-mailed unless send_email is false) and mark answered (clinic team)",
)
def reply(request: HttpRequest, enquiry_id: int, payload: ReplyIn) -> Status[dict]:
    user = _answerer(request)
    get_object_or_404(Enquiry, pk=enquiry_id)
    created = enquiry_reply(
        enquiry_id=enquiry_id,
        by=user,
        body=payload.body,
        suggest_screening=payload.suggest_screening,
        send_email=payload.send_email,
    )
    return Status(201, _reply_out(created))


@router.patch(
    "/inbox/{enquiry_id}",
    auth=api_auth,
    response={200: EnquiryOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change status: new, answered or closed (clinic team)",
)
def change_status(request: HttpRequest, enquiry_id: int, payload: StatusIn) -> dict:
    user = _answerer(request)
    get_object_or_404(Enquiry, pk=enquiry_id)
    enquiry_status_change(enquiry_id=enquiry_id, by=user, status=payload.status)
    return _enquiry_out(enquiry_get(pk=enquiry_id))
