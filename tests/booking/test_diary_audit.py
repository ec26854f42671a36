"""The access log for appointments: staff or a physio opening or changing a runner's appointment
(diary pages and /api/booking/diary) writes exactly one row each time, with who, what and from
where; the runner's own reads are never logged."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stridewell.accounts.models import Role
from stridewell.booking.models import Appointment
from stridewell.training.models import AccessLog
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user("desk@stridewell.test", role=Role.STAFF, first="Jess")


@pytest.fixture
def runner(make_user):
    return make_user("maya@example.test", first="Maya")


@pytest.fixture
def appointment(book, follow_up, asha, ben, monday, runner):  # noqa: PLR0917
    booked = book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4)).appointment
    Appointment.objects.filter(pk=booked.pk).update(patient=runner)
    booked.refresh_from_db()
    return booked


def _only_entry(viewer, runner, what, obj=""):
    (entry,) = AccessLog.objects.all()
    assert (entry.viewer, entry.viewer_email, entry.viewer_role) == (
        viewer,
        viewer.email,
        viewer.role,
    )
    assert (entry.runner, entry.what) == (runner, what)
    assert entry.obj == obj
    return entry


def _pages(appointment, monday):
    pid = appointment.public_id
    return {
        "booking.diary": (
            "get",
            reverse("booking:diary"),
            {"day": monday.isoformat(), "practitioner": "asha-patel"},
        ),
        "booking.appointment": ("get", reverse("booking:diary_appointment", args=[pid]), {}),
        "booking.confirm": ("post", reverse("booking:diary_action", args=[pid, "confirm"]), {}),
        "booking.arrived": ("post", reverse("booking:diary_action", args=[pid, "arrived"]), {}),
        "booking.cancel": (
            "post",
            reverse("booking:diary_action", args=[pid, "cancel"]),
            {"reason": "Unwell"},
        ),
    }


@pytest.mark.parametrize(
    "what", ["booking.diary", "booking.appointment", "booking.arrived", "booking.cancel"]
)
@pytest.mark.parametrize("who", ["staff", "physio"])
def test_each_diary_page_writes_one_row(  # noqa: PLR0917 - pytest parameters
    client, appointment, staff, asha, runner, monday, what, who
):
    viewer = staff if who == "staff" else asha.user
    method, url, data = _pages(appointment, monday)[what]
    client.force_login(viewer)

    response = getattr(client, method)(url, data, REMOTE_ADDR="203.0.113.9")

    assert response.status_code in (200, 302)
    entry = _only_entry(viewer, runner, what, str(appointment.public_id))
    assert entry.ip == "203.0.113.9"


def _api(client, method, path, body=None):
    if method == "get":
        return client.get(path, body or {})
    return client.post(path, json.dumps(body or {}), content_type="application/json")


@pytest.mark.parametrize(
    ("what", "method", "suffix", "body"),
    [
        ("booking.appointment", "get", "", None),
        ("booking.move", "post", "/move", "15:00"),
        ("booking.cancel", "post", "/cancel", {"reason": "Unwell"}),
    ],
)
def test_each_diary_api_operation_writes_one_row(  # noqa: PLR0917 - pytest parameters
    client, appointment, staff, runner, monday, what, method, suffix, body
):
    client.force_login(staff)
    if body == "15:00":
        body = {"start": at(monday, 15).isoformat(), "practitioner": "ben-okoro"}

    response = _api(
        client, method, f"/api/booking/diary/appointments/{appointment.public_id}{suffix}", body
    )

    assert response.status_code == 200
    _only_entry(staff, runner, what, str(appointment.public_id))


def test_the_api_diary_list_logs_each_runner_shown(client, appointment, staff, runner, monday):
    client.force_login(staff)

    response = client.get("/api/booking/diary/appointments", {"start": monday, "end": monday})

    assert response.status_code == 200
    _only_entry(staff, runner, "booking.diary", str(appointment.public_id))


def test_the_ip_honours_the_trusted_proxy_setting(client, appointment, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.force_login(staff)

    client.get(
        reverse("booking:diary_appointment", args=[appointment.public_id]),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert AccessLog.objects.get().ip == "198.51.100.7"


def test_refused_and_anonymous_bookings_write_nothing(client, appointment, ben, monday):
    client.force_login(ben.user)
    client.get(reverse("booking:diary_appointment", args=[appointment.public_id]))
    Appointment.objects.filter(pk=appointment.pk).update(patient=None)
    client.get(reverse("booking:diary"), {"day": monday.isoformat()})

    assert AccessLog.objects.count() == 0


def test_the_log_write_is_one_insert_however_many_appointments(  # noqa: PLR0917 - pytest parameters
    client, book, follow_up, asha, ben, monday, staff, make_user
):
    for hour in (9, 10, 11, 12):
        appointment = book(
            start=at(monday, hour), now=at(monday, hour) - timedelta(days=4)
        ).appointment
        patient = make_user(f"runner{hour}@example.test")
        Appointment.objects.filter(pk=appointment.pk).update(patient=patient)
    client.force_login(staff)

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("booking:diary"), {"day": monday.isoformat()})

    inserts = [q for q in queries.captured_queries if "training_accesslog" in q["sql"].lower()]
    assert len(inserts) == 1
    assert AccessLog.objects.count() == 4


def test_opening_a_runners_appointment_in_the_admin_writes_one_row(
    client, appointment, runner, django_user_model
):
    admin_user = django_user_model.objects.create_superuser(
        email="admin@stridewell.test", password="pw-for-tests-only"
    )
    client.force_login(admin_user)

    response = client.get(reverse("admin:booking_appointment_change", args=[appointment.pk]))

    assert response.status_code == 200
    (entry,) = AccessLog.objects.all()
    assert (entry.viewer, entry.viewer_role, entry.runner, entry.what) == (
        admin_user,
        Role.STAFF,
        runner,
        "admin.appointment",
    )
