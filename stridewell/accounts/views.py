"""Account pages: sign-up, log-in/out and password reset. Thin: forms validate, services write."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from stridewell.accounts import throttle
from stridewell.accounts.device import device_cookie_issue
from stridewell.accounts.forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SignupForm,
)
from stridewell.accounts.services import user_signup_runner
from stridewell.core.ratelimit import RateDecision


def _refuse(view: FormView, form: Any, decision: RateDecision, what: str) -> HttpResponse:
    """Show the form again (keeping what was typed) with a 429 and the time to wait."""
    form.add_error(None, throttle.retry_message(decision.retry_after, what=what))
    response = view.render_to_response(view.get_context_data(form=form), status=429)
    response["Retry-After"] = str(max(decision.retry_after, 1))
    return response


@method_decorator(
    [sensitive_post_parameters("password1", "password2"), csrf_protect, never_cache],
    name="dispatch",
)
class SignupView(FormView):
    template_name = "accounts/signup.html"
    form_class = SignupForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        decision = throttle.signup_attempt_record(ip=throttle.client_ip(request))
        if not decision.allowed:
            what = "We have had many sign-up attempts from your connection in the last hour."
            return _refuse(self, self.get_form(), decision, what)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: SignupForm) -> HttpResponse:
        data = form.cleaned_data
        # The same answer whether or not the address already has an account: nobody is
        # logged in, and the mailbox's owner hears from us either way.
        user_signup_runner(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            password=data["password1"],
        )
        return redirect("accounts:signup_done")


class SignupDoneView(TemplateView):
    template_name = "accounts/signup_done.html"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    # LoginForm follows AuthenticationForm's interface (request, get_user) with an e-mail field.
    authentication_form = LoginForm  # type: ignore[assignment]
    form_class = LoginForm  # type: ignore[assignment]
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)  # type: ignore[arg-type]
        # This browser has now logged in to the account: its future attempts get their own
        # throttle budget, so nobody elsewhere can lock its owner out (see accounts.device).
        device_cookie_issue(self.request, response, email=form.cleaned_data["email"])
        return response

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)  # type: ignore[arg-type]
        if form.is_throttled:
            response.status_code = 429
            response["Retry-After"] = str(form.retry_after)
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django refuses GET): a link or image must not be able to log anyone out."""


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:  # type: ignore[override]
        decision = throttle.password_reset_ip_record(ip=throttle.client_ip(self.request))
        if not decision.allowed:
            what = "We have had many password-reset requests from your connection."
            return _refuse(self, form, decision, what)
        # Past the per-address limit we quietly send nothing and show the same page, so the
        # answer never depends on whether the address has an account.
        if throttle.password_reset_email_record(email=form.cleaned_data["email"]).allowed:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    # Saving (SetPasswordForm.save -> services_password.user_password_set) revokes the
    # account's tokens, ends its sessions (a reset logs nobody in), restarts its log-in
    # throttle and e-mails the owner.


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password while logged in. This session stays; every other one ends."""

    template_name = "registration/password_change_form.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"
