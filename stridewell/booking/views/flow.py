"""The patient's booking pages: type -> practitioner -> day and slot -> details -> booked.

Every step is a plain link or form, so the flow works without JavaScript; with htmx the day
strip swaps only the slot list. Choosing a slot holds it for five minutes (one hold per
browser session); the details form then books it through `appointment_book`.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stridewell.accounts.models import PractitionerProfile, User
from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.forms import DetailsForm
from stridewell.booking.ics import calendar_bytes
from stridewell.booking.models import Appointment, Source, Status
from stridewell.booking.policy import POLICY_TEXT, POLICY_VERSION
from stridewell.booking.selectors import (
    ANY,
    appointment_type_get,
    appointment_type_list_active,
    practitioners_for_type,
)
from stridewell.booking.services.booking import BookingRequest, appointment_book
from stridewell.booking.services.holds import hold_create
from stridewell.booking.services.notify import calendar_event
from stridewell.booking.views.common import is_htmx, parse_start, slot_picker
from stridewell.core.ratelimit import rate_limited
from stridewell.core.time import LONDON

HOLD_KEY = "booking_hold"
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")
BOOKED_KEY = "booking_done"
SUBMISSION_KEY = "booking_submission"


def _type_or_404(slug: str):
    appointment_type = appointment_type_get(slug=slug)
    if appointment_type is None:
        raise Http404("No such appointment type.")
    return appointment_type


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: what kind of appointment."""
    return render(request, "booking/start.html", {"types": list(appointment_type_list_active())})


@require_GET
def practitioner(request: HttpRequest, type_slug: str) -> HttpResponse:
    """Step 2: who, or whoever is free first."""
    appointment_type = _type_or_404(type_slug)
    people = practitioners_for_type(appointment_type=appointment_type)
    return render(
        request,
        "booking/practitioner.html",
        {"appointment_type": appointment_type, "people": people},
    )


@require_GET
def slots(request: HttpRequest, type_slug: str, who: str) -> HttpResponse:
    """Step 3: a day, then a time. htmx asks for the slot panel only."""
    appointment_type = _type_or_404(type_slug)
    people = practitioners_for_type(appointment_type=appointment_type)
    person = next((p for p in people if p.slug == who), None)
    if who != ANY and person is None:
        raise Http404("That practitioner does not offer this appointment.")
    picker = slot_picker(request, appointment_type=appointment_type, practitioner=who)
    context = {
        "appointment_type": appointment_type,
        "person": person,
        "who": who,
        "picker": picker,
        "page_url": reverse("booking:slots", args=[type_slug, who]),
        "action": reverse("booking:hold"),
    }
    template = "booking/partials/slot_panel.html" if is_htmx(request) else "booking/slots.html"
    return render(request, template, context)


@require_POST
@rate_limited(scope="booking-hold", limit=30, window_seconds=600)
def hold(request: HttpRequest) -> HttpResponse:
    """Hold the chosen slot for five minutes and go to the details form."""
    type_slug = request.POST.get("type", "")
    who = request.POST.get("practitioner", "")
    when = parse_start(request.POST.get("start"))
    if not (SLUG.fullmatch(type_slug) and SLUG.fullmatch(who)):
        messages.error(request, "Please start again from the list of appointments.")
        return redirect("booking:start")
    back = reverse("booking:slots", args=[type_slug, who])
    if when is None:
        messages.error(request, "Please choose one of the times listed.")
        return redirect(back)
    previous = (request.session.get(HOLD_KEY) or {}).get("id")
    try:
        held = hold_create(type_slug=type_slug, practitioner=who, start=when, replaces=previous)
    except BookingError as exc:
        messages.error(request, f"{exc.message} Please choose another time.")
        day = when.astimezone(LONDON).date().isoformat()
        return redirect(f"{back}?day={day}&from={day}")
    request.session[HOLD_KEY] = {
        "id": str(held.public_id),
        "type": type_slug,
        "practitioner": who,
        "start": held.start.isoformat(),
        "held_with": held.practitioner.slug,
    }
    request.session[SUBMISSION_KEY] = uuid.uuid4().hex
    return redirect("booking:details")


def _held(request: HttpRequest) -> tuple[dict[str, str], Appointment] | None:
    """The session's hold: the row, or (once it expired and was released) a stand-in for it."""
    saved = request.session.get(HOLD_KEY)
    if not saved or "start" not in saved:
        return None
    row = (
        Appointment.objects.select_related("appointment_type", "practitioner")
        .filter(public_id=saved["id"])
        .first()
    )
    if row is not None:
        return saved, row
    appointment_type = appointment_type_get(slug=saved["type"])
    person = PractitionerProfile.objects.filter(slug=saved.get("held_with", "")).first()
    start = parse_start(saved["start"])
    if appointment_type is None or person is None or start is None:
        return None
    stand_in = Appointment(
        appointment_type=appointment_type,
        practitioner=person,
        status=Status.HELD,
        start=start,
        end=start + timedelta(minutes=appointment_type.duration_minutes),
    )
    return saved, stand_in


def _initial(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if user.is_authenticated and getattr(user, "is_runner", False):
        return {"name": user.get_full_name(), "email": user.email, "patient": "returning"}
    return {}


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited(scope="booking-details", limit=10, window_seconds=600)
def details(request: HttpRequest) -> HttpResponse:
    """Step 4: who you are and what is wrong; submitting books the held slot."""
    found = _held(request)
    if found is None:
        messages.info(request, "Please choose a time first.")
        return redirect("booking:start")
    saved, held = found
    if held.status != Status.HELD:
        # Already booked (e.g. the form was sent twice): show what was booked.
        if str(held.public_id) in request.session.get(BOOKED_KEY, []):
            return redirect("booking:done", public_id=held.public_id)
        messages.info(request, "Please choose a time first.")
        return redirect("booking:start")
    form = DetailsForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        booking = BookingRequest(
            type_slug=saved["type"],
            practitioner=saved["practitioner"],
            start=parse_start(saved["start"]) or held.start,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            is_new_patient=data["patient"] == "new",
            accept_policy=data["accept_policy"],
            reason=data["reason"],
            discount_code=data["discount_code"],
            hold=saved["id"],
        )
        # One key per filled-in form: a double click books once and shows the same booking.
        key = f"web:{request.session.get(SUBMISSION_KEY, saved['id'])}"
        try:
            user = cast(User, request.user) if request.user.is_authenticated else None
            result = appointment_book(
                request=booking, source=Source.WEB, user=user, idempotency_key=key
            )
        except SlotUnavailableError as exc:
            return _taken(request, saved, exc)
        except BookingError as exc:
            form.add_booking_error(exc)
        else:
            done = [*request.session.get(BOOKED_KEY, [])[-9:], str(result.appointment.public_id)]
            # The hold entry stays: a second submit of the same form finds the row booked
            # and is sent to the same confirmation.
            request.session[BOOKED_KEY] = done
            return redirect("booking:done", public_id=result.appointment.public_id)
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "held": held,
        "is_holding": held.pk is not None
        and held.hold_expires_at is not None
        and held.hold_expires_at > timezone.now(),
        "policy_text": POLICY_TEXT,
        "policy_version": POLICY_VERSION,
        "change_url": reverse("booking:slots", args=[saved["type"], saved["practitioner"]]),
    }
    return render(request, "booking/details.html", context, status=status)


def _taken(request: HttpRequest, saved: dict[str, str], exc: SlotUnavailableError) -> HttpResponse:
    request.session.pop(HOLD_KEY, None)
    context = {
        "message": exc.message,
        "offers": exc.next_slots,
        "type_slug": saved["type"],
        "who": saved["practitioner"],
        "action": reverse("booking:hold"),
        "change_url": reverse("booking:slots", args=[saved["type"], saved["practitioner"]]),
    }
    return render(request, "booking/taken.html", context, status=409)


def _own_booking(request: HttpRequest, public_id: uuid.UUID) -> Appointment:
    if str(public_id) not in request.session.get(BOOKED_KEY, []):
        raise Http404("No such booking in this browser.")
    return Appointment.objects.select_related("appointment_type", "practitioner", "room").get(
        public_id=public_id
    )


@never_cache
@require_GET
def done(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Step 5: booked. Visible only in the browser that made the booking."""
    appointment = _own_booking(request, public_id)
    return render(request, "booking/done.html", {"appointment": appointment})


@never_cache
@require_GET
def calendar_file(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The same .ics as in the e-mail, for adding it to a calendar straight away."""
    appointment = _own_booking(request, public_id)
    if appointment.status != Status.CONFIRMED:
        raise Http404("Only a confirmed appointment has a calendar file.")
    response = HttpResponse(
        calendar_bytes(calendar_event(appointment)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="stridewell-appointment.ics"'
    return response
