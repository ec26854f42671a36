"""seed_accounts_demo: documented logins, three practitioners, idempotent, refused in production."""

from __future__ import annotations

import pytest

from stridewell.accounts.demo import DEMO_PASSWORD, DemoDataNotAllowedError, seed_accounts_demo
from stridewell.accounts.models import PractitionerProfile, Role, User

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {
    "runner@stridewell.test": Role.RUNNER,
    "runner2@stridewell.test": Role.RUNNER,
    "physio@stridewell.test": Role.PHYSIO,
    "physio2@stridewell.test": Role.PHYSIO,
    "physio3@stridewell.test": Role.PHYSIO,
    "staff@stridewell.test": Role.STAFF,
}


def _snapshot() -> list[tuple]:
    users = list(User.objects.order_by("email").values_list("email", "password", "role"))
    profiles = list(PractitionerProfile.objects.order_by("slug").values_list("slug", "user_id"))
    return [*users, *profiles]


def test_demo_creates_the_documented_accounts():
    users = seed_accounts_demo()

    assert {email: user.role for email, user in users.items()} == EXPECTED_ROLES
    assert all(user.check_password(DEMO_PASSWORD) for user in users.values())
    staff = users["staff@stridewell.test"]
    assert (staff.is_staff, staff.is_superuser) == (True, True)
    assert not any(u.is_staff for e, u in users.items() if e != "staff@stridewell.test")


def test_demo_gives_the_clinic_three_practitioners_with_profiles():
    seed_accounts_demo()

    profiles = list(PractitionerProfile.objects.select_related("user"))
    assert [p.user.email for p in profiles] == [
        "physio@stridewell.test",
        "physio2@stridewell.test",
        "physio3@stridewell.test",
    ]
    for profile in profiles:
        assert profile.title
        assert profile.bio
        assert len(profile.specialties) >= 2
        profile.full_clean()


def test_running_twice_changes_nothing():
    seed_accounts_demo()
    before = _snapshot()

    again = seed_accounts_demo()

    assert _snapshot() == before
    assert set(again) == set(EXPECTED_ROLES)


def test_existing_accounts_are_left_as_they_are(make_user):
    existing = make_user("runner@stridewell.test", first_name="Renamed")
    password_hash = existing.password

    seed_accounts_demo()

    existing.refresh_from_db()
    assert existing.first_name == "Renamed"
    assert existing.password == password_hash


def test_demo_refuses_when_demo_data_is_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(DemoDataNotAllowedError, match="DEMO_DATA_ALLOWED"):
        seed_accounts_demo()

    assert not User.objects.exists()
