"""Clinic fixtures: a profile, a usual week of hours and physios, set up through real models."""

from __future__ import annotations

from datetime import time

import pytest

from stridewell.accounts.models import Role
from stridewell.clinic.models import ClinicProfile, OpeningHours, Station

USUAL_WEEK = (*((day, time(7), time(20)) for day in range(5)), (5, time(8), time(14)))


@pytest.fixture
def profile(db):
    return ClinicProfile.objects.create(
        name="Stridewell Sports Physiotherapy",
        address_line1="Unit 4, Kestrel Yard",
        address_line2="118 Harrier Street",
        city="London",
        postcode="SE1 1ZZ",
        phone="020 7946 0321",
        email="clinic@stridewell.test",
        emergency_phone="07700 900321",
        emergency_cover_text="Ring the on-call physio about a new injury.",
    )


@pytest.fixture
def stations(profile):
    return [
        Station.objects.create(
            profile=profile, name="Borough", lines="Northern", walking_minutes=3, order=0
        ),
        Station.objects.create(
            profile=profile,
            name="London Bridge",
            lines="Jubilee, Northern, National Rail",
            walking_minutes=8,
            order=1,
        ),
    ]


@pytest.fixture
def usual_week(profile):
    return OpeningHours.objects.bulk_create(
        OpeningHours(profile=profile, weekday=day, opens=opens, closes=closes)
        for day, opens, closes in USUAL_WEEK
    )


@pytest.fixture
def make_physio(django_user_model):
    def make(email: str, first_name: str = "", last_name: str = ""):
        return django_user_model.objects.create_user(
            email=email,
            password="pw-for-tests-only",
            role=Role.PHYSIO,
            first_name=first_name,
            last_name=last_name,
        )

    return make


@pytest.fixture
def physio(make_physio):
    return make_physio("asha@stridewell.test", "Asha", "Patel")


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="admin@stridewell.test", password="pw-for-tests-only"
    )
    client.force_login(admin)
    return client
