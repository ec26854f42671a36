"""Bad input anywhere in the API is a 4xx in the error shape, never a 500.

- a body over the upload limit: 413 `too_large` on the API, a friendly 413 page on forms;
- text with control characters: 422, on every operation (the shared text type and the
  parser's backstop); multi-line fields keep their line breaks and tabs;
- an unknown address under /api/: a JSON 404 whatever DEBUG says.
The whole suite also runs on PostgreSQL in CI, where NUL in text used to be a server error.
"""

from __future__ import annotations

import json

import pytest

from stridewell.core.text import ANY_FIELD_MESSAGE, SINGLE_LINE_MESSAGE
from tests.enquiries.conftest import QUESTION

pytestmark = pytest.mark.django_db


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def _enquiry(**changes) -> dict:
    return {
        "name": "Tom Heathcote",
        "email": "tom@example.com",
        "background": "regular",
        "question": QUESTION,
    } | changes


def _post(client, path, body):
    raw = body if isinstance(body, str) else json.dumps(body)
    return client.post(path, raw, content_type="application/json")


@pytest.fixture
def small_uploads(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000


@pytest.mark.parametrize(
    "path",
    [
        "/api/enquiries",
        "/api/booking/holds",
        "/api/booking/appointments",
        "/api/newsletter/subscribe",
    ],
)
def test_a_body_over_the_upload_limit_is_a_413_in_the_error_shape(client, small_uploads, path):
    response = _post(client, path, _enquiry(question="x" * 5_000))

    assert _error(response, 413) == {
        "code": "too_large",
        "message": "The request is too large. Send less data, or a smaller file.",
        "fields": {},
    }


def test_a_logged_in_body_over_the_limit_is_a_413_too(client, small_uploads, django_user_model):
    user = django_user_model.objects.create_user(email="amara@example.test", password="x-long-1")
    client.force_login(user)

    response = client.patch("/api/plan", json.dumps({"race_name": "x" * 5_000}), "application/json")

    assert _error(response, 413)["code"] == "too_large"


@pytest.mark.parametrize(
    "url",
    [
        "/api/booking/availability?type=a%00b&start=2026-06-01&end=2026-06-01",
        "/api/booking/practitioners?type=%00",
        "/api/journal/articles?tag=run%00",
        "/api/training/exercises?muscle=glute%00",
    ],
)
def test_nul_in_a_query_string_is_a_422(client, url):
    error = _error(client.get(url), 422)

    assert error["code"] == "invalid"
    assert ANY_FIELD_MESSAGE in next(iter(error["fields"].values()))


@pytest.mark.parametrize(
    "url", ["/api/journal/articles/run%00ning", "/api/training/exercises/a%00"]
)
def test_nul_in_a_path_is_a_422(client, url):
    error = _error(client.get(url), 422)

    assert error["fields"] == {"slug": [SINGLE_LINE_MESSAGE]}


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_unknown_api_address_is_a_json_404_even_with_debug_on(client, settings, method):
    settings.DEBUG = True

    response = getattr(client, method)("/api/no/such/thing")

    assert _error(response, 404)["code"] == "not_found"


@pytest.mark.parametrize(
    ("weeks", "status"), [(-5, 422), (0, 422), (105, 422), (1, 200), (104, 200)]
)
def test_parameters_out_of_range_are_refused_not_clamped(client, django_user_model, weeks, status):
    from stridewell.accounts.models import Role

    staff = django_user_model.objects.create_user(
        email="jess@example.test", password="x-long-1", role=Role.STAFF, is_staff=True
    )
    client.force_login(staff)

    response = client.get(f"/api/newsletter/stats?weeks={weeks}")

    assert response.status_code == status
    if status == 200:
        assert len(response.json()["weeks"]) == weeks
    else:
        assert list(_error(response, 422)["fields"]) == ["weeks"]


@pytest.mark.parametrize(("page", "status"), [(0, 422), (-1, 422), (1, 200)])
def test_an_article_page_below_one_is_refused(client, page, status):
    response = client.get(f"/api/journal/articles?page={page}")

    assert response.status_code == status


def test_a_broken_multipart_body_is_a_400_not_a_500(client, django_user_model):
    user = django_user_model.objects.create_user(email="amara@example.test", password="x-long-1")
    client.force_login(user)

    response = client.post(
        "/api/plan/imports", b"--x\r\nnonsense", content_type="multipart/form-data"
    )

    assert _error(response, 400)["code"] == "bad_request"
