"""Runner sign-up: creates a runner, logs them in, keeps what was typed on error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stridewell.accounts.models import Role, User
from stridewell.accounts.throttle import SIGNUP_LIMIT_PER_IP

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "email": "Maya.Okafor@Example.com",
        "first_name": "Maya",
        "last_name": "Okafor",
        "password1": "long-run-sunday-42",
        "password2": "long-run-sunday-42",
    }
    return data | overrides


def test_signup_page_shows_labelled_fields_with_autocomplete(client):
    response = client.get(SIGNUP)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_email">E-mail address' in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="given-name"' in html
    assert 'autocomplete="family-name"' in html
    assert html.count('autocomplete="new-password"') == 2


def test_signup_creates_a_runner_and_sends_them_to_check_their_email(client):
    response = client.post(SIGNUP, _form())

    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    user = User.objects.get()
    assert user.email == "maya.okafor@example.com"
    assert (user.first_name, user.last_name) == ("Maya", "Okafor")
    assert user.role == Role.RUNNER
    assert not user.is_staff
    assert user.check_password("long-run-sunday-42")
    # Not logged in: an existing address could not be logged in, and the answers must match.
    assert "_auth_user_id" not in client.session


def test_signup_with_an_address_taken_in_another_case_saves_nothing_and_says_nothing(
    client, make_user
):
    make_user("maya.okafor@example.com")

    response = client.post(SIGNUP, _form(email="MAYA.OKAFOR@EXAMPLE.COM"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session


def test_signup_with_different_passwords_keeps_what_was_typed_except_passwords(client):
    response = client.post(SIGNUP, _form(password2="long-run-sunday-43"))

    assert response.status_code == 200
    assert not User.objects.exists()
    form = response.context["form"]
    assert form.errors["password2"] == ["The two passwords are different; type them again."]
    html = response.content.decode()
    assert 'value="Maya.Okafor@Example.com"' in html
    assert 'value="Maya"' in html
    assert 'value="Okafor"' in html
    assert "long-run-sunday-4" not in html


def test_signup_error_is_linked_to_its_field_and_summarised(client):
    response = client.post(SIGNUP, _form(password2="something-else-entirely"))

    html = response.content.decode()
    assert 'class="form-errors" role="alert"' in html
    assert 'href="#id_password2"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_password2_helptext id_password2_error"' in html
    assert 'id="id_password2_error"' in html


def test_signup_rejects_a_weak_password_and_saves_nothing(client):
    response = client.post(SIGNUP, _form(password1="12345678", password2="12345678"))

    assert response.status_code == 200
    assert "This password is entirely numeric." in response.context["form"].errors["password1"]
    assert not User.objects.exists()


def test_signup_is_rate_limited_per_client_address(client):
    for n in range(SIGNUP_LIMIT_PER_IP):
        client.post(SIGNUP, _form(password2=f"mismatch-{n}"), REMOTE_ADDR="203.0.113.9")

    refused = client.post(SIGNUP, _form(), REMOTE_ADDR="203.0.113.9")
    elsewhere = client.post(SIGNUP, _form(), REMOTE_ADDR="203.0.113.10")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Please try again in" in refused.content.decode()
    assert 'value="Maya.Okafor@Example.com"' in refused.content.decode()
    assert elsewhere.status_code == 302
    assert User.objects.count() == 1


def test_logged_in_people_are_sent_home_from_signup(client, runner):
    client.force_login(runner)

    assert client.get(SIGNUP).url == reverse("home")


def test_the_first_field_has_focus_only_on_a_fresh_form(client):
    fresh = client.get(SIGNUP).content.decode()
    reshown = client.post(SIGNUP, _form(password2="different-123456")).content.decode()

    assert "autofocus" in fresh
    assert "autofocus" not in reshown
