"""/api/booking: the public contract (exact paths, fields and error codes)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from stridewell.booking.models import Appointment, Status
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


def z(instant) -> str:
    return instant.isoformat().replace("+00:00", "Z")


def post(client, path, body, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def payload(when, **overrides):
    body = {
        "type": "follow-up-30",
        "practitioner": "asha-patel",
        "start": z(when),
        "patient": {"name": "Maya Okafor", "email": "maya@example.test", "phone": "07700 900123"},
        "is_new_patient": False,
        "accept_policy": True,
    }
    return body | overrides


def test_types_list_the_contract_fields(client, follow_up, screening, emergency):
    response = client.get("/api/booking/types")

    assert response.status_code == 200
    by_slug = {t["slug"]: t for t in response.json()}
    assert by_slug["initial-screening"] == {
        "slug": "initial-screening",
        "name": "Initial full screening",
        "description": "",
        "duration_minutes": 60,
        "price_pence": 9500,
        "surcharge_pence": 0,
        "is_emergency": False,
        "eligibility": "new",
        "needs_confirmation": False,
    }
    assert (by_slug["emergency"]["price_pence"], by_slug["emergency"]["is_emergency"]) == (
        12000,
        True,
    )


def test_practitioners_list_slug_name_and_title(client, asha, ben):
    response = client.get("/api/booking/practitioners")

    assert response.json() == [
        {"slug": "asha-patel", "name": "Asha Patel", "title": "Sports Physiotherapist"},
        {"slug": "ben-okoro", "name": "Ben Okoro", "title": "Sports Physiotherapist"},
    ]


def test_availability_returns_utc_slots_for_london_dates(client, follow_up, asha, monday):
    day = monday.isoformat()

    response = client.get(
        f"/api/booking/availability?type=follow-up-30&practitioner=asha-patel&start={day}&end={day}"
    )

    assert response.status_code == 200
    slots = response.json()["slots"]
    assert slots[0] == {
        "start": z(at(monday, 8)),
        "end": z(at(monday, 8, 30)),
        "practitioner": "asha-patel",
    }
    assert len(slots) == 39  # 08:00 to 17:30 every 15 minutes


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ("type=hot-stones&practitioner=any", "unknown_type", "type"),
        ("type=follow-up-30&practitioner=dr-nobody", "unknown_practitioner", "practitioner"),
    ],
)
@pytest.mark.usefixtures("follow_up", "asha")
def test_availability_names_unknown_things(client, monday, query, code, field):
    day = monday.isoformat()

    response = client.get(f"/api/booking/availability?{query}&start={day}&end={day}")

    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert field in response.json()["error"]["fields"]


def test_availability_refuses_backwards_or_huge_ranges(client, follow_up, asha, monday):
    later = (monday + timedelta(days=70)).isoformat()

    backwards = client.get(
        f"/api/booking/availability?type=follow-up-30&start={later}&end={monday}"
    )
    huge = client.get(f"/api/booking/availability?type=follow-up-30&start={monday}&end={later}")

    assert backwards.json()["error"]["code"] == "invalid_range"
    assert huge.json()["error"]["code"] == "range_too_long"


def test_booking_answers_201_with_the_contract_fields(client, follow_up, asha, monday):
    response = post(client, "/api/booking/appointments", payload(at(monday, 10)))

    assert response.status_code == 201
    body = response.json()
    appointment = Appointment.objects.get()
    assert body == {
        "id": str(appointment.public_id),
        "status": "confirmed",
        "start": z(at(monday, 10)),
        "end": z(at(monday, 10, 30)),
        "practitioner": "asha-patel",
        "type": "follow-up-30",
        "price_pence": 6000,
        "discount_percent": 0,
        "final_price_pence": 6000,
    }
    assert appointment.source == "api"


def test_a_retry_with_the_same_key_replays_and_a_different_body_is_refused(
    client, follow_up, asha, monday
):
    first = post(
        client,
        "/api/booking/appointments",
        payload(at(monday, 10)),
        **{"Idempotency-Key": "abc-123"},
    )
    again = post(
        client,
        "/api/booking/appointments",
        payload(at(monday, 10)),
        **{"Idempotency-Key": "abc-123"},
    )
    other = post(
        client,
        "/api/booking/appointments",
        payload(at(monday, 11)),
        **{"Idempotency-Key": "abc-123"},
    )

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert Appointment.objects.count() == 1


def test_a_taken_slot_is_409_slot_unavailable_with_next_free_slots(client, follow_up, asha, monday):
    post(client, "/api/booking/appointments", payload(at(monday, 10)))

    response = post(client, "/api/booking/appointments", payload(at(monday, 10, 15)))

    assert response.status_code == 409
    body = response.json()
    assert body["error"]["code"] == "slot_unavailable"
    assert body["next_slots"][0] == {
        "start": z(at(monday, 10, 30)),
        "end": z(at(monday, 11)),
        "practitioner": "asha-patel",
    }
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"type": "hot-stones"}, ("unknown_type", "type")),
        ({"practitioner": "dr-nobody"}, ("unknown_practitioner", "practitioner")),
        (
            {"patient": {"name": "Maya", "email": "not-an-email", "phone": "07700 900123"}},
            ("invalid", "patient.email"),
        ),
        ({"accept_policy": False}, ("invalid", "accept_policy")),
        ({"start": "2030-01-07T10:00:00"}, ("naive_start", "start")),
    ],
)
@pytest.mark.usefixtures("follow_up", "asha")
def test_bad_bookings_get_a_specific_422_and_write_nothing(client, monday, changes, expected):
    code, field = expected

    response = post(client, "/api/booking/appointments", payload(at(monday, 10), **changes))

    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert field in response.json()["error"]["fields"]
    assert Appointment.objects.count() == 0


@pytest.mark.parametrize(
    ("minutes", "code"),
    [(5, "off_grid"), (-60 * 24 * 30, "in_past"), (60 * 24 * 90, "beyond_horizon")],
)
@pytest.mark.usefixtures("follow_up", "asha")
def test_bad_times_get_their_own_code(client, monday, minutes, code):
    response = post(
        client, "/api/booking/appointments", payload(at(monday, 10) + timedelta(minutes=minutes))
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert Appointment.objects.count() == 0


def test_sunday_and_emergency_rules_over_the_api(client, follow_up, emergency, asha, monday):
    sunday = post(client, "/api/booking/appointments", payload(at(monday - timedelta(days=1), 10)))
    inside = post(
        client,
        "/api/booking/holds",
        {"type": "emergency", "practitioner": "any", "start": z(at(monday, 12))},
    )

    assert sunday.json()["error"]["code"] == "sunday"
    assert inside.status_code == 422
    assert inside.json()["error"]["code"] in {"beyond_horizon", "inside_opening_hours"}


def test_a_hold_then_a_booking_with_it(client, follow_up, asha, monday):
    held = post(
        client,
        "/api/booking/holds",
        {"type": "follow-up-30", "practitioner": "any", "start": z(at(monday, 10))},
    )

    assert held.status_code == 201
    hold = held.json()
    assert (hold["practitioner"], hold["start"]) == ("asha-patel", z(at(monday, 10)))
    booked = post(
        client,
        "/api/booking/appointments",
        payload(at(monday, 10), practitioner="any", hold=hold["id"]),
    )
    assert booked.status_code == 201
    assert booked.json()["id"] == hold["id"]
    assert Appointment.objects.get().status == Status.CONFIRMED


def test_a_held_slot_is_409_for_others_until_released(client, follow_up, asha, monday):
    held = post(
        client,
        "/api/booking/holds",
        {"type": "follow-up-30", "practitioner": "asha-patel", "start": z(at(monday, 10))},
    )

    taken = post(client, "/api/booking/appointments", payload(at(monday, 10)))
    released = client.delete(f"/api/booking/holds/{held.json()['id']}")
    booked = post(client, "/api/booking/appointments", payload(at(monday, 10)))

    assert (taken.status_code, released.status_code, booked.status_code) == (409, 204, 201)


def test_cancel_and_reschedule_with_the_emailed_token(client, book, follow_up, asha, monday):
    result = book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))
    public_id = str(result.appointment.public_id)

    moved = post(
        client,
        f"/api/booking/appointments/{public_id}/reschedule",
        {"token": result.links["reschedule"], "start": z(at(monday, 14))},
    )
    reused = post(
        client,
        f"/api/booking/appointments/{public_id}/reschedule",
        {"token": result.links["reschedule"], "start": z(at(monday, 15))},
    )
    old_cancel = post(
        client, f"/api/booking/appointments/{public_id}/cancel", {"token": result.links["cancel"]}
    )

    assert moved.status_code == 200
    assert (moved.json()["start"], moved.json()["status"]) == (z(at(monday, 14)), "confirmed")
    assert (reused.status_code, reused.json()["error"]["code"]) == (410, "link_used")
    assert (old_cancel.status_code, old_cancel.json()["error"]["code"]) == (410, "link_used")
    assert Appointment.objects.get().start == at(monday, 14)


def test_an_unknown_token_is_404(client, book, follow_up, asha, monday):
    result = book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))

    response = post(
        client,
        f"/api/booking/appointments/{result.appointment.public_id}/cancel",
        {"token": "bk_guess"},
    )

    assert (response.status_code, response.json()["error"]["code"]) == (404, "link_invalid")
    assert Appointment.objects.get().status == Status.CONFIRMED


def test_the_contract_is_documented_in_openapi(client):
    schema = client.get("/api/openapi.json").json()

    post_op = schema["paths"]["/api/booking/appointments"]["post"]
    assert any(
        p["name"] == "Idempotency-Key" and p["in"] == "header" for p in post_op["parameters"]
    )
    assert {"201", "409", "422"} <= set(post_op["responses"])
    params = {p["name"] for p in schema["paths"]["/api/booking/availability"]["get"]["parameters"]}
    assert params == {"type", "practitioner", "start", "end"}


def test_bookings_are_rate_limited_per_client(client, follow_up, asha, monday):
    statuses = [
        post(
            client, "/api/booking/appointments", payload(at(monday, 9) + timedelta(minutes=15 * n))
        ).status_code
        for n in range(21)
    ]

    assert 429 not in statuses[:20]
    assert statuses[20] == 429
