"""Shared pieces of the training pages: today's London date, role gates, htmx-aware redirect."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from stridewell.core.time import now_london
from stridewell.training.access import is_clinician

View = Callable[..., HttpResponse]


def today_london() -> date:
    return now_london().date()


def runner_page(view: View) -> View:
    """Logged-in runners only; a physio or staff member is sent to the physio pages."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_runner:  # type: ignore[union-attr]
            if is_clinician(request.user):
                return redirect("training:physio_dashboard")
            raise Http404("Not found.")
        return view(request, *args, **kwargs)

    return wrapped


def go(request: HttpRequest, url: str) -> HttpResponse:
    """Redirect; an htmx request is told to load the page itself (HX-Redirect)."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def clinician_page(view: View) -> View:
    """Physios and clinic staff only; anyone else gets the same 404 as a missing page."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_clinician(request.user):
            raise Http404("Not found.")
        return view(request, *args, **kwargs)

    return wrapped
