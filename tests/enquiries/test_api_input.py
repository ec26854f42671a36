"""Enquiries over the API and the form: oversized bodies and control characters.

A form over the upload limit gets a friendly 413 page; text with control characters is a
422 and nothing is stored; multi-line fields keep their line breaks and tabs. The suite runs
on SQLite and on PostgreSQL (where NUL in text used to be a server error).
"""

from __future__ import annotations

import json

import pytest

from stridewell.core.text import ANY_FIELD_MESSAGE, MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE
from stridewell.enquiries.models import Enquiry
from tests.enquiries.conftest import QUESTION

pytestmark = pytest.mark.django_db


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"error"}
    return body["error"]


def _enquiry(**changes) -> dict:
    return {
        "name": "Tom Heathcote",
        "email": "tom@example.com",
        "background": "regular",
        "question": QUESTION,
    } | changes


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.fixture
def small_uploads(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000


def test_a_form_over_the_upload_limit_is_a_friendly_413_page(client, clinic, small_uploads):
    response = client.post("/advice/", {"name": "Tom", "question": "x" * 5_000})

    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "too much to send" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_a_multi_line_field_keeps_line_breaks_and_tabs(client, clinic):
    question = "Week 1:\n\tthree runs\r\nWeek 2:\n\tfour runs"

    response = _post(client, "/api/enquiries", _enquiry(question=question))

    assert response.status_code == 201
    assert Enquiry.objects.get().question == question


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"question": "Hello\x00there"}, "question", ANY_FIELD_MESSAGE),
        ({"question": "Bell\x07"}, "question", MULTI_LINE_MESSAGE),
        ({"name": "Tom\x00"}, "name", ANY_FIELD_MESSAGE),
        ({"name": "Tom\nHeathcote"}, "name", SINGLE_LINE_MESSAGE),
        ({"email": "tom@example.com\r\nBcc: x@example.com"}, "email", SINGLE_LINE_MESSAGE),
    ],
)
def test_control_characters_are_refused_and_nothing_is_stored(
    client, clinic, changes, field, message
):
    response = _post(client, "/api/enquiries", _enquiry(**changes))

    assert _error(response, 422)["fields"] == {field: [message]}
    assert not Enquiry.objects.exists()
