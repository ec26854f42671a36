"""Admin: enquiries are read and answered in the site's inbox; here they are view-only.

No bulk actions (so nothing exports or deletes many people's questions at once).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from stridewell.enquiries.models import Enquiry, EnquiryReply


class ReplyInline(admin.StackedInline):
    model = EnquiryReply
    fields = ("created_at", "author", "is_emailed", "suggests_screening", "body")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    actions = None
    list_display = ("pk", "name", "status", "background", "preferred_contact", "created_at")
    list_filter = ("status", "background", "preferred_contact")
    # No search: it would put a name or address in the URL. The site's inbox is for finding.
    readonly_fields = ("name", "email", "phone", "background", "background_detail", "question",
                       "preferred_contact", "status", "created_at", "updated_at", "answered_at",
                       "closed_at")  # fmt: skip
    inlines = (ReplyInline,)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
