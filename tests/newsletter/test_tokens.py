"""Signed links: confirmation expires after 48 hours; manage links never; no address inside."""

from __future__ import annotations

import time
import uuid
from unittest import mock

from stridewell.newsletter.tokens import (
    confirm_token_make,
    confirm_token_read,
    manage_token_make,
    manage_token_read,
)

PUBLIC_ID = uuid.UUID("8f0c2b7e-3f7d-4a57-9a51-0c5f1b2d9e11")
HOUR = 60 * 60


def _later(seconds: float):
    now = time.time()
    return mock.patch("django.core.signing.time.time", return_value=now + seconds)


def test_a_fresh_confirmation_token_reads_back_the_subscriber_id():
    reading = confirm_token_read(confirm_token_make(PUBLIC_ID))

    assert reading.public_id == PUBLIC_ID
    assert reading.problem == ""


def test_a_confirmation_token_still_works_just_before_48_hours():
    token = confirm_token_make(PUBLIC_ID)

    with _later(48 * HOUR - 60):
        assert confirm_token_read(token).public_id == PUBLIC_ID


def test_a_confirmation_token_expires_after_48_hours():
    token = confirm_token_make(PUBLIC_ID)

    with _later(48 * HOUR + 60):
        reading = confirm_token_read(token)

    assert reading.public_id is None
    assert reading.problem == "expired"


def test_a_tampered_token_is_invalid():
    token = confirm_token_make(PUBLIC_ID)
    other = uuid.uuid4().hex

    assert confirm_token_read(other + token[32:]).problem == "invalid"
    assert manage_token_read(other + manage_token_make(PUBLIC_ID)[32:]) is None


def test_manage_tokens_do_not_expire():
    token = manage_token_make(PUBLIC_ID)

    with _later(5 * 365 * 24 * HOUR):
        assert manage_token_read(token) == PUBLIC_ID


def test_the_two_kinds_cannot_stand_in_for_each_other():
    assert manage_token_read(confirm_token_make(PUBLIC_ID)) is None
    assert confirm_token_read(manage_token_make(PUBLIC_ID)).problem == "invalid"
