"""Pages behind the cancel and reschedule links in our e-mails.

Opening a link (GET) only shows the appointment: mail scanners and link previews fetch links,
and must not cancel anything. The change itself is a POST, which uses the link up.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.models import Appointment, TokenPurpose
from stridewell.booking.policy import online_change_decision
from stridewell.booking.services.changes import (
    appointment_cancel_by_link,
    appointment_reschedule_by_link,
)
from stridewell.booking.services.links import link_check
from stridewell.booking.views.common import is_htmx, parse_start, slot_picker
from stridewell.core.ratelimit import rate_limited


def _refused(request: HttpRequest, error: BookingError) -> HttpResponse:
    return render(request, "booking/link_problem.html", {"error": error}, status=error.status)


def _decision(appointment: Appointment):
    return online_change_decision(
        start=appointment.start,
        booked_at=appointment.booked_at or appointment.created_at,
        now=timezone.now(),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited(scope="booking-link", limit=20, window_seconds=600)
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    try:
        appointment = link_check(raw=token, purpose=TokenPurpose.CANCEL)
    except BookingError as exc:
        return _refused(request, exc)
    if request.method == "POST":
        try:
            cancelled = appointment_cancel_by_link(
                public_id=str(appointment.public_id), raw_token=token
            )
        except BookingError as exc:
            return _refused(request, exc)
        return render(request, "booking/cancelled.html", {"appointment": cancelled})
    context = {"appointment": appointment, "decision": _decision(appointment)}
    return render(request, "booking/cancel.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited(scope="booking-link", limit=20, window_seconds=600)
def reschedule(request: HttpRequest, token: str) -> HttpResponse:
    try:
        appointment = link_check(raw=token, purpose=TokenPurpose.RESCHEDULE)
    except BookingError as exc:
        return _refused(request, exc)
    problem = ""
    offers = []
    if request.method == "POST":
        start = parse_start(request.POST.get("start"))
        try:
            if start is None:
                raise BookingError("invalid", "Please choose one of the times listed.")
            moved = appointment_reschedule_by_link(
                public_id=str(appointment.public_id), raw_token=token, start=start
            )
        except SlotUnavailableError as exc:
            problem, offers = exc.message, exc.next_slots
        except BookingError as exc:
            if exc.code.startswith("link_") or exc.code == "too_late_to_change":
                return _refused(request, exc)
            problem = exc.message
        else:
            return render(request, "booking/rescheduled.html", {"appointment": moved})
    picker = slot_picker(
        request,
        appointment_type=appointment.appointment_type,
        practitioner=appointment.practitioner.slug,
        exclude_appointment_id=appointment.pk,
    )
    context = {
        "appointment": appointment,
        "decision": _decision(appointment),
        "picker": picker,
        "page_url": request.path,
        "action": request.path,
        "problem": problem,
        "offers": offers,
        "appointment_type": appointment.appointment_type,
        "who": appointment.practitioner.slug,
    }
    template = "booking/partials/slot_panel.html" if is_htmx(request) else "booking/reschedule.html"
    return render(request, template, context, status=409 if problem else 200)
