"""Admin: questionnaires (offer or withdraw one; the wording comes only from its data file) and
runners' responses (read-only, every record opened is audit-logged like training data)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from stridewell.outcomes.models import Questionnaire, Response
from stridewell.training.admin_runner import AuditedAdmin


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "version", "is_active", "loaded_at")
    list_filter = ("is_active",)
    fields = ("key", "name", "version", "is_active", "loaded_at", "digest", "definition")
    readonly_fields = ("key", "name", "version", "loaded_at", "digest", "definition")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # loaded from files: manage.py load_questionnaires

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # responses refer to it; withdraw it instead (is_active)


@admin.register(Response)
class ResponseAdmin(AuditedAdmin):
    list_display = ("runner", "questionnaire", "date", "score", "answered")
    list_filter = ("questionnaire",)
    search_fields = ("runner__email",)
    date_hierarchy = "date"
    list_select_related = ("runner", "questionnaire")
