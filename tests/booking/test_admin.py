"""The admin cannot bypass the booking rules: types are validated, appointments change only
through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from stridewell.booking.models import Appointment, AppointmentType, Status
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="admin@stridewell.test", password="pw-for-tests-only"
    )
    client.force_login(admin)
    return client


@pytest.fixture
def appointment(book, follow_up, asha, monday):
    return book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4)).appointment


TYPE_FORM = {
    "name": "Long run review",
    "slug": "long-run-review",
    "description": "",
    "is_active": "on",
    "sort_order": "0",
    "duration_minutes": "45",
    "price_pence": "7000",
    "surcharge_pence": "0",
    "grid_minutes": "15",
    "buffer_before_minutes": "0",
    "buffer_after_minutes": "0",
    "min_notice_minutes": "120",
    "horizon_days": "30",
    "eligibility": "any",
}


def test_a_type_whose_notice_outlasts_its_horizon_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:booking_appointmenttype_add"),
        TYPE_FORM | {"min_notice_minutes": str(3 * 24 * 60), "horizon_days": "2"},
    )

    assert response.status_code == 200
    assert "nothing could ever be booked" in response.content.decode()
    assert not AppointmentType.objects.exists()


def test_a_sound_type_is_saved(admin_client):
    response = admin_client.post(reverse("admin:booking_appointmenttype_add"), TYPE_FORM)

    assert response.status_code == 302
    assert AppointmentType.objects.get().duration_minutes == 45


def test_a_reserved_slug_is_refused(admin_client):
    admin_client.post(reverse("admin:booking_appointmenttype_add"), TYPE_FORM | {"slug": "diary"})

    assert not AppointmentType.objects.exists()


def test_appointments_cannot_be_added_or_deleted_in_the_admin(admin_client, appointment):
    add = admin_client.get(reverse("admin:booking_appointment_add"))
    delete = admin_client.post(
        reverse("admin:booking_appointment_delete", args=[appointment.pk]), {"post": "yes"}
    )

    assert add.status_code == 403
    assert delete.status_code == 403
    assert Appointment.objects.count() == 1


def test_posting_new_times_in_the_admin_changes_only_the_notes(admin_client, appointment, monday):
    url = reverse("admin:booking_appointment_change", args=[appointment.pk])

    response = admin_client.post(
        url,
        {
            "staff_notes": "Bring the gait report.",
            "start_0": "2031-01-01",
            "start_1": "03:00",
            "status": "cancelled",
        },
    )

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.staff_notes == "Bring the gait report."
    assert (appointment.start, appointment.status) == (at(monday, 10), Status.CONFIRMED)


@pytest.mark.usefixtures("asha")
def test_admin_actions_use_the_services(admin_client, book, make_type, appointment, monday):
    make_type("sports-massage", needs_confirmation=True)
    pending = book(
        type_slug="sports-massage", start=at(monday, 11), now=at(monday, 10) - timedelta(days=4)
    ).appointment
    changelist = reverse("admin:booking_appointment_changelist")

    admin_client.post(
        changelist, {"action": "confirm_selected", "_selected_action": [pending.pk, appointment.pk]}
    )
    admin_client.post(
        changelist, {"action": "cancel_selected", "_selected_action": [appointment.pk]}
    )

    pending.refresh_from_db()
    appointment.refresh_from_db()
    assert pending.status == Status.CONFIRMED
    assert (appointment.status, appointment.sequence) == (Status.CANCELLED, 1)
