"""The calendar page (feed address, rotate, revoke, download) and the feed itself."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from stridewell.planner import clock, selectors
from stridewell.planner.calendar_events import appointment_events, plan_events
from stridewell.planner.charts import month_calendar
from stridewell.planner.feed_tokens import (
    feed_runner_for_token,
    feed_token_live,
    feed_token_revoke,
    feed_token_rotate,
)
from stridewell.planner.ics import calendar_text

MONTHS = 13  # a month calendar reaches a year either side of the race at most


def _ics_for(request: HttpRequest, runner) -> bytes:
    plan = selectors.plan_active(runner=runner)
    base = request.build_absolute_uri(reverse("planner:this_week"))
    events = plan_events(plan=plan, base_url=base) if plan else []
    now = timezone.now()
    # A year either side of now: the whole of any plan, and the clinic visits around it.
    events += appointment_events(
        runner=runner, since=now - timedelta(days=365), until=now + timedelta(days=365)
    )
    name = f"Stridewell: {plan.race.name}" if plan else "Stridewell training"
    return calendar_text(sorted(events, key=lambda e: e.start), name=name, stamp=now)


def _calendar_context(request: HttpRequest, year: int, month: int, feed_url: str = "") -> dict:
    plan = selectors.plan_active(runner=request.user)
    today = clock.today()
    first = date(year, month, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    grid_first = first - timedelta(days=first.weekday())
    grid_last = last + timedelta(days=6 - last.weekday())
    items = selectors.month_items(plan=plan, first=grid_first, last=grid_last) if plan else {}
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return {
        "plan": plan,
        "live": feed_token_live(runner=request.user),
        "feed_url": feed_url,
        "month_first": first,
        "month_svg": mark_safe(month_calendar(year, month, items, today=today)),  # noqa: S308
        "month_list": sorted(
            (d, v) for d, v in items.items() if d.month == month and d.year == year
        ),
        "previous": previous,
        "following": following,
    }


@login_required
@require_GET
def calendar_view(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    return render(
        request, "planner/calendar.html", _calendar_context(request, today.year, today.month)
    )


@login_required
@require_GET
def month_view(request: HttpRequest, year: int, month: int) -> HttpResponse:
    today = clock.today()
    if not 1 <= month <= 12 or abs((year * 12 + month) - (today.year * 12 + today.month)) > MONTHS:
        raise Http404("No such month in range")
    return render(request, "planner/calendar.html", _calendar_context(request, year, month))


@never_cache
@login_required
@require_POST
def feed_rotate_view(request: HttpRequest) -> HttpResponse:
    """A new secret address, shown once on this response (never stored in clear)."""
    raw = feed_token_rotate(runner=request.user)
    url = request.build_absolute_uri(reverse("planner:feed", kwargs={"token": raw}))
    today = clock.today()
    context = _calendar_context(request, today.year, today.month, feed_url=url)
    response = render(request, "planner/calendar.html", context)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_POST
def feed_revoke_view(request: HttpRequest) -> HttpResponse:
    if feed_token_revoke(runner=request.user):
        messages.success(
            request, "Your calendar feed is switched off. Calendar apps will stop updating it."
        )
    return redirect("planner:calendar")


@login_required
@require_GET
def download_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_ics_for(request, request.user), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="stridewell-plan.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_GET
def feed_view(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribed feed: the secret in the address is the only credential."""
    runner = feed_runner_for_token(raw=token)
    if runner is None:
        raise Http404("No such calendar feed")
    response = HttpResponse(_ics_for(request, runner), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
