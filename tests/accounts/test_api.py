"""/api/auth: token creation by password, Bearer use, listing and revoking, anonymous access."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from stridewell.accounts.models import PersonalAccessToken
from stridewell.accounts.services import token_create
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOKENS = "/api/auth/tokens"
ME = "/api/auth/me"
UNAUTHENTICATED = {
    "error": {
        "code": "unauthenticated",
        "message": "Log in or send a valid Bearer token.",
        "fields": {},
    }
}


def _post_json(client, url: str, body: dict, **extra):
    return client.post(url, json.dumps(body), content_type="application/json", **extra)


def _bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_creating_a_token_with_the_right_password_returns_the_secret_once(client, runner):
    response = _post_json(
        client, TOKENS, {"email": "Runner@Example.com", "password": PASSWORD, "name": "Watch"}
    )

    assert response.status_code == 201
    body = response.json()
    stored = PersonalAccessToken.objects.get()
    assert body == {
        "id": stored.pk,
        "name": "Watch",
        "token": body["token"],
        "prefix": body["token"][:8],
        "created_at": body["created_at"],
        "expires_at": None,
    }
    assert stored.user == runner
    assert stored.token_hash != body["token"]

    listed = client.get(TOKENS, **_bearer(body["token"]))
    assert listed.status_code == 200
    assert "token" not in listed.json()[0]
    assert body["token"] not in listed.content.decode()


def test_token_creation_needs_no_csrf_token(runner):
    strict = Client(enforce_csrf_checks=True)

    response = _post_json(
        strict, TOKENS, {"email": "runner@example.com", "password": PASSWORD, "name": "CLI"}
    )

    assert response.status_code == 201


def test_wrong_password_is_401_invalid_credentials_and_creates_nothing(client, runner):
    response = _post_json(
        client, TOKENS, {"email": "runner@example.com", "password": "nope", "name": "CLI"}
    )

    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "invalid_credentials",
            "message": "The e-mail address or password is wrong.",
            "fields": {},
        }
    }
    assert not PersonalAccessToken.objects.exists()


def test_token_creation_shares_the_log_in_throttle(client, runner, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post("/accounts/login/", {"email": "runner@example.com", "password": "wrong"})

    response = _post_json(
        client, TOKENS, {"email": "runner@example.com", "password": PASSWORD, "name": "CLI"}
    )

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert "Please try again in 30 seconds" in response.json()["error"]["message"]
    assert int(response["Retry-After"]) > 0
    assert not PersonalAccessToken.objects.exists()


def test_api_failures_count_towards_the_web_log_in_throttle(client, runner, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        _post_json(client, TOKENS, {"email": "runner@example.com", "password": "x", "name": "a"})

    response = client.post(
        "/accounts/login/", {"email": "runner@example.com", "password": PASSWORD}
    )

    assert response.status_code == 429


def test_expiry_must_be_in_the_future(client, runner):
    past = (timezone.now() - timedelta(days=1)).isoformat()

    response = _post_json(
        client,
        TOKENS,
        {"email": "runner@example.com", "password": PASSWORD, "name": "CLI", "expires_at": past},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "expires_at": ["The expiry must be in the future."]
    }
    assert not PersonalAccessToken.objects.exists()


def test_a_token_name_with_control_characters_is_refused(client, runner):
    response = _post_json(
        client, TOKENS, {"email": "runner@example.com", "password": PASSWORD, "name": "CLI\x1b[2J"}
    )

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["name"]
    assert not PersonalAccessToken.objects.exists()


def test_me_with_a_bearer_token(client, runner):
    _token, raw = token_create(user=runner, name="Watch")

    response = client.get(ME, **_bearer(raw))

    assert response.status_code == 200
    assert response.json() == {
        "id": runner.pk,
        "email": "runner@example.com",
        "first_name": "Ada",
        "last_name": "Runner",
        "full_name": "Ada Runner",
        "role": "runner",
    }


def test_me_with_the_browser_session(client, runner):
    client.force_login(runner)

    assert client.get(ME).json()["email"] == "runner@example.com"


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer sw_forged"}, {"HTTP_AUTHORIZATION": "Basic abc"}],
)
def test_anonymous_or_bad_token_is_401_with_the_error_shape(client, headers):
    for method, url in [("get", ME), ("get", TOKENS), ("delete", f"{TOKENS}/1")]:
        response = getattr(client, method)(url, **headers)
        assert response.status_code == 401, (method, url)
        assert response.json() == UNAUTHENTICATED


def test_revoked_and_expired_tokens_are_401(client, runner):
    revoked, revoked_raw = token_create(user=runner, name="old")
    client.delete(f"{TOKENS}/{revoked.pk}", **_bearer(revoked_raw))
    expired, expired_raw = token_create(
        user=runner, name="temp", expires_at=timezone.now() + timedelta(hours=1)
    )
    PersonalAccessToken.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert client.get(ME, **_bearer(revoked_raw)).status_code == 401
    assert client.get(ME, **_bearer(expired_raw)).status_code == 401


def test_list_shows_only_my_tokens_newest_first(client, runner, make_user):
    other = make_user("other@example.com")
    token_create(user=other, name="Not mine")
    first, raw = token_create(user=runner, name="First")
    second, _ = token_create(user=runner, name="Second")

    response = client.get(TOKENS, **_bearer(raw))

    assert [t["id"] for t in response.json()] == [second.pk, first.pk]
    assert set(response.json()[0]) == {
        "id",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    }


def test_i_can_revoke_my_own_token(client, runner):
    _mine, raw = token_create(user=runner, name="Phone")
    other, other_raw = token_create(user=runner, name="Laptop")

    response = client.delete(f"{TOKENS}/{other.pk}", **_bearer(raw))

    assert response.status_code == 204
    assert client.get(ME, **_bearer(other_raw)).status_code == 401
    assert client.get(ME, **_bearer(raw)).status_code == 200


def test_someone_elses_token_is_404_and_stays_valid(client, runner, make_user):
    _mine, raw = token_create(user=runner, name="Phone")
    theirs, their_raw = token_create(user=make_user("other@example.com"), name="Theirs")

    response = client.delete(f"{TOKENS}/{theirs.pk}", **_bearer(raw))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert PersonalAccessToken.objects.get(pk=theirs.pk).revoked_at is None
    assert client.get(ME, **_bearer(their_raw)).status_code == 200


def test_session_writes_need_the_csrf_token(runner):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(runner)
    token, _raw = token_create(user=runner, name="Phone")

    refused = strict.delete(f"{TOKENS}/{token.pk}")
    strict.get("/accounts/password-reset/")  # a page with a form sets the CSRF cookie
    allowed = strict.delete(
        f"{TOKENS}/{token.pk}", HTTP_X_CSRFTOKEN=strict.cookies["csrftoken"].value
    )

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert allowed.status_code == 204
