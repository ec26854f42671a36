"""What the newsletter e-mails say and the headers they carry.

Every e-mail that goes to a subscriber (welcome, reminder, each issue) carries RFC 2369/8058
headers, so mail apps can offer their own "Unsubscribe" button that works with one POST:

    List-Unsubscribe: <https://…/newsletter/unsubscribe/<token>/>, <mailto:…?subject=unsubscribe>
    List-Unsubscribe-Post: List-Unsubscribe=One-Click

The token is signed over the subscriber's random id; the address is never in a link.
"""

from __future__ import annotations

import json
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from stridewell.core.email import email_send
from stridewell.newsletter.discounts import last_valid_day_text
from stridewell.newsletter.models import DiscountCode, Issue, Subscriber
from stridewell.newsletter.rendering import markdown_render
from stridewell.newsletter.tokens import CONFIRM_MAX_AGE, confirm_token_make, manage_token_make


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def booking_url() -> str:
    return absolute_url(reverse("booking:start"))


def confirm_url(subscriber: Subscriber) -> str:
    token = confirm_token_make(subscriber.public_id)
    return absolute_url(reverse("newsletter:confirm", kwargs={"token": token}))


def unsubscribe_url(subscriber: Subscriber) -> str:
    token = manage_token_make(subscriber.public_id)
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": token}))


def preferences_url(subscriber: Subscriber) -> str:
    token = manage_token_make(subscriber.public_id)
    return absolute_url(reverse("newsletter:preferences", kwargs={"token": token}))


def unsubscribe_mailbox() -> str:
    """The address that handles `mailto:` unsubscribes: the clinic's, else our sender."""
    from stridewell.clinic.selectors import clinic_profile_get

    profile = clinic_profile_get()
    if profile is not None and profile.email:
        return profile.email
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def list_headers(subscriber: Subscriber) -> dict[str, str]:
    host = urlsplit(settings.SITE_URL).hostname or "stridewell.invalid"
    return {
        "List-Id": f"Stridewell newsletter <newsletter.{host}>",
        "List-Unsubscribe": (
            f"<{unsubscribe_url(subscriber)}>, <mailto:{unsubscribe_mailbox()}?subject=unsubscribe>"
        ),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _subscriber_context(subscriber: Subscriber) -> dict[str, Any]:
    return {
        "first_name": subscriber.first_name,
        "unsubscribe_url": unsubscribe_url(subscriber),
        "preferences_url": preferences_url(subscriber),
    }


def _code_context(code: DiscountCode | None) -> dict[str, Any]:
    if code is None:
        return {"code": None}
    usable = code.redeemed_at is None and code.revoked_at is None
    return {
        "code": code.code if usable else None,
        "percent_off": code.percent_off,
        "valid_until": last_valid_day_text(code.expires_at),
        "booking_url": booking_url(),
    }


def confirmation_email_send(*, subscriber: Subscriber) -> None:
    """The double opt-in link. No list headers: this person is not on the list yet."""
    email_send(
        to=[subscriber.email],
        subject="Please confirm your Stridewell newsletter subscription",
        template="email/newsletter/confirm",
        context={
            "first_name": subscriber.first_name,
            "confirm_url": confirm_url(subscriber),
            "valid_hours": int(CONFIRM_MAX_AGE.total_seconds() // 3600),
        },
    )


def welcome_email_send(
    *, subscriber: Subscriber, code: DiscountCode | None, is_returning: bool
) -> None:
    subject = (
        "Welcome back to the Stridewell newsletter"
        if is_returning
        else "Welcome to Stridewell: your 10% code is inside"
    )
    email_send(
        to=[subscriber.email],
        subject=subject,
        template="email/newsletter/welcome",
        context={
            **_subscriber_context(subscriber),
            **_code_context(code),
            "is_returning": is_returning,
        },
        headers=list_headers(subscriber),
    )


def already_subscribed_email_send(*, subscriber: Subscriber, code: DiscountCode | None) -> None:
    """Someone entered a confirmed address again: tell its owner, and only its owner."""
    email_send(
        to=[subscriber.email],
        subject="You are already subscribed to the Stridewell newsletter",
        template="email/newsletter/already_subscribed",
        context={**_subscriber_context(subscriber), **_code_context(code)},
        headers=list_headers(subscriber),
    )


def _issue_context(issue: Issue) -> dict[str, Any]:
    return {
        "issue": issue,
        "body_html": markdown_render(issue.body_markdown),
        "body_text": issue.body_markdown,
        "site_url": settings.SITE_URL,
    }


def issue_test_email_send(*, issue: Issue, to: str) -> None:
    """A proof copy for a member of staff. Marked as a test; no working unsubscribe links."""
    email_send(
        to=[to],
        subject=f"[Test] {issue.subject}",
        template="email/newsletter/issue",
        context={**_issue_context(issue), "is_test": True},
    )


def issue_message_build(*, issue: Issue, subscriber: Subscriber) -> EmailMultiAlternatives:
    """The issue as sent to one subscriber, built here so the batch sender knows each outcome."""
    context = {**_issue_context(issue), **_subscriber_context(subscriber), "is_test": False}
    text = render_to_string("email/newsletter/issue.txt", context)
    html = render_to_string("email/newsletter/issue.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(issue.subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers=list_headers(subscriber),
    )
    message.attach_alternative(html, "text/html")
    return message


def export_email_send(*, subscriber: Subscriber, data: dict[str, Any]) -> None:
    payload = json.dumps(data, indent=2, ensure_ascii=False).encode()
    email_send(
        to=[subscriber.email],
        subject="Your Stridewell newsletter data",
        template="email/newsletter/export",
        context={**_subscriber_context(subscriber)},
        attachments=[("stridewell-newsletter-data.json", payload, "application/json")],
    )
