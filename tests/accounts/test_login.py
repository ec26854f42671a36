"""Log-in by e-mail with a failure throttle (more in test_login_throttle); log-out by POST."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")


@pytest.fixture(autouse=True)
def _three_failures_allowed(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 900


def _log_in(client, email: str, password: str, ip: str = "198.51.100.1"):
    return client.post(LOGIN, {"email": email, "password": password}, REMOTE_ADDR=ip)


def _logged_in_id(client) -> int | None:
    raw = client.session.get("_auth_user_id")
    return int(raw) if raw is not None else None


def test_login_page_asks_for_email_and_current_password(client):
    html = client.get(LOGIN).content.decode()

    assert 'type="email" name="email"' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html


def test_login_by_email_ignores_letter_case(client, runner):
    response = _log_in(client, "  RUNNER@Example.COM ", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert _logged_in_id(client) == runner.pk


def test_wrong_password_is_refused_with_a_clear_message(client, runner):
    response = _log_in(client, "runner@example.com", "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "That e-mail address and password do not match an active account. Check both and try again."
    ]
    assert _logged_in_id(client) is None


def test_inactive_account_cannot_log_in(client, make_user):
    make_user("gone@example.com", is_active=False)

    response = _log_in(client, "gone@example.com", PASSWORD)

    assert response.status_code == 200
    assert _logged_in_id(client) is None


def test_after_the_limit_the_same_address_waits_even_with_the_right_password(client, runner):
    for _ in range(3):
        assert _log_in(client, "runner@example.com", "wrong").status_code == 200

    response = _log_in(client, "Runner@example.com", PASSWORD)

    assert response.status_code == 429
    assert int(response["Retry-After"]) == 30
    message = response.context["form"].non_field_errors()[0]
    assert message.startswith("Too many unsuccessful log-in attempts")
    assert "Please try again in 30 seconds (after " in message
    assert _logged_in_id(client) is None


def test_failures_on_other_accounts_do_not_pause_an_address(client, runner, make_user):
    make_user("someone@example.com")
    for n in range(3):
        _log_in(client, f"guess{n}@example.com", "wrong", ip="192.0.2.50")

    same_client = _log_in(client, "someone@example.com", PASSWORD, ip="192.0.2.50")

    assert same_client.status_code == 302


def test_success_clears_the_failures_for_that_address(client, runner):
    for _ in range(2):
        _log_in(client, "runner@example.com", "wrong", ip="192.0.2.1")
    assert _log_in(client, "runner@example.com", PASSWORD, ip="192.0.2.2").status_code == 302
    client.logout()

    # Two more failures would have crossed the limit of three without the reset.
    for _ in range(2):
        _log_in(client, "runner@example.com", "wrong", ip="192.0.2.3")
    response = _log_in(client, "runner@example.com", PASSWORD, ip="192.0.2.4")

    assert response.status_code == 302


def test_the_pause_ends_when_the_window_has_passed(client, runner, monkeypatch):
    import time

    for _ in range(3):
        _log_in(client, "runner@example.com", "wrong")
    assert _log_in(client, "runner@example.com", PASSWORD).status_code == 429

    # Both the counters' expiry (local-memory cache) and the window arithmetic read
    # time.time(), so moving it past the 900-second window is the window passing.
    later = time.time() + 901
    monkeypatch.setattr(time, "time", lambda: later)

    assert _log_in(client, "runner@example.com", PASSWORD).status_code == 302


def test_logout_refuses_get_and_keeps_the_session(client, runner):
    client.force_login(runner)

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert _logged_in_id(client) == runner.pk


def test_logout_by_post_ends_the_session(client, runner):
    client.force_login(runner)

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert _logged_in_id(client) is None


def test_login_returns_to_the_page_that_asked_for_it(client, runner):
    page = client.get(LOGIN + "?next=/clinic/")
    assert 'name="next" value="/clinic/"' in page.content.decode()

    response = client.post(LOGIN, {"email": runner.email, "password": PASSWORD, "next": "/clinic/"})

    assert response.status_code == 302
    assert response["Location"] == "/clinic/"
