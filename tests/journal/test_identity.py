"""Recognising a returning commenter by a keyed hash; unsubscribe tokens that hide the address."""

from __future__ import annotations

from stridewell.journal.identity import (
    email_hash,
    unsubscribe_token_make,
    unsubscribe_token_read,
)


def test_the_hash_ignores_case_and_spaces_and_is_not_the_address():
    hashed = email_hash("  Hannah@Example.COM ")

    assert hashed == email_hash("hannah@example.com")
    assert len(hashed) == 64
    assert "hannah" not in hashed
    assert hashed != email_hash("hannah2@example.com")


def test_the_hash_depends_on_the_secret_key(settings):
    before = email_hash("hannah@example.com")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"

    assert email_hash("hannah@example.com") != before


def test_an_empty_address_has_no_hash():
    assert email_hash("  ") == ""


def test_unsubscribe_tokens_round_trip_and_reveal_no_address():
    token = unsubscribe_token_make(comment_id=42)

    assert unsubscribe_token_read(token) == 42
    assert "@" not in token


def test_tampered_or_foreign_tokens_are_refused():
    token = unsubscribe_token_make(comment_id=42)

    assert unsubscribe_token_read(token[:-2] + "xx") is None
    assert unsubscribe_token_read("not-a-token") is None
    assert unsubscribe_token_read("") is None
