"""The admin shows runners' training data read-only, and opening a record is audit-logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

import stridewell.training.admin_runner  # noqa: F401 — registers the runner models
from stridewell.accounts.models import User
from stridewell.training.models import AccessLog, Alert, Screening
from stridewell.training.services_screening import screening_record

from .conftest import MONDAY, URLCONF, log

pytestmark = pytest.mark.urls(URLCONF)


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser(email="admin@example.test", password="x-long-pass-1")


def test_opening_a_screening_in_the_admin_is_logged(client, admin_user, runner, physio, library):
    screening = screening_record(
        runner=runner, recorded_by=physio, day=MONDAY, age=30, sex="male", current_pain=0,
        today=MONDAY,
    ).screening  # fmt: skip
    client.force_login(admin_user)

    response = client.get(reverse("admin:training_screening_change", args=[screening.pk]))

    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.viewer, entry.runner, entry.what) == (admin_user, runner, "admin.screening")


def test_the_admin_cannot_add_or_delete_health_data(client, admin_user, library):
    client.force_login(admin_user)
    assert client.get(reverse("admin:training_screening_add")).status_code == 403
    assert Screening.objects.count() == 0


def test_the_physio_dashboard_raises_missed_session_alerts(client, runner, physio, assign):
    entries = assign(runner)
    log(runner, entries, MONDAY)
    client.force_login(physio)

    page = client.get(reverse("training:physio_dashboard")).content.decode()

    # The programme started on 2 March 2026: long before today, so two sessions are missed.
    alert = Alert.objects.get()
    assert alert.kind == "missed_two_sessions"
    assert "since Mon 02 Mar" in alert.message
    assert "Two sessions missed" in page
    client.get(reverse("training:physio_dashboard"))
    assert Alert.objects.count() == 1  # a second visit adds nothing
