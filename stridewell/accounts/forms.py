"""Forms for sign-up, log-in and password reset. They validate input; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.http import HttpRequest
from django.urls import reverse

from stridewell.accounts import throttle
from stridewell.accounts.models import User
from stridewell.accounts.services import user_login_attempt
from stridewell.accounts.services_password import PasswordHow, user_password_set
from stridewell.core.email import email_send

PASSWORD_ADVICE = (
    "At least 8 characters. Avoid common passwords, passwords made only of numbers, "  # noqa: S105
    "and anything close to your name or e-mail address."
)


def _drop_autofocus_when_bound(form: forms.Form) -> None:
    # On a re-shown form the error summary should be read first, not the first input.
    if form.is_bound:
        for field in form.fields.values():
            field.widget.attrs.pop("autofocus", None)


class SignupForm(auth_forms.SetPasswordMixin, forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="We send appointment confirmations and password resets here.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text=PASSWORD_ADVICE,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        help_text="Type the same password once more, to catch typing mistakes.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    error_messages = {"password_mismatch": "The two passwords are different; type them again."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _drop_autofocus_when_bound(self)

    def clean_email(self) -> str:
        # No "already registered" error: that would tell anyone which addresses have an
        # account. The service e-mails the owner instead (services.user_signup_runner).
        return throttle.normalise_email(self.cleaned_data["email"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.validate_passwords()
        # Similarity checks need the person's details, which are not saved yet.
        candidate = User(
            email=cleaned.get("email", ""),
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )
        if not self.has_error("password1") and not self.has_error("password2"):
            self.validate_password_for_user(candidate, password_field_name="password1")  # noqa: S106
        return cleaned


class LoginForm(forms.Form):
    """Log-in by e-mail, behind the failure throttle. Works with Django's LoginView."""

    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user_cache: User | None = None
        self.retry_after = 0
        super().__init__(*args, **kwargs)
        _drop_autofocus_when_bound(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            outcome = user_login_attempt(request=self.request, email=email, password=password)
            if outcome.is_throttled:
                self.retry_after = outcome.retry_after
                raise forms.ValidationError(
                    throttle.retry_message(
                        outcome.retry_after,
                        what="Too many unsuccessful log-in attempts, so we have paused log-in "
                        "for this account or connection.",
                    ),
                    code="throttled",
                )
            if outcome.user is None:
                raise forms.ValidationError(
                    "That e-mail address and password do not match an active account. "
                    "Check both and try again.",
                    code="invalid_login",
                )
            self.user_cache = outcome.user
        return cleaned

    @property
    def is_throttled(self) -> bool:
        return self.retry_after > 0

    def get_user(self) -> User | None:
        return self.user_cache


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="The address you log in with.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _drop_autofocus_when_bound(self)

    def send_mail(  # noqa: PLR0917 - the signature is Django's
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Links are built from SITE_URL, never from the request's Host header, so a forged
        # Host cannot send someone a reset link pointing at another site.
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        user: User = context["user"]
        email_send(
            to=[to_email],
            subject="Reset your Stridewell password",
            template="email/accounts/password_reset",
            context={
                "first_name": user.first_name,
                "reset_url": f"{settings.SITE_URL}{path}",
                "valid_hours": max(settings.PASSWORD_RESET_TIMEOUT // 3600, 1),
            },
        )


class SetPasswordForm(auth_forms.SetPasswordForm):
    """A new password after a reset link; saving revokes tokens and e-mails the owner."""

    how: PasswordHow = "reset"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = PASSWORD_ADVICE
        self.fields["new_password2"].label = "New password again"
        self.fields["new_password2"].help_text = "Type the same password once more."

    def save(self, commit: bool = True) -> User:  # always saves: a new password is atomic
        user_password_set(
            user=self.user,  # type: ignore[arg-type]
            password=self.cleaned_data["new_password1"],
            how=self.how,
        )
        return self.user  # type: ignore[return-value]


class PasswordChangeForm(SetPasswordForm, auth_forms.PasswordChangeForm):  # type: ignore[misc]
    """Change a password while logged in: the current one first, then the new one twice."""

    how: PasswordHow = "change"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.order_fields(["old_password", "new_password1", "new_password2"])
