"""Staff edit the clinic here. Rules come from the engine and the services, not from the forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from stridewell.clinic import hours
from stridewell.clinic.models import ClinicProfile, Closure, OnCallShift, OpeningHours, Station
from stridewell.clinic.services import closure_save, oncall_shift_conflicts, oncall_shift_save


class OpeningHoursFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        ranges = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            weekday, opens, closes = data.get("weekday"), data.get("opens"), data.get("closes")
            if weekday is None or opens is None or closes is None:
                continue
            ranges.append(hours.OpeningRange(weekday=int(weekday), opens=opens, closes=closes))
        errors = hours.overlap_errors(ranges)
        if errors:
            raise ValidationError(errors)


class StationInline(admin.TabularInline):
    model = Station
    extra = 0
    fields = ("name", "lines", "walking_minutes", "order")


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 0
    fields = ("weekday", "opens", "closes")


@admin.register(ClinicProfile)
class ClinicProfileAdmin(admin.ModelAdmin):
    inlines = (StationInline, OpeningHoursInline)
    fieldsets = (
        (None, {"fields": ("name", "phone", "email")}),
        ("Address", {"fields": ("address_line1", "address_line2", "city", "postcode")}),
        ("Emergency cover", {"fields": ("emergency_phone", "emergency_cover_text")}),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not ClinicProfile.objects.exists()


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ("start_date", "end_date", "reason", "source")
    list_filter = ("source",)
    date_hierarchy = "start_date"
    search_fields = ("reason",)

    def save_model(self, request: HttpRequest, obj: Closure, form: Any, change: bool) -> None:
        closure_save(closure=obj)


class OnCallShiftForm(forms.ModelForm):
    class Meta:
        model = OnCallShift
        fields = ("physio", "date", "starts", "ends", "phone", "note")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if all(data.get(key) is not None for key in ("date", "starts", "ends")):
            probe = OnCallShift(
                pk=self.instance.pk, date=data["date"], starts=data["starts"], ends=data["ends"]
            )
            conflicts = oncall_shift_conflicts(shift=probe)
            if conflicts:
                raise ValidationError(conflicts)
        return data


@admin.register(OnCallShift)
class OnCallShiftAdmin(admin.ModelAdmin):
    form = OnCallShiftForm
    list_display = ("date", "starts", "ends", "physio", "phone")
    list_filter = ("physio",)
    date_hierarchy = "date"
    list_select_related = ("physio",)

    def save_model(self, request: HttpRequest, obj: OnCallShift, form: Any, change: bool) -> None:
        oncall_shift_save(shift=obj)
