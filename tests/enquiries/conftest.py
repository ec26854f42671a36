"""Enquiry fixtures: the clinic profile (its address gets the notifications) and the team."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from stridewell.accounts.models import Role, User
from stridewell.clinic.models import ClinicProfile
from stridewell.enquiries.models import Enquiry
from stridewell.enquiries.services import enquiry_submit

PASSWORD = "long-run-sunday-42"
CLINIC_EMAIL = "frontdesk@stridewell.test"
SITE_URL = "https://stridewell.test"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def clinic(db) -> ClinicProfile:
    return ClinicProfile.objects.create(
        name="Stridewell Sports Physiotherapy",
        address_line1="Unit 4, Kestrel Yard",
        postcode="SE1 1ZZ",
        phone="020 7946 0321",
        email=CLINIC_EMAIL,
    )


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(email: str, *, role: str = Role.RUNNER, **extra: Any) -> User:
        extra.setdefault(
            "first_name", email.split("@", maxsplit=1)[0].split(".", maxsplit=1)[0].title()
        )
        extra.setdefault("last_name", "Tester")
        return User.objects.create_user(email=email, password=PASSWORD, role=role, **extra)

    return make


@pytest.fixture
def staff(make_user) -> User:
    return make_user("jess.marlow@stridewell.test", role=Role.STAFF)


@pytest.fixture
def physio(make_user) -> User:
    return make_user("priya.raman@stridewell.test", role=Role.PHYSIO)


@pytest.fixture
def runner(make_user) -> User:
    return make_user("maya.okafor@example.com", role=Role.RUNNER)


QUESTION = "I run 30 km a week. How do I start strength work without feeling wrecked?"


@pytest.fixture
def make_enquiry(clinic) -> Callable[..., Enquiry]:
    def make(**changes: Any) -> Enquiry:
        fields = {
            "name": "Tom Heathcote",
            "email": "tom@example.com",
            "background": "regular",
            "question": QUESTION,
        } | changes
        return enquiry_submit(**fields)

    return make
