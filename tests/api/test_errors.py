"""Every API failure answers with {"error": {"code", "message", "fields"}} and the right status."""

from __future__ import annotations

import logging

import pytest

pytestmark = [pytest.mark.urls("tests.api.probe_urls")]


def _error(response) -> dict:
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_a_valid_request_is_answered_normally(client):
    response = client.post(
        "/api/pace", {"distance_km": 42.195, "minutes": 210}, content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json() == {"min_per_km": 4.98}


def test_malformed_json_is_a_400_bad_json(client):
    response = client.post("/api/pace", "{distance_km: 42", content_type="application/json")

    assert response.status_code == 400
    assert _error(response) == {
        "code": "bad_json",
        "message": "The request body is not valid JSON.",
        "fields": {},
    }


def test_invalid_fields_are_a_422_listing_each_field(client):
    response = client.post(
        "/api/pace", {"distance_km": "far", "minutes": 210}, content_type="application/json"
    )

    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "invalid"
    assert error["message"] == "Some fields are not valid."
    assert list(error["fields"]) == ["distance_km"]


def test_a_wrong_method_is_a_405_in_the_error_shape_with_allow(client):
    response = client.get("/api/pace")

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert _error(response) == {
        "code": "method_not_allowed",
        "message": "This address does not accept that method. Use POST.",
        "fields": {},
    }


@pytest.mark.parametrize(
    ("url", "status", "error"),
    [
        (
            "/api/api-error",
            409,
            {
                "code": "slot_taken",
                "message": "That slot has just been booked.",
                "fields": {"start": ["Taken."]},
            },
        ),
        ("/api/missing", 404, {"code": "not_found", "message": "No such resource.", "fields": {}}),
        (
            "/api/forbidden",
            403,
            {
                "code": "forbidden",
                "message": "Only your physio can change this plan.",
                "fields": {},
            },
        ),
        (
            "/api/django-invalid",
            422,
            {
                "code": "invalid",
                "message": "Some fields are not valid.",
                "fields": {"reps": ["Enter a number from 1 to 30."]},
            },
        ),
        ("/api/teapot", 418, {"code": "error", "message": "I'm a teapot", "fields": {}}),
    ],
)
def test_each_exception_maps_to_its_status_and_code(client, url, status, error):
    response = client.get(url)

    assert response.status_code == status
    assert _error(response) == error


def test_an_unexpected_exception_is_a_500_that_hides_the_details_and_is_logged(client, caplog):
    with caplog.at_level(logging.ERROR, logger="stridewell.api.errors"):
        response = client.get("/api/boom")

    assert response.status_code == 500
    assert _error(response) == {
        "code": "server_error",
        "message": "Something went wrong on our side.",
        "fields": {},
    }
    assert "hunter2" not in response.content.decode()
    ours = [r for r in caplog.records if r.name == "stridewell.api.errors"]
    assert [r.getMessage() for r in ours] == ["unhandled API error on GET /api/boom"]
    assert ours[0].exc_info is not None
