"""Booking in the admin. Appointments are changed through the services only: the scheduling
fields are read-only here, adding and deleting are off (use the diary), and the actions call the
same services as the diary and the API.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html

from stridewell.accounts.models import User
from stridewell.booking.audit import appointments_audit
from stridewell.booking.errors import BookingError
from stridewell.booking.models import (
    Appointment,
    AppointmentType,
    DateOverride,
    Room,
    Status,
    TimeOff,
    WorkingHours,
)
from stridewell.booking.services.catalogue import appointment_type_save, rota_entry_save
from stridewell.booking.services.changes import (
    appointment_cancel,
    appointment_confirm,
    appointment_notes_update,
)
from stridewell.core.time import LONDON


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_active", "sort_order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(AppointmentType)
class AppointmentTypeAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "duration_minutes",
        "price_pence",
        "eligibility",
        "is_emergency",
        "is_active",
    )
    list_filter = ("is_active", "is_emergency", "eligibility")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("rooms", "practitioners")
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "is_active", "sort_order")}),
        ("Length and price", {"fields": ("duration_minutes", "price_pence", "surcharge_pence")}),
        (
            "When it can be booked",
            {
                "fields": (
                    "grid_minutes",
                    "buffer_before_minutes",
                    "buffer_after_minutes",
                    "min_notice_minutes",
                    "horizon_days",
                    "is_emergency",
                )
            },
        ),
        ("Who", {"fields": ("eligibility", "needs_confirmation", "practitioners", "rooms")}),
    )

    def save_model(
        self, request: HttpRequest, obj: AppointmentType, form: Any, change: bool
    ) -> None:
        appointment_type_save(appointment_type=obj)


class RotaAdmin(admin.ModelAdmin):
    list_filter = ("practitioner",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        rota_entry_save(entry=obj)


@admin.register(WorkingHours)
class WorkingHoursAdmin(RotaAdmin):
    list_display = ("practitioner", "weekday", "starts", "ends")


@admin.register(DateOverride)
class DateOverrideAdmin(RotaAdmin):
    list_display = ("practitioner", "date", "starts", "ends")
    date_hierarchy = "date"


@admin.register(TimeOff)
class TimeOffAdmin(RotaAdmin):
    list_display = ("practitioner", "first_day", "last_day", "reason")


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ("when", "practitioner", "appointment_type", "status", "patient_name", "source")
    list_filter = ("status", "practitioner", "appointment_type", "source")
    search_fields = ("patient_name", "patient_email", "patient_phone")
    date_hierarchy = "start"
    list_select_related = ("practitioner", "appointment_type")
    actions = ("confirm_selected", "cancel_selected")
    fields = (
        "diary_link",
        "status",
        "appointment_type",
        "practitioner",
        "room",
        "start",
        "end",
        "patient_name",
        "patient_email",
        "patient_phone",
        "is_new_patient",
        "reason",
        "price_pence",
        "discount_code",
        "discount_percent",
        "final_price_pence",
        "policy_version",
        "policy_accepted_at",
        "source",
        "booked_by",
        "booked_at",
        "sequence",
        "staff_notes",
    )

    def get_readonly_fields(
        self, request: HttpRequest, obj: Appointment | None = None
    ) -> list[str]:
        # Everything but the staff notes: times, people and status change only in the diary.
        return [name for name in self.fields if name != "staff_notes"]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        appointment = self.get_object(request, object_id)
        if appointment is not None:
            appointments_audit(
                viewer=request.user, appointments=[appointment], what="admin.appointment"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Appointment | None = None) -> bool:
        return False

    @admin.display(description="When (London)", ordering="start")
    def when(self, obj: Appointment) -> str:
        return f"{obj.start.astimezone(LONDON):%a %d %b %Y %H:%M}"

    @admin.display(description="Diary")
    def diary_link(self, obj: Appointment) -> str:
        url = reverse("booking:diary_appointment", args=[obj.public_id])
        return format_html('<a href="{}">Open in the diary to move or change it</a>', url)

    def save_model(self, request: HttpRequest, obj: Appointment, form: Any, change: bool) -> None:
        appointment_notes_update(
            appointment_id=obj.pk,
            actor=cast(User, request.user),
            notes=form.cleaned_data.get("staff_notes", ""),
        )

    def _each(
        self, request: HttpRequest, queryset: QuerySet[Appointment], action: Any, verb: str
    ) -> None:
        done = 0
        for appointment in queryset:
            try:
                action(appointment_id=appointment.pk, actor=request.user)
            except BookingError as exc:
                self.message_user(request, f"{appointment}: {exc.message}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, f"{verb} {done} appointment{'s' if done != 1 else ''}.")

    @admin.action(description="Confirm selected pending requests")
    def confirm_selected(self, request: HttpRequest, queryset: QuerySet[Appointment]) -> None:
        self._each(
            request, queryset.filter(status=Status.PENDING), appointment_confirm, "Confirmed"
        )

    @admin.action(description="Cancel selected appointments (the patients are e-mailed)")
    def cancel_selected(self, request: HttpRequest, queryset: QuerySet[Appointment]) -> None:
        self._each(request, queryset, appointment_cancel, "Cancelled")
