"""Newsletter fixtures. State is set up through the real services, as a visitor would."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, connections

from stridewell.accounts.models import Role, User
from stridewell.clinic.models import ClinicProfile
from stridewell.newsletter.models import Subscriber
from stridewell.newsletter.services import subscriber_confirm, subscriber_subscribe
from stridewell.newsletter.tokens import confirm_token_make

PASSWORD = "long-run-sunday-42"
SITE_URL = "https://stridewell.test"
CLINIC_EMAIL = "clinic@stridewell.test"
TOKEN_IN_PATH = re.compile(r"/newsletter/(?:confirm|unsubscribe|preferences)/([^/\s>]+)/")


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
        extra.setdefault("first_name", email.split("@", maxsplit=1)[0].title())
        extra.setdefault("last_name", "Tester")
        return User.objects.create_user(email=email, password=PASSWORD, role=role, **extra)

    return make


@pytest.fixture
def staff(make_user) -> User:
    return make_user("jess.staff@stridewell.test", role=Role.STAFF, first_name="Jess")


@pytest.fixture
def runner(make_user) -> User:
    return make_user("maya.runner@example.com", role=Role.RUNNER)


@pytest.fixture
def physio(make_user) -> User:
    return make_user("priya.physio@stridewell.test", role=Role.PHYSIO)


@pytest.fixture
def pending_subscriber(db) -> Callable[..., Subscriber]:
    """Sign an address up through the service, as the footer form would."""

    def make(email: str, *, source: str = "footer", ip: str = "203.0.113.9") -> Subscriber:
        return subscriber_subscribe(email=email, source=source, ip=ip).subscriber

    return make


@pytest.fixture
def confirmed_subscriber(pending_subscriber) -> Callable[..., Subscriber]:
    """Sign up and click the confirmation link."""

    def make(email: str, **kwargs: Any) -> Subscriber:
        subscriber = pending_subscriber(email, **kwargs)
        outcome = subscriber_confirm(token=confirm_token_make(subscriber.public_id))
        assert outcome.status == "confirmed"
        subscriber.refresh_from_db()
        return subscriber

    return make


@pytest.fixture
def race_database(transactional_db, tmp_path) -> Iterator[None]:
    """A database on which threads really wait for each other's locks.

    PostgreSQL: the test database itself. SQLite: the test database is in memory with a
    shared cache, where a second writer fails at once ("table is locked") instead of waiting
    as it does on a real file with busy_timeout. So the migrated (empty) schema is copied to
    a file and every thread, this one included, uses that file for the test.
    """
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "race.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    original_connection = connections["default"]
    original_settings = connections.settings["default"]
    connections.settings["default"] = {**original_settings, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = original_connection
        connections.settings["default"] = original_settings


def token_from(text: str) -> str:
    match = TOKEN_IN_PATH.search(text)
    assert match, f"no newsletter link in: {text[:300]!r}"
    return match.group(1)
