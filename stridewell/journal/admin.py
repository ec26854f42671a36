"""Staff write articles here. Saving goes through `article_save`, which renders the Markdown."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html

from stridewell.accounts.models import User
from stridewell.journal.models import Article, Comment, Tag
from stridewell.journal.services import (
    article_save,
    comment_approve,
    comment_delete,
    comment_mark_spam,
)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "status", "publish_at", "visibility", "reading_minutes")
    list_filter = ("status", "tags", "author")
    search_fields = ("title", "excerpt", "body")
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)
    autocomplete_fields = ("author",)
    readonly_fields = ("updated_at", "reading_minutes", "preview_link")
    fieldsets = (
        (None, {"fields": ("title", "slug", "author", "excerpt", "body", "tags")}),
        ("Publishing", {"fields": ("status", "publish_at", "comments_open", "preview_link")}),
        ("Hero picture", {"fields": ("hero_image", "hero_illustration", "hero_alt")}),
        ("Worked out on save", {"fields": ("updated_at", "reading_minutes")}),
    )
    actions = ("publish_now",)

    @admin.display(description="Readers see it")
    def visibility(self, obj: Article) -> str:
        if obj.is_visible():
            return "Yes"
        return "Scheduled" if obj.is_scheduled else "No (draft)"

    @admin.display(description="On the site")
    def preview_link(self, obj: Article) -> str:
        if not obj.pk:
            return "Save first."
        label = "View" if obj.is_visible() else "Preview (only staff can see it)"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        # Tags are saved by the admin's save_related() afterwards.
        article_save(article=obj)

    @admin.action(description="Publish the selected articles now")
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        now = timezone.now()
        for article in queryset:
            article.status = Article.Status.PUBLISHED
            if article.publish_at is None or article.publish_at > now:
                article.publish_at = now
            article_save(article=article)
        messages.success(request, f"Published {queryset.count()} article(s).")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """For searching and bulk work; day-to-day moderation is the queue on the site.

    The commenter's e-mail address is not shown here either: nobody needs to read it.
    """

    list_display = ("author_name", "article", "status", "hold_reason", "created_at")
    list_filter = ("status", "is_clinic_reply")
    search_fields = ("author_name", "body")
    exclude = ("author_email",)
    readonly_fields = ("article", "parent", "author_name", "author_website", "body", "created_at")
    actions = ("approve", "mark_spam", "delete_comments")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Comment | None = None) -> bool:
        # Deleting must scrub or keep placeholders for replies: only our action does that.
        # (Without delete permission the admin also drops its own "delete selected".)
        return False

    @admin.action(description="Approve")
    def approve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        for comment in queryset:
            comment_approve(comment=comment, by=cast(User, request.user))

    @admin.action(description="Mark as spam")
    def mark_spam(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        for comment in queryset:
            comment_mark_spam(comment=comment, by=cast(User, request.user))

    @admin.action(description="Delete (keeps a placeholder when there are replies)")
    def delete_comments(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        for comment in queryset.order_by("-depth"):
            comment_delete(comment=comment, by=cast(User, request.user))
