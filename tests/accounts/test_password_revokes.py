"""A password reset or change revokes every API token, ends other sessions and says so.

Checked on the wire: e-mails as a real SMTP server (aiosmtpd) receives them, the old token
answering 401 in the API's error shape, and a second browser (another Client) logged out.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from stridewell.accounts.models import PersonalAccessToken
from stridewell.accounts.services import token_create, token_revoke
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

SITE_URL = "https://clinic.stridewell.test"
ME = "/api/auth/me"
UNAUTHENTICATED = {
    "error": {
        "code": "unauthenticated",
        "message": "Log in or send a valid Bearer token.",
        "fields": {},
    }
}
NEW_PASSWORD = "fresh-legs-2026"
CHANGED_SUBJECT = "Your Stridewell password was changed"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def _html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def _by_subject(sink, subject: str):
    return [m for m in sink.messages() if m["Subject"] == subject]


def _logged_in_browser(email: str, password: str = PASSWORD) -> Client:
    browser = Client()
    response = browser.post(reverse("accounts:login"), {"email": email, "password": password})
    assert response.status_code == 302
    return browser


def _me(client: Client, raw: str | None = None):
    extra = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    return client.get(ME, **extra)


def test_a_reset_revokes_tokens_signs_out_everywhere_and_emails_the_count(smtp_sink, runner):
    _watch, watch_raw = token_create(user=runner, name="Watch")
    _sync, sync_raw = token_create(user=runner, name="Sync")
    old, _old_raw = token_create(user=runner, name="Old laptop")
    token_revoke(token=old, by_user=runner)
    other_browser = _logged_in_browser("runner@example.com")
    assert _me(other_browser).status_code == 200
    assert _me(Client(), watch_raw).status_code == 200

    resetting = Client()
    resetting.post(reverse("accounts:password_reset"), {"email": "runner@example.com"})
    [reset_mail] = _by_subject(smtp_sink, "Reset your Stridewell password")
    link = re.search(rf"{re.escape(SITE_URL)}(/accounts/reset/\S+/)", _text(reset_mail)).group(1)
    set_password_url = resetting.get(link, follow=True).redirect_chain[-1][0]
    done = resetting.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.status_code == 302
    assert "signed you out everywhere" in resetting.get(done.url).content.decode()
    # Both working tokens now answer 401 in the error shape; nothing is logged in anywhere.
    for raw in (watch_raw, sync_raw):
        response = _me(Client(), raw)
        assert response.status_code == 401
        assert response.json() == UNAUTHENTICATED
    assert _me(other_browser).json() == UNAUTHENTICATED
    assert _me(resetting).status_code == 401
    assert not PersonalAccessToken.objects.filter(revoked_at__isnull=True).exists()
    [changed] = _by_subject(smtp_sink, CHANGED_SUBJECT)
    assert changed["To"] == "runner@example.com"
    text = _text(changed)
    assert "reset with a link from this mailbox" in text
    assert "we signed you out everywhere and revoked 2 API tokens." in " ".join(text.split())
    assert f"{SITE_URL}/accounts/password-reset/" in text
    assert "revoked 2 API tokens" in " ".join(_html(changed).split())


def test_a_change_keeps_this_browser_and_ends_the_others(smtp_sink, runner):
    _watch, watch_raw = token_create(user=runner, name="Watch")
    changing = _logged_in_browser("runner@example.com")
    other_browser = _logged_in_browser("runner@example.com")

    page = changing.get(reverse("accounts:password_change"))
    assert page.status_code == 200
    done = changing.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done.status_code == 302
    assert done.url == reverse("accounts:password_change_done")
    assert _me(changing).status_code == 200
    assert _me(other_browser).json() == UNAUTHENTICATED
    assert _me(Client(), watch_raw).json() == UNAUTHENTICATED
    runner.refresh_from_db()
    assert runner.check_password(NEW_PASSWORD)
    [changed] = _by_subject(smtp_sink, CHANGED_SUBJECT)
    text = " ".join(_text(changed).split())
    assert "changed while you were logged in" in text
    assert (
        "we signed you out everywhere else (the browser you used stays logged in) and revoked "
        "1 API token." in text
    )


def test_a_wrong_current_password_changes_and_revokes_nothing(smtp_sink, runner):
    _watch, watch_raw = token_create(user=runner, name="Watch")
    changing = _logged_in_browser("runner@example.com")

    response = changing.post(
        reverse("accounts:password_change"),
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    assert _me(Client(), watch_raw).status_code == 200
    assert _by_subject(smtp_sink, CHANGED_SUBJECT) == []


def test_changing_a_password_needs_a_log_in(db):
    response = Client().get(reverse("accounts:password_change"))

    assert response.status_code == 302
    assert urlsplit(response.url).path == reverse("accounts:login")
