"""Admin: read-only views of the newsletter for support. Writing happens on the staff pages.

Promises kept here: no list of addresses (the subscriber list shows ids and dates, never
e-mails, and has no search, which would put an address in a URL); no bulk actions at all
(so no "export" and no bulk delete); no edits that would bypass the services and their
consent trail.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from stridewell.newsletter.models import (
    Consent,
    Delivery,
    DiscountCode,
    Issue,
    ListTally,
    Send,
    Subscriber,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    actions = None  # no bulk actions: nothing can export or delete many rows at once

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ConsentInline(admin.TabularInline):
    model = Consent
    fields = ("created_at", "event", "source", "wording_version")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    list_display = ("public_id", "status", "created_at", "confirmed_at", "unsubscribed_at")
    list_filter = ("status",)
    # No search box: a search puts the address in the URL (and so in server logs). To find
    # one person, staff use "Find one subscriber" on the newsletter staff pages (a POST).
    fields = ("public_id", "email", "first_name", "status", "created_at", "confirmed_at",
              "unsubscribed_at")  # fmt: skip
    readonly_fields = fields
    inlines = (ConsentInline,)
    show_full_result_count = False


@admin.register(DiscountCode)
class DiscountCodeAdmin(ReadOnlyAdmin):
    list_display = ("code", "percent_off", "issued_at", "expires_at", "redeemed_at", "reference",
                    "revoked_at")  # fmt: skip
    search_fields = ("=code", "=reference")
    search_help_text = "A code (RUN10-…) or the booking reference that used it."
    readonly_fields = ("code", "percent_off", "issued_at", "expires_at", "redeemed_at",
                       "reference", "revoked_at")  # fmt: skip
    exclude = ("subscriber",)


@admin.register(Issue)
class IssueAdmin(ReadOnlyAdmin):
    list_display = ("subject", "status", "created_at", "sent_at")
    list_filter = ("status",)
    readonly_fields = ("subject", "preheader", "body_markdown", "status", "created_by",
                       "created_at", "updated_at", "sent_at")  # fmt: skip


@admin.register(Send)
class SendAdmin(ReadOnlyAdmin):
    list_display = ("issue", "started_at", "finished_at", "recipient_count")
    readonly_fields = ("issue", "started_by", "started_at", "finished_at", "recipient_count")


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("pk", "issue", "status", "attempts", "sent_at", "error")
    list_filter = ("status", "issue")
    readonly_fields = ("send", "issue", "status", "attempts", "claimed_at", "sent_at", "error")
    exclude = ("subscriber", "claim_token")


@admin.register(ListTally)
class ListTallyAdmin(ReadOnlyAdmin):
    list_display = ("week_start", "joined", "left", "erased")
