"""The mounted Stridewell API: schema, docs, and the error shape for routing failures."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def _error(response) -> dict:
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_openapi_schema_is_valid_json_with_the_api_title(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "Stridewell API"
    assert schema["info"]["version"] == "1"
    assert schema["openapi"].startswith("3.")
    assert "/api/auth/tokens" in schema["paths"]


def test_interactive_docs_page_loads_its_assets_locally(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="swagger-ui"' in page
    # No CDN: the CSP allows scripts from our own origin only.
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page


def test_an_unknown_api_address_is_a_json_404_not_an_html_page(client):
    response = client.get("/api/nope")

    assert response.status_code == 404
    assert _error(response) == {"code": "not_found", "message": "No such resource.", "fields": {}}


def test_an_unknown_api_address_is_json_even_for_a_browser(client):
    response = client.get("/api/nope/deeper", HTTP_ACCEPT="text/html")

    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_an_unknown_page_outside_the_api_is_html(client):
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_malformed_json_to_token_creation_is_a_400_in_the_error_shape(client):
    # /api/auth/tokens belongs to the accounts app; any JSON endpoint must behave the same.
    response = client.post("/api/auth/tokens", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert _error(response) == {
        "code": "bad_json",
        "message": "The request body is not valid JSON.",
        "fields": {},
    }


def test_missing_fields_for_token_creation_are_a_422_naming_them(client):
    response = client.post("/api/auth/tokens", {}, content_type="application/json")

    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "invalid"
    assert {"email", "password", "name"} <= set(error["fields"])


def test_a_wrong_method_on_a_real_endpoint_is_a_405_in_the_error_shape(client):
    response = client.put("/api/auth/tokens", {}, content_type="application/json")

    assert response.status_code == 405
    assert _error(response)["code"] == "method_not_allowed"
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}
