"""Who may use the enquiries inbox: clinic staff and physiotherapists."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from stridewell.enquiries.services import can_answer_enquiries


def answerer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the log-in page; runners get 403."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_answer_enquiries(request.user):  # type: ignore[arg-type]
            raise PermissionDenied("Only the clinic team can read enquiries.")
        return view(request, *args, **kwargs)

    return wrapper
