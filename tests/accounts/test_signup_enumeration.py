"""Sign-up never tells whether an address is registered; the owner is e-mailed instead.

Through the page and the API, with the e-mails as a real SMTP server (aiosmtpd) receives them.
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse

from stridewell.accounts.models import User
from stridewell.accounts.throttle import SIGNUP_NOTICE_LIMIT_PER_EMAIL
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

SIGNUP = reverse("accounts:signup")
API_SIGNUP = "/api/auth/signup"
SITE_URL = "https://clinic.stridewell.test"
EXISTING_SUBJECT = "Someone tried to sign up to Stridewell with your address"
WELCOME_SUBJECT = "Welcome to Stridewell: your account is ready"
NEW_PASSWORD = "long-run-sunday-42"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def maya(make_user) -> User:
    return make_user("maya@example.com", first_name="Maya", last_name="Okafor")


def _form(email: str) -> dict[str, str]:
    return {
        "email": email,
        "first_name": "Someone",
        "last_name": "Else",
        "password1": "long-run-sunday-42",
        "password2": "long-run-sunday-42",
    }


def _api(client: Client, email: str, password: str = NEW_PASSWORD, **extra):
    body = {"email": email, "first_name": "Someone", "last_name": "Else", "password": password}
    return client.post(API_SIGNUP, json.dumps(body), content_type="application/json", **extra)


def _page(response) -> str:
    # Per-response secrets (CSP nonce, CSRF token) differ on every page; nothing else may.
    html = response.content.decode()
    return re.sub(r"[A-Za-z0-9+/=_-]{40,}", "…", html)


def _text(message) -> str:
    return " ".join(message.get_body(preferencelist=("plain",)).get_content().split())


def _by_to(sink, to: str):
    return [m for m in sink.messages() if m["To"] == to]


def test_the_page_answers_the_same_for_a_new_and_a_registered_address(smtp_sink, maya):
    fresh, taken = Client(), Client()

    new = fresh.post(SIGNUP, _form("new.runner@example.com"), follow=True)
    existing = taken.post(SIGNUP, _form("MAYA@example.com"), follow=True)

    assert new.redirect_chain == existing.redirect_chain == [(reverse("accounts:signup_done"), 302)]
    assert new.status_code == existing.status_code == 200
    assert _page(new) == _page(existing)
    assert "Check your e-mail" in new.content.decode()
    assert "_auth_user_id" not in fresh.session
    assert "_auth_user_id" not in taken.session
    # Maya's account is untouched; the new address got an account.
    maya.refresh_from_db()
    assert maya.check_password(PASSWORD)
    assert (maya.first_name, maya.last_name) == ("Maya", "Okafor")
    assert User.objects.count() == 2


def test_the_owner_is_told_with_links_to_log_in_or_reset(smtp_sink, maya):
    Client().post(SIGNUP, _form("Maya@Example.com"))

    [notice] = _by_to(smtp_sink, "maya@example.com")
    assert notice["Subject"] == EXISTING_SUBJECT
    assert notice["From"] == "Stridewell Sports Physiotherapy <clinic@stridewell.test>"
    text = _text(notice)
    assert "Hello Maya," in text
    assert "Someone tried to sign up to Stridewell with your e-mail address" in text
    assert f"If it was you, log in: {SITE_URL}/accounts/login/" in text
    assert f"Reset it here: {SITE_URL}/accounts/password-reset/" in text
    assert ":8000" not in notice.as_string()
    html = notice.get_body(preferencelist=("html",)).get_content()
    assert f'href="{SITE_URL}/accounts/password-reset/"' in html
    assert "Someone" not in text.split("Hello")[1].split(",")[0]  # typed name never echoed


def test_a_new_address_gets_a_welcome_with_the_log_in_link(smtp_sink, db):
    Client().post(SIGNUP, _form("new.runner@example.com"))

    [welcome] = _by_to(smtp_sink, "new.runner@example.com")
    assert welcome["Subject"] == WELCOME_SUBJECT
    assert f"{SITE_URL}/accounts/login/" in _text(welcome)


def test_the_api_answers_the_same_and_emails_the_owner(smtp_sink, maya):
    new = _api(Client(), "new.runner@example.com")
    existing = _api(Client(), "maya@example.com")

    assert new.status_code == existing.status_code == 202
    assert new.json() == existing.json()
    assert new.json()["status"] == "check_your_email"
    assert sorted(m["Subject"] for m in smtp_sink.messages()) == [
        EXISTING_SUBJECT,
        WELCOME_SUBJECT,
    ]
    assert [m["Subject"] for m in _by_to(smtp_sink, "maya@example.com")] == [EXISTING_SUBJECT]
    assert User.objects.filter(email="new.runner@example.com").exists()


def test_both_paths_hash_the_password_once(monkeypatch, maya):
    calls: list[str] = []
    original = MD5PasswordHasher.encode

    def counting(self, password, salt):
        calls.append(password)
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)

    _api(Client(), "new.runner@example.com", password="first-long-run-1")
    _api(Client(), "maya@example.com", password="second-long-run-2")

    assert calls == ["first-long-run-1", "second-long-run-2"]


def test_notices_to_one_owner_stop_after_a_few_while_the_answer_stays_the_same(smtp_sink, maya):
    answers = {
        _api(Client(), "maya@example.com", REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(SIGNUP_NOTICE_LIMIT_PER_EMAIL + 2)
    }

    assert answers == {202}
    assert len(_by_to(smtp_sink, "maya@example.com")) == SIGNUP_NOTICE_LIMIT_PER_EMAIL


def test_the_api_refuses_bad_input_in_the_error_shape(db):
    weak = _api(Client(), "new.runner@example.com", password="12345678")
    bad_email = _api(Client(), "not-an-address")

    assert weak.status_code == 422
    assert weak.json()["error"]["code"] == "invalid"
    assert "This password is entirely numeric." in weak.json()["error"]["fields"]["password"]
    assert bad_email.status_code == 422
    assert list(bad_email.json()["error"]["fields"]) == ["email"]
    assert not User.objects.exists()


def test_the_api_shares_the_sign_up_rate_limit(db, settings):
    from stridewell.accounts.throttle import SIGNUP_LIMIT_PER_IP

    for n in range(SIGNUP_LIMIT_PER_IP):
        _api(Client(), f"r{n}@example.com", REMOTE_ADDR="203.0.113.9")

    refused = _api(Client(), "last@example.com", REMOTE_ADDR="203.0.113.9")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["error"]["code"] == "rate_limited"
    assert not User.objects.filter(email="last@example.com").exists()
