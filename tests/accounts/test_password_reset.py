"""Password reset by e-mail: one message, a working link, and no hint whether an address exists."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stridewell.accounts.models import User
from stridewell.accounts.throttle import (
    PASSWORD_RESET_LIMIT_PER_EMAIL,
    PASSWORD_RESET_LIMIT_PER_IP,
)

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")
LINK = re.compile(r"http://127\.0\.0\.1:8000(/accounts/reset/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"


def _request_reset(client, captured, email: str, ip: str = "198.51.100.5"):
    with captured(execute=True):
        return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_reset_request_sends_one_email_with_a_link_that_works(
    client, runner, mailoutbox, django_capture_on_commit_callbacks
):
    response = _request_reset(client, django_capture_on_commit_callbacks, "RUNNER@example.com")

    assert response.status_code == 302
    assert response.url == DONE
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["runner@example.com"]
    assert message.subject == "Reset your Stridewell password"
    html_body = message.alternatives[0].content
    path = LINK.search(message.body).group(1)
    assert path in html_body

    # The link swaps the token for a session and redirects to the set-password form.
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url,
        {"new_password1": "fresh-legs-2026", "new_password2": "fresh-legs-2026"},
    )

    assert done.status_code == 302
    assert done.url == reverse("accounts:password_reset_complete")
    runner.refresh_from_db()
    assert runner.check_password("fresh-legs-2026")
    # A used link does not work twice.
    assert client.get(path, follow=True).context["validlink"] is False


def test_unknown_address_gets_the_same_answer_and_no_email(
    client, runner, mailoutbox, django_capture_on_commit_callbacks
):
    known = _request_reset(client, django_capture_on_commit_callbacks, "runner@example.com")
    unknown = _request_reset(client, django_capture_on_commit_callbacks, "nobody@example.com")

    assert (unknown.status_code, unknown.url) == (known.status_code, known.url) == (302, DONE)
    assert [m.to for m in mailoutbox] == [["runner@example.com"]]


def test_reset_requests_per_address_stop_sending_silently(
    client, runner, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(PASSWORD_RESET_LIMIT_PER_EMAIL + 2):
        response = _request_reset(
            client, django_capture_on_commit_callbacks, "runner@example.com", ip=f"192.0.2.{n}"
        )
        assert (response.status_code, response.url) == (302, DONE)

    assert len(mailoutbox) == PASSWORD_RESET_LIMIT_PER_EMAIL


def test_reset_requests_per_client_are_limited_with_429(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(PASSWORD_RESET_LIMIT_PER_IP):
        _request_reset(client, django_capture_on_commit_callbacks, f"p{n}@example.com")

    refused = _request_reset(client, django_capture_on_commit_callbacks, "last@example.com")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Please try again in" in refused.content.decode()
    assert mailoutbox == []


def test_completing_a_reset_lifts_a_log_in_pause(
    client, runner, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(
            reverse("accounts:login"),
            {"email": "runner@example.com", "password": "wrong"},
            REMOTE_ADDR="192.0.2.200",
        )
    _request_reset(client, django_capture_on_commit_callbacks, "runner@example.com")
    path = LINK.search(mailoutbox[0].body).group(1)
    set_password_url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(
        set_password_url, {"new_password1": "fresh-legs-2026", "new_password2": "fresh-legs-2026"}
    )

    response = client.post(
        reverse("accounts:login"),
        {"email": "runner@example.com", "password": "fresh-legs-2026"},
        REMOTE_ADDR="192.0.2.200",
    )

    assert response.status_code == 302
    assert User.objects.get(pk=runner.pk).check_password("fresh-legs-2026")
