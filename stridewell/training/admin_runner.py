"""Admin for runners' training data: read-only, and every record opened is audit-logged.

Writes go through the services (screening, logging, overrides) from the pages and the API, so
the admin never edits health data; it is for clinic staff to look things up, and looking is
recorded in `AccessLog` like any other read by staff.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from stridewell.training.access import access_record
from stridewell.training.models import (
    AccessLog,
    Alert,
    CheckIn,
    Decision,
    HandOver,
    Programme,
    ProgrammeEntry,
    Screening,
    Session,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(ReadOnlyAdmin):
    """Opening one record writes an access log entry for its runner."""

    runner_path = "runner"

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is not None:
            runner = obj
            for part in self.runner_path.split("."):
                runner = getattr(runner, part)
            access_record(
                viewer=request.user,  # type: ignore[arg-type]
                runner=runner,
                what=f"admin.{self.model._meta.model_name}",
                obj=object_id,
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Screening)
class ScreeningAdmin(AuditedAdmin):
    list_display = ("runner", "date", "is_self_screen", "is_referred", "recorded_by")
    list_filter = ("is_self_screen", "is_referred")
    search_fields = ("runner__email",)
    date_hierarchy = "date"


class EntryInline(admin.TabularInline):
    model = ProgrammeEntry
    fields = ("position", "ladder", "rung", "dose_text", "is_overridden", "override_note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ("runner", "started_on", "is_active", "physio", "sessions_per_week")
    list_filter = ("is_active",)
    search_fields = ("runner__email",)
    inlines = (EntryInline,)


@admin.register(Session)
class SessionAdmin(AuditedAdmin):
    list_display = ("runner", "date", "created_at")
    search_fields = ("runner__email",)
    date_hierarchy = "date"


@admin.register(CheckIn)
class CheckInAdmin(AuditedAdmin):
    list_display = ("runner", "date", "pain", "stiffness", "urgency")
    list_filter = ("urgency",)
    search_fields = ("runner__email",)


@admin.register(Decision)
class DecisionAdmin(AuditedAdmin):
    list_display = ("runner", "effective_date", "action", "rule", "made_by")
    list_filter = ("action", "rule")
    search_fields = ("runner__email",)


@admin.register(Alert)
class AlertAdmin(AuditedAdmin):
    list_display = ("runner", "kind", "physio", "created_at", "acknowledged_at")
    list_filter = ("kind",)
    search_fields = ("runner__email",)


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "viewer_email", "viewer_role", "runner", "what")
    list_filter = ("viewer_role",)
    search_fields = ("viewer_email", "runner__email")
    date_hierarchy = "at"


@admin.register(HandOver)
class HandOverAdmin(ReadOnlyAdmin):
    """The record of every change of physio. Hand a runner over from their page (staff) or the
    API, never here: the service moves the programme and alerts too (ADR 0014)."""

    list_display = ("at", "runner", "from_physio", "to_physio", "kind", "by_email", "reason")
    list_filter = ("kind",)
    search_fields = ("runner__email", "by_email")
    date_hierarchy = "at"
