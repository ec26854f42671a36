"""Admin: e-mail users (no username), role filter, practitioner profiles, token revocation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stridewell.accounts.models import PersonalAccessToken, PractitionerProfile, Role, User
from stridewell.accounts.selectors import token_authenticate
from stridewell.accounts.services import token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    boss = User.objects.create_superuser(email="boss@example.com", password="x-very-long-1")
    client.force_login(boss)
    return client


def test_admin_adds_a_user_by_email(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Physio@Example.com",
            "first_name": "Nia",
            "last_name": "Okoro",
            "role": Role.PHYSIO,
            "usable_password": "true",
            "password1": "hamstring-hero-77",
            "password2": "hamstring-hero-77",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="new.physio@example.com")
    assert user.role == Role.PHYSIO
    assert user.check_password("hamstring-hero-77")


def test_admin_refuses_an_address_taken_in_another_case(admin_client, runner):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "RUNNER@example.com",
            "role": Role.RUNNER,
            "usable_password": "true",
            "password1": "hamstring-hero-77",
            "password2": "hamstring-hero-77",
        },
    )

    assert response.status_code == 200
    assert (
        response.context["adminform"]
        .form.errors["email"][0]
        .startswith("An account with this e-mail address already exists.")
    )
    assert User.objects.filter(email__iexact="runner@example.com").count() == 1


def test_admin_change_form_edits_role(admin_client, runner):
    url = reverse("admin:accounts_user_change", args=[runner.pk])
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url,
        {
            "email": "runner@example.com",
            "first_name": "Ada",
            "last_name": "Runner",
            "role": Role.PHYSIO,
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )

    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.role == Role.PHYSIO


def test_admin_user_list_filters_by_role(admin_client, runner, physio):
    response = admin_client.get(reverse("admin:accounts_user_changelist"), {"role": "physio"})

    assert [u.email for u in response.context["cl"].result_list] == ["physio@example.com"]


def test_admin_creates_a_profile_with_one_specialty_per_line(admin_client, physio):
    response = admin_client.post(
        reverse("admin:accounts_practitionerprofile_add"),
        {
            "user": physio.pk,
            "display_name": "Pat Physio",
            "title": "Sports Physiotherapist",
            "slug": "pat-physio",
            "bio": "Hello.",
            "specialties": "Running injuries\n\n  Tendinopathy  \n",
            "is_active": "on",
            "sort_order": "0",
        },
    )

    assert response.status_code == 302
    assert PractitionerProfile.objects.get().specialties == ["Running injuries", "Tendinopathy"]


def test_admin_profile_form_offers_only_physiotherapists(admin_client, runner, physio):
    response = admin_client.get(reverse("admin:accounts_practitionerprofile_add"))

    choices = response.context["adminform"].form.fields["user"].queryset
    assert list(choices) == [physio]


def test_admin_revokes_tokens(admin_client, runner):
    token, raw = token_create(user=runner, name="Watch")

    response = admin_client.post(
        reverse("admin:accounts_personalaccesstoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    assert response.status_code == 302
    assert PersonalAccessToken.objects.get().revoked_at is not None
    assert token_authenticate(raw=raw) is None


def test_staff_setting_a_password_revokes_tokens_and_tells_the_owner(
    admin_client, runner, mailoutbox, django_capture_on_commit_callbacks
):
    _token, raw = token_create(user=runner, name="Watch")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:auth_user_password_change", args=[runner.pk]),
            {
                "usable_password": "true",
                "password1": "new-hamstring-88",
                "password2": "new-hamstring-88",
            },
        )

    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.check_password("new-hamstring-88")
    assert token_authenticate(raw=raw) is None
    [message] = mailoutbox
    assert message.to == ["runner@example.com"]
    assert "changed by the clinic's staff" in message.body
    assert "revoked 1 API token." in " ".join(message.body.split())
