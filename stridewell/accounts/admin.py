"""Admin for the e-mail user, practitioner profiles and access tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    UserChangeForm,
)
from django.db.models import QuerySet
from django.http import HttpRequest

from stridewell.accounts.models import PersonalAccessToken, PractitionerProfile, Role, User
from stridewell.accounts.services import (
    DUPLICATE_EMAIL_MESSAGE,
    practitioner_profile_save,
    token_revoke,
)
from stridewell.accounts.services_password import user_password_changed


def _clean_unique_email(form: forms.ModelForm) -> str:
    email = form.cleaned_data["email"].strip().lower()
    clash = User.objects.filter(email__iexact=email)
    if form.instance.pk:
        clash = clash.exclude(pk=form.instance.pk)
    if clash.exists():
        raise forms.ValidationError(DUPLICATE_EMAIL_MESSAGE, code="duplicate_email")
    return email


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "role")

    def clean_email(self) -> str:
        return _clean_unique_email(self)


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        return _clean_unique_email(self)


class PasswordChangeAdminForm(AdminPasswordChangeForm):
    """Staff setting (or disabling) a password: the same revocations and e-mail as a reset."""

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            user_password_changed(user=user, how="admin")
        return user


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    change_password_form = PasswordChangeAdminForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal details", {"fields": ("first_name", "last_name")}),
        ("Role and access", {"fields": ("role", "is_active", "is_staff", "is_superuser")}),
        ("Permissions", {"classes": ("collapse",), "fields": ("groups", "user_permissions")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "first_name",
                    "last_name",
                    "role",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = ("email", "first_name", "last_name", "role", "is_staff", "is_active")
    list_filter = ("role", "is_staff", "is_superuser", "is_active")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")


class SpecialtiesField(forms.CharField):
    """Specialties typed one per line in the admin, stored as a JSON list of strings."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class PractitionerProfileForm(forms.ModelForm):
    specialties = SpecialtiesField(
        required=False, help_text="One per line, e.g. “Achilles tendinopathy”."
    )

    class Meta:
        model = PractitionerProfile
        fields = (
            "user",
            "display_name",
            "title",
            "slug",
            "bio",
            "specialties",
            "is_active",
            "sort_order",
        )


@admin.register(PractitionerProfile)
class PractitionerProfileAdmin(admin.ModelAdmin):
    form = PractitionerProfileForm
    list_display = ("display_name", "title", "user", "is_active", "sort_order")
    list_editable = ("sort_order",)
    list_filter = ("is_active",)
    search_fields = ("display_name", "title", "user__email")
    prepopulated_fields = {"slug": ("display_name",)}
    list_select_related = ("user",)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "user":
            # Only physiotherapists can have a profile; offering anyone else invites an error.
            kwargs["queryset"] = User.objects.filter(role=Role.PHYSIO).order_by("email")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: PractitionerProfile, form: Any, change: bool
    ) -> None:
        practitioner_profile_save(profile=obj)


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    """Tokens are created by their owners; staff can only look and revoke."""

    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__email")
    list_select_related = ("user",)
    readonly_fields = list_display
    fields = list_display
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens", permissions=["delete"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[PersonalAccessToken]) -> None:
        for token in queryset:
            token_revoke(token=token, by_user=request.user)  # type: ignore[arg-type]
        messages.success(request, f"Revoked {queryset.count()} token(s).")
