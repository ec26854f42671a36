"""Fixed-window rate limits kept in the Django cache (local memory in dev, Redis in production).

A window opens on the first hit for a key and lasts `window_seconds`; the counter then expires
with it. Counting uses `cache.add` followed by `cache.incr`, both atomic on locmem and Redis, so
racing requests (or app servers sharing one Redis) never lose a hit.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines

logger = logging.getLogger(__name__)

# Inline so the limiter works wherever it is used; the markup matches the site's 404 page.
_PAGE = """{% extends "base.html" %}{% block title %}Please wait a moment · Stridewell{% endblock %}
{% block content %}<section class="section error-page" aria-labelledby="error-heading">
<div class="container narrow">
<p class="eyebrow eyebrow--muted">Error 429</p>
<h1 id="error-heading">Too many attempts</h1>
<p class="lead">We received several requests from you in a short time, so we have paused this
for a moment. Please try again in {{ wait }}.</p>
<ul class="link-list"><li><a class="button button-primary" href="{% url 'home' %}">Go to the home
page</a></li></ul>
</div></section>{% endblock %}"""


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    remaining: int
    # Seconds until the window closes; 0 whenever the request is allowed.
    retry_after: int


def _keys(key: str) -> tuple[str, str]:
    # Hash the caller's key: it often holds an e-mail address, which must not sit in Redis in
    # clear, and hashing keeps any key within memcached-style length and character limits.
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"ratelimit:{digest}:n", f"ratelimit:{digest}:t"


def _seconds_left(start_key: str, window_seconds: int, now: float) -> int:
    started = cache.get(start_key)
    if started is None:  # a racing first hit has not stored its start yet: assume a full window
        return window_seconds
    return min(window_seconds, max(1, math.ceil(float(started) + window_seconds - now)))


def rate_limit_hit(*, key: str, limit: int, window_seconds: int) -> RateDecision:
    """Count one attempt against `key` and say whether it is within `limit` for the window."""
    count_key, start_key = _keys(key)
    now = time.time()
    count = 0
    for _ in range(2):
        if cache.add(count_key, 1, timeout=window_seconds):
            cache.set(start_key, now, timeout=window_seconds)
            count = 1
            break
        try:
            count = cache.incr(count_key)
            break
        except ValueError:  # the window expired between add() and incr(): open a new one
            continue
    else:  # pragma: no cover - needs the key to expire twice within microseconds
        count = 1
    if count <= limit:
        return RateDecision(allowed=True, remaining=limit - count, retry_after=0)
    return RateDecision(
        allowed=False, remaining=0, retry_after=_seconds_left(start_key, window_seconds, now)
    )


def rate_limit_peek(*, key: str, limit: int, window_seconds: int) -> RateDecision:
    """Would the next attempt be allowed? Counts nothing."""
    count_key, start_key = _keys(key)
    count = int(cache.get(count_key) or 0)
    if count < limit:
        return RateDecision(allowed=True, remaining=limit - count, retry_after=0)
    return RateDecision(
        allowed=False,
        remaining=0,
        retry_after=_seconds_left(start_key, window_seconds, time.time()),
    )


def rate_limit_reset(*, key: str) -> None:
    """Forget every attempt counted against `key` (e.g. after a successful log-in)."""
    cache.delete_many(list(_keys(key)))


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR unless TRUSTED_PROXY_COUNT proxies sit in front.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For,
    so with N proxies the client is the N-th entry from the right. Entries further left were
    written by the client itself and cannot be trusted.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if proxies <= 0 or not forwarded.strip():
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    candidate = hops[-proxies] if len(hops) >= proxies else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        logger.warning("ignoring malformed X-Forwarded-For entry %r", candidate)
        return remote


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def _wait_words(seconds: int) -> str:
    if seconds < 60:
        return "1 second" if seconds == 1 else f"{seconds} seconds"
    minutes = math.ceil(seconds / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def too_many_requests(request: HttpRequest, decision: RateDecision) -> HttpResponse:
    """The 429 answer: the API error shape for JSON clients, a short page for browsers."""
    wait = _wait_words(decision.retry_after)
    response: HttpResponse
    if _wants_json(request):
        message = f"Too many attempts. Please try again in {wait}."
        body = {"error": {"code": "rate_limited", "message": message, "fields": {}}}
        response = JsonResponse(body, status=429)
    else:
        # Rendered with the request so the site layout gets its usual context (CSP nonce etc.).
        page = engines["django"].from_string(_PAGE).render({"wait": wait}, request=request)
        response = HttpResponse(page, status=429)
    response["Retry-After"] = str(decision.retry_after)
    return response


def rate_limited(
    *, scope: str, limit: int, window_seconds: int, methods: Iterable[str] = ("POST",)
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit a view to `limit` requests per client address per window, for `methods` only."""
    counted = frozenset(method.upper() for method in methods)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in counted:
                decision = rate_limit_hit(
                    key=f"{scope}:{client_ip(request)}",
                    limit=limit,
                    window_seconds=window_seconds,
                )
                if not decision.allowed:
                    logger.info("rate limit %s reached for a client", scope)
                    return too_many_requests(request, decision)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
