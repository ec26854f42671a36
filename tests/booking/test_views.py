"""The booking pages without JavaScript (plain links and forms), plus the htmx partial."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from stridewell.booking.models import Appointment, Status
from stridewell.core.time import LONDON
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Maya Okafor",
    "email": "maya@example.test",
    "phone": "07700 900123",
    "patient": "new",
    "reason": "Shin pain after parkrun",
    "accept_policy": "on",
}


def _hold(client, monday, hh=10, who="asha-patel", type_slug="initial-screening"):
    return client.post(
        reverse("booking:hold"),
        {"type": type_slug, "practitioner": who, "start": at(monday, hh).isoformat()},
    )


def test_the_start_page_lists_the_types_with_prices(client, screening, follow_up, emergency):
    response = client.get(reverse("booking:start"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Initial full screening" in page
    assert "£95" in page
    assert "£120" in page  # the emergency price includes the surcharge
    assert "Outside opening hours only" in page
    assert reverse("booking:practitioner", args=["initial-screening"]) in page


def test_the_practitioner_step_offers_any_and_each_physio(client, screening, asha, ben):
    page = client.get(reverse("booking:practitioner", args=["initial-screening"])).content.decode()

    assert reverse("booking:slots", args=["initial-screening", "any"]) in page
    assert "Asha Patel" in page
    assert "Ben Okoro" in page


def test_unknown_type_or_practitioner_pages_are_404(client, screening, asha):
    assert client.get(reverse("booking:practitioner", args=["hot-stones"])).status_code == 404
    assert (
        client.get(reverse("booking:slots", args=["initial-screening", "nobody"])).status_code
        == 404
    )


def test_the_slot_page_shows_a_week_and_the_chosen_days_times(client, screening, asha, monday):
    url = reverse("booking:slots", args=["initial-screening", "asha-patel"])

    response = client.get(url, {"from": monday.isoformat(), "day": monday.isoformat()})

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="day') >= 7
    assert (
        f'value="{at(monday, 8).astimezone(LONDON).isoformat()}"' in page
    )  # 08:00 London, as an offset time
    assert ">08:00<" in page
    assert "<html" in page


def test_htmx_asks_for_the_slot_panel_only(client, screening, asha, monday):
    url = reverse("booking:slots", args=["initial-screening", "asha-patel"])

    response = client.get(
        url, {"from": monday.isoformat(), "day": monday.isoformat()}, headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="slot-panel"')
    assert "<html" not in page


@pytest.mark.usefixtures("screening", "asha")
def test_the_whole_flow_without_javascript_books_and_shows_the_booking(
    client, monday, mailoutbox, django_capture_on_commit_callbacks
):
    held = _hold(client, monday)
    assert held.status_code == 302
    assert held["Location"] == reverse("booking:details")
    details = client.get(reverse("booking:details"))
    assert "We are holding this time for you" in details.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        booked = client.post(reverse("booking:details"), DETAILS)

    appointment = Appointment.objects.get()
    assert booked.status_code == 302
    assert booked["Location"] == reverse("booking:done", args=[appointment.public_id])
    assert (appointment.status, appointment.start, appointment.is_new_patient) == (
        Status.CONFIRMED,
        at(monday, 10),
        True,
    )
    done = client.get(booked["Location"]).content.decode()
    assert "You are booked in" in done
    assert len(mailoutbox) == 1
    calendar = client.get(reverse("booking:calendar", args=[appointment.public_id]))
    assert calendar["Content-Type"].startswith("text/calendar")
    assert b"METHOD:REQUEST" in calendar.content


def test_a_double_submit_books_once(client, screening, asha, monday):
    _hold(client, monday)
    first = client.post(reverse("booking:details"), DETAILS)

    second = client.post(reverse("booking:details"), DETAILS)

    assert Appointment.objects.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


def test_mistakes_are_shown_by_their_fields_and_typed_values_kept(client, screening, asha, monday):
    _hold(client, monday)

    response = client.post(
        reverse("booking:details"),
        DETAILS | {"phone": "12", "patient": "returning", "accept_policy": ""},
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "Please enter a phone number we can call" in page or "Please read and accept" in page
    assert 'value="Maya Okafor"' in page
    assert Appointment.objects.filter(status=Status.HELD).count() == 1


def test_service_refusals_land_on_the_right_field(client, screening, asha, monday):
    _hold(client, monday)

    response = client.post(reverse("booking:details"), DETAILS | {"patient": "returning"})

    page = response.content.decode()
    assert response.status_code == 422
    assert "Initial full screening is for new patients only." in page
    assert Appointment.objects.get().status == Status.HELD


def test_a_taken_time_offers_the_next_free_ones(client, screening, asha, monday, book):
    _hold(client, monday)
    Appointment.objects.filter(status=Status.HELD).update(
        hold_expires_at=at(monday, 0) - timedelta(days=30)
    )
    book(
        type_slug="initial-screening",
        start=at(monday, 10),
        is_new_patient=True,
        email="fast@example.test",
        now=at(monday, 10) - timedelta(days=5),
    )

    response = client.post(reverse("booking:details"), DETAILS)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Sorry, that time has just gone" in page
    assert 'data-testid="offers"' in page
    assert Appointment.objects.filter(patient_email="maya@example.test").count() == 0


def test_choosing_a_taken_time_goes_back_to_the_day_with_a_message(
    client, screening, asha, monday, book
):
    book(
        type_slug="initial-screening",
        start=at(monday, 10),
        is_new_patient=True,
        now=at(monday, 10) - timedelta(days=5),
    )

    response = client.post(
        reverse("booking:hold"),
        {
            "type": "initial-screening",
            "practitioner": "asha-patel",
            "start": at(monday, 10).isoformat(),
        },
        follow=True,
    )

    assert "Sorry, that time has just been taken" in response.content.decode()
    assert Appointment.objects.count() == 1


def test_the_booked_page_is_private_to_the_browser_that_booked(client, screening, asha, monday):
    from django.test import Client

    _hold(client, monday)
    location = client.post(reverse("booking:details"), DETAILS)["Location"]

    assert Client().get(location).status_code == 404


def test_the_cancel_link_shows_first_and_cancels_only_on_post(
    client, book, follow_up, asha, monday
):
    result = book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))
    url = reverse("booking:cancel", args=[result.links["cancel"]])

    shown = client.get(url)
    assert Appointment.objects.get().status == Status.CONFIRMED
    done = client.post(url)
    again = client.post(url)

    assert 'data-testid="cancel-form"' in shown.content.decode()
    assert "Your appointment is cancelled" in done.content.decode()
    assert Appointment.objects.get().status == Status.CANCELLED
    assert again.status_code == 410


def test_the_reschedule_link_lists_times_and_moves(client, book, follow_up, asha, monday):
    result = book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))
    url = reverse("booking:reschedule", args=[result.links["reschedule"]])

    shown = client.get(url, {"from": monday.isoformat(), "day": monday.isoformat()})
    moved = client.post(url, {"start": at(monday, 15).isoformat()})
    old = client.get(url)

    assert (
        f'value="{at(monday, 10).astimezone(LONDON).isoformat()}"' in shown.content.decode()
    )  # its own time stays listed
    assert "Your appointment has moved" in moved.content.decode()
    assert Appointment.objects.get().start == at(monday, 15)
    assert old.status_code == 410
    assert "already been used" in old.content.decode()


def test_an_invented_link_is_404(client, db):
    response = client.get(reverse("booking:cancel", args=["bk_made-up"]))

    assert response.status_code == 404
    assert re.search(r"not valid", response.content.decode())


def test_a_forged_hold_form_is_turned_away_without_an_error_page(client, db):
    forged = {"type": "a b/c", "practitioner": "x", "start": "2030-01-01T10:00Z"}

    response = client.post(reverse("booking:hold"), forged)

    assert response.status_code == 302
    assert response["Location"] == reverse("booking:start")
    assert Appointment.objects.count() == 0
