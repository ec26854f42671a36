"""The staff diary in the site: day and week views, booking a caller, and every change through
the same services as the API and the admin. Staff see every diary; a physio sees their own.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from stridewell.accounts.models import User
from stridewell.booking.audit import appointments_audit
from stridewell.booking.diary import diary_appointments, diary_days, diary_visible_practitioners
from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.forms import CancelForm, MoveForm, StaffBookingForm
from stridewell.booking.models import Appointment, Source, Status
from stridewell.booking.permissions import diary_can_manage, diary_can_open
from stridewell.booking.policy import POLICY_TEXT, POLICY_VERSION
from stridewell.booking.selectors import appointment_type_list_active
from stridewell.booking.services import changes
from stridewell.booking.services.booking import BookingRequest, appointment_book
from stridewell.booking.views.common import parse_day
from stridewell.core.time import LONDON

ALL = "all"


def _require_diary(request: HttpRequest) -> User:
    """The signed-in member of staff or physio (anyone else is refused)."""
    if not diary_can_open(request.user):
        raise PermissionDenied("The diary is for clinic staff and physiotherapists.")
    return cast(User, request.user)


def _choices(people: list[Any]) -> list[tuple[str, str]]:
    return [(p.slug, p.display_name) for p in people]


@login_required
@require_http_methods(["GET"])
def diary(request: HttpRequest) -> HttpResponse:
    """?view=day|week&day=YYYY-MM-DD&practitioner=<slug>|all"""
    user = _require_diary(request)
    people = diary_visible_practitioners(user)
    today = timezone.now().astimezone(LONDON).date()
    day = parse_day(request.GET.get("day")) or today
    view = "week" if request.GET.get("view") == "week" else "day"
    wanted = request.GET.get("practitioner") or (ALL if user.is_clinic_staff else "")
    if wanted and wanted != ALL:
        shown = [p for p in people if p.slug == wanted]
        if not shown:
            raise PermissionDenied("You can only open your own diary.")
    else:
        shown = people
    first = day - timedelta(days=day.weekday()) if view == "week" else day
    last = first + timedelta(days=6) if view == "week" else day
    rows = diary_appointments(practitioners=shown, first_day=first, last_day=last)
    appointments_audit(viewer=user, appointments=rows, what="booking.diary")
    step = timedelta(days=7 if view == "week" else 1)
    context = {
        "people": people,
        "practitioner": wanted,
        "view": view,
        "day": day,
        "today": today,
        "days": diary_days(appointments=rows, first_day=first, last_day=last),
        "previous": first - step,
        "next": first + step,
        "pending": sum(1 for a in rows if a.status == Status.PENDING),
    }
    return render(request, "booking/diary/diary.html", context)


def _appointment(request: HttpRequest, public_id: uuid.UUID) -> Appointment:
    user = _require_diary(request)
    appointment = (
        Appointment.objects.select_related("appointment_type", "practitioner", "room", "booked_by")
        .filter(public_id=public_id)
        .first()
    )
    if appointment is None or not diary_can_manage(user, appointment.practitioner_id):
        raise Http404("No such appointment in a diary you can open.")
    return appointment


def _diary_url(appointment: Appointment) -> str:
    day = appointment.start.astimezone(LONDON).date().isoformat()
    return f"{reverse('booking:diary')}?day={day}&practitioner={appointment.practitioner.slug}"


@login_required
@require_http_methods(["GET"])
def appointment_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    appointment = _appointment(request, public_id)
    user = _require_diary(request)
    appointments_audit(viewer=user, appointments=[appointment], what="booking.appointment")
    people = diary_visible_practitioners(user)
    local = appointment.start.astimezone(LONDON)
    context = {
        "appointment": appointment,
        "move_form": MoveForm(
            initial={"day": local.date(), "start_time": local.time()},
            practitioners=_choices(people) if user.is_clinic_staff else [],
        ),
        "cancel_form": CancelForm(),
        "diary_url": _diary_url(appointment),
        "can_change": appointment.status in (Status.PENDING, Status.CONFIRMED),
    }
    return render(request, "booking/diary/appointment.html", context)


def _act(
    request: HttpRequest,
    public_id: uuid.UUID,
    run: Callable[[Appointment], Any],
    done: str,
    what: str,
) -> HttpResponse:
    appointment = _appointment(request, public_id)
    appointments_audit(viewer=request.user, appointments=[appointment], what=what)
    try:
        run(appointment)
    except SlotUnavailableError as exc:
        offers = ", ".join(f"{s.start.astimezone(LONDON):%a %d %b %H:%M}" for s in exc.next_slots)
        messages.error(request, f"{exc.message} Free: {offers}." if offers else exc.message)
    except BookingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("booking:diary_appointment", public_id=public_id)


@login_required
@require_POST
def appointment_action(request: HttpRequest, public_id: uuid.UUID, action: str) -> HttpResponse:
    """confirm, arrived, no-show, cancel or move, each through its service."""
    user = _require_diary(request)
    simple = {
        "confirm": (changes.appointment_confirm, "Confirmed; the patient has been e-mailed."),
        "arrived": (changes.appointment_mark_arrived, "Marked as arrived."),
        "no-show": (changes.appointment_mark_no_show, "Recorded as did not attend."),
    }
    if action in simple:
        service, done = simple[action]
        return _act(
            request,
            public_id,
            lambda a: service(appointment_id=a.pk, actor=user),
            done,
            f"booking.{action}",
        )
    if action == "cancel":
        cancel_form = CancelForm(request.POST)
        reason = cancel_form.cleaned_data["reason"] if cancel_form.is_valid() else ""
        return _act(
            request,
            public_id,
            lambda a: changes.appointment_cancel(appointment_id=a.pk, actor=user, reason=reason),
            "Cancelled; the patient has been e-mailed.",
            "booking.cancel",
        )
    if action == "move":
        people = diary_visible_practitioners(user)
        form = MoveForm(request.POST, practitioners=_choices(people))
        if not form.is_valid():
            messages.error(request, "Give a date and a start time to move to.")
            return redirect("booking:diary_appointment", public_id=public_id)
        return _act(
            request,
            public_id,
            lambda a: changes.appointment_move(
                appointment_id=a.pk,
                actor=user,
                start=form.start(),
                practitioner=form.cleaned_data.get("practitioner") or None,
            ),
            "Moved; the patient has been e-mailed the new time.",
            "booking.move",
        )
    raise Http404("No such action.")


@login_required
@require_http_methods(["GET", "POST"])
def book_for_caller(request: HttpRequest) -> HttpResponse:
    """Staff (or a physio, into their own diary) book a patient who phoned."""
    user = _require_diary(request)
    people = diary_visible_practitioners(user)
    choices = _choices(people)
    initial: dict[str, Any] = {
        "day": parse_day(request.GET.get("day")) or timezone.now().astimezone(LONDON).date()
    }
    if len(people) == 1:
        initial["practitioner"] = people[0].slug
    form = StaffBookingForm(
        request.POST or None,
        initial=initial,
        types=appointment_type_list_active(),
        practitioners=choices,
    )
    if not user.is_clinic_staff:
        form.fields["practitioner"].choices = choices  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        booking = BookingRequest(
            type_slug=data["appointment_type"].slug,
            practitioner=data["practitioner"],
            start=form.start(),
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            is_new_patient=data["patient"] == "new",
            accept_policy=data["accept_policy"],
            reason=data["reason"],
            discount_code=data["discount_code"],
        )
        try:
            result = appointment_book(request=booking, source=Source.DIARY, booked_by=user)
        except SlotUnavailableError as exc:
            offers = ", ".join(
                f"{s.start.astimezone(LONDON):%a %d %b %H:%M}" for s in exc.next_slots
            )
            form.add_error(
                "start_time", f"{exc.message} Free: {offers}." if offers else exc.message
            )
        except BookingError as exc:
            form.add_booking_error(exc)
        else:
            appointments_audit(viewer=user, appointments=[result.appointment], what="booking.book")
            messages.success(request, "Booked; the patient has been e-mailed a confirmation.")
            return redirect("booking:diary_appointment", public_id=result.appointment.public_id)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "policy_text": POLICY_TEXT, "policy_version": POLICY_VERSION}
    return render(request, "booking/diary/book.html", context, status=status)
