"""Public newsletter pages: sign up (page, include, htmx), confirm, unsubscribe, preferences.

None of them needs a log-in: the e-mailed links carry a signature over the subscriber's
random id. None of them ever shows whether an address was already on the list.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from stridewell.core.ratelimit import client_ip, rate_limit_hit, too_many_requests
from stridewell.newsletter.discounts import last_valid_day_text
from stridewell.newsletter.forms import EraseForm, PreferencesForm, SignupForm
from stridewell.newsletter.models import DiscountCode, SubscriberStatus
from stridewell.newsletter.privacy import email_mask
from stridewell.newsletter.selectors import subscriber_get_by_public_id, subscriber_welcome_code
from stridewell.newsletter.services import (
    source_clean,
    subscriber_confirm,
    subscriber_erase,
    subscriber_export_email_send,
    subscriber_preferences_update,
    subscriber_subscribe,
    subscriber_unsubscribe,
)
from stridewell.newsletter.tokens import confirm_token_read, manage_token_read

logger = logging.getLogger(__name__)

SIGNUP_LIMIT = 10
SIGNUP_WINDOW_SECONDS = 60 * 60
RATE_LIMITED_MESSAGE = (
    "We have had several sign-ups from your connection in the last hour. Please try again later."
)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _code_context(code: DiscountCode | None) -> dict[str, Any]:
    if code is None or code.redeemed_at is not None or code.revoked_at is not None:
        return {"code": None}
    return {
        "code": code.code,
        "percent_off": code.percent_off,
        "valid_until": last_valid_day_text(code.expires_at),
    }


def _signup_response(
    request: HttpRequest, form: SignupForm, *, source: str, key: str, problem: str = ""
) -> HttpResponse:
    if _is_htmx(request):
        # 200 even for errors: htmx only swaps 2xx answers into the page.
        context = {
            "newsletter_form": form,
            "newsletter_problem": problem,
            "source": source,
            "nl_key": key,
            "nl_bound": True,
        }
        return render(request, "newsletter/_signup_form.html", context)
    # Without JavaScript the form comes back on the sign-up page, whichever page it was on.
    context = {
        "newsletter_form": form,
        "newsletter_problem": problem,
        "newsletter_form_bound": True,
        "source": source,
    }
    return render(request, "newsletter/subscribe.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "newsletter/subscribe.html", {"source": "page"})
    form = SignupForm(request.POST)
    source = source_clean(request.POST.get("source"))
    key = source_clean(request.POST.get("key") or source)
    ip = client_ip(request)
    decision = rate_limit_hit(
        key=f"newsletter-subscribe:{ip}", limit=SIGNUP_LIMIT, window_seconds=SIGNUP_WINDOW_SECONDS
    )
    if not decision.allowed:
        if _is_htmx(request):
            return _signup_response(
                request, form, source=source, key=key, problem=RATE_LIMITED_MESSAGE
            )
        return too_many_requests(request, decision)
    if not _signup_accepted(form, source=source, ip=ip):
        return _signup_response(request, form, source=source, key=key)
    # The same answer whether the address was new, pending, confirmed or a bot's.
    if _is_htmx(request):
        return render(request, "newsletter/_signup_done.html", {"source": source, "nl_key": key})
    return redirect("newsletter:pending")


def _signup_accepted(form: SignupForm, *, source: str, ip: str) -> bool:
    """False when the form must be shown again with errors. A bot is "accepted" and ignored."""
    if form.is_bot:
        logger.info("newsletter: honeypot filled in; nothing stored")
        return True
    if not form.is_valid():
        return False
    try:
        subscriber_subscribe(email=form.cleaned_data["email"], source=source, ip=ip)
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


@require_GET
def pending(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/pending.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; the POST confirms. Mail scanners that pre-open links in e-mails
    follow GETs, and must not be able to subscribe someone on their own."""
    if request.method == "POST":
        outcome = subscriber_confirm(token=token, ip=client_ip(request))
        return _confirm_page(request, outcome.status, code=outcome.code)
    reading = confirm_token_read(token)
    if reading.problem:
        return _confirm_page(request, reading.problem)
    subscriber = subscriber_get_by_public_id(public_id=reading.public_id)  # type: ignore[arg-type]
    if subscriber is None:
        return _confirm_page(request, "invalid")
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return _confirm_page(request, "unsubscribed")
    if subscriber.is_confirmed:
        return _confirm_page(
            request, "already_confirmed", code=subscriber_welcome_code(subscriber=subscriber)
        )
    return render(request, "newsletter/confirm.html", {"token": token})


_CONFIRM_STATUS_CODES = {"expired": 410, "invalid": 404, "unsubscribed": 409}


def _confirm_page(
    request: HttpRequest, status: str, *, code: DiscountCode | None = None
) -> HttpResponse:
    context = {"status": status, **_code_context(code)}
    return render(
        request,
        "newsletter/confirmed.html",
        context,
        status=_CONFIRM_STATUS_CODES.get(status, 200),
    )


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/link_invalid.html", status=404)


@csrf_exempt  # RFC 8058: mail apps POST here with no cookie or token; the link is the secret
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    public_id = manage_token_read(token)
    if public_id is None:
        return _link_invalid(request)
    if request.method == "GET":
        subscriber = subscriber_get_by_public_id(public_id=public_id)
        is_subscribed = (
            subscriber is not None and subscriber.status != SubscriberStatus.UNSUBSCRIBED
        )
        return render(
            request, "newsletter/unsubscribe.html", {"token": token, "is_subscribed": is_subscribed}
        )
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    result = subscriber_unsubscribe(
        public_id=public_id,
        source="one-click" if one_click else "unsubscribe-page",
        ip=client_ip(request),
    )
    return render(
        request,
        "newsletter/unsubscribed.html",
        {"token": token, "result": result, "preferences_available": result != "unknown"},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    public_id = manage_token_read(token)
    subscriber = subscriber_get_by_public_id(public_id=public_id) if public_id else None
    if subscriber is None:
        return _link_invalid(request)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            subscriber_preferences_update(
                public_id=subscriber.public_id,
                first_name=form.cleaned_data["first_name"],
                wants_newsletter=form.cleaned_data["wants_newsletter"],
                ip=client_ip(request),
            )
            messages.success(request, "Your preferences are saved.")
            return redirect("newsletter:preferences", token=token)
    else:
        form = PreferencesForm(
            initial={
                "first_name": subscriber.first_name,
                "wants_newsletter": subscriber.is_confirmed,
            }
        )
    context = {
        "form": form,
        "erase_form": EraseForm(),
        "token": token,
        "masked_email": email_mask(subscriber.email),
        "subscriber": subscriber,
    }
    return render(request, "newsletter/preferences.html", context)


@require_http_methods(["POST"])
def preferences_export(request: HttpRequest, token: str) -> HttpResponse:
    public_id = manage_token_read(token)
    if public_id is None:
        return _link_invalid(request)
    if subscriber_export_email_send(public_id=public_id):
        messages.success(request, "We have e-mailed a copy of your data to your address.")
    else:
        messages.warning(
            request, "We could not send another copy today. Please try again tomorrow."
        )
    return redirect("newsletter:preferences", token=token)


@require_http_methods(["POST"])
def preferences_erase(request: HttpRequest, token: str) -> HttpResponse:
    public_id = manage_token_read(token)
    subscriber = subscriber_get_by_public_id(public_id=public_id) if public_id else None
    if subscriber is None:
        return _link_invalid(request)
    form = EraseForm(request.POST)
    if not form.is_valid():
        context = {
            "form": PreferencesForm(
                initial={
                    "first_name": subscriber.first_name,
                    "wants_newsletter": subscriber.is_confirmed,
                }
            ),
            "erase_form": form,
            "token": token,
            "masked_email": email_mask(subscriber.email),
            "subscriber": subscriber,
        }
        return render(request, "newsletter/preferences.html", context)
    subscriber_erase(email=subscriber.email)
    return redirect(reverse("newsletter:erased"))


@require_GET
def erased(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/erased.html")
