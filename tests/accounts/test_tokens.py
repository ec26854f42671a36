"""Personal access tokens: hashed at rest, shown once, refused once revoked or expired."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from stridewell.accounts.models import PersonalAccessToken, Role
from stridewell.accounts.selectors import token_authenticate
from stridewell.accounts.services import token_create, token_revoke

pytestmark = pytest.mark.django_db


def test_token_is_shown_once_and_only_its_hash_is_stored(runner):
    token, raw = token_create(user=runner, name="Watch sync")

    assert raw.startswith("sw_")
    assert len(raw) == 3 + 43
    assert token.prefix == raw[:8]
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_personalaccesstoken")
        rows = cursor.fetchall()
    assert len(rows) == 1
    assert all(raw not in str(value) for value in rows[0])


def test_two_tokens_never_share_a_secret(runner):
    raws = {token_create(user=runner, name=f"t{n}")[1] for n in range(20)}

    assert len(raws) == 20


def test_a_valid_token_authenticates_its_owner_and_records_use(runner):
    token, raw = token_create(user=runner, name="Watch sync")

    assert token_authenticate(raw=raw) == runner
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_use_is_written_at_most_once_a_minute(runner):
    token, raw = token_create(user=runner, name="Watch sync")
    recent = timezone.now() - timedelta(seconds=30)
    stale = timezone.now() - timedelta(seconds=61)

    PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=recent)
    token_authenticate(raw=raw)
    token.refresh_from_db()
    assert token.last_used_at == recent

    PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=stale)
    token_authenticate(raw=raw)
    token.refresh_from_db()
    assert token.last_used_at > stale + timedelta(seconds=60)


@pytest.mark.parametrize("raw", ["", "sw_", "sw_not-a-real-token", "Bearer sw_x", "abc"])
def test_unknown_tokens_are_refused(runner, raw):
    token_create(user=runner, name="Watch sync")

    assert token_authenticate(raw=raw) is None


def test_revoked_token_is_refused(runner):
    token, raw = token_create(user=runner, name="Watch sync")

    token_revoke(token=token, by_user=runner)

    assert token_authenticate(raw=raw) is None
    assert PersonalAccessToken.objects.get().revoked_at is not None


def test_expired_token_is_refused(runner):
    token, raw = token_create(
        user=runner, name="Watch sync", expires_at=timezone.now() + timedelta(days=1)
    )
    assert token_authenticate(raw=raw) == runner

    PersonalAccessToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert token_authenticate(raw=raw) is None


def test_token_of_a_deactivated_user_is_refused(runner):
    _token, raw = token_create(user=runner, name="Watch sync")
    runner.is_active = False
    runner.save()

    assert token_authenticate(raw=raw) is None


def test_expiry_in_the_past_or_a_blank_name_is_rejected_and_nothing_saved(runner):
    with pytest.raises(ValidationError) as caught:
        token_create(user=runner, name="x", expires_at=timezone.now() - timedelta(minutes=1))
    assert caught.value.message_dict == {"expires_at": ["The expiry must be in the future."]}

    with pytest.raises(ValidationError) as caught:
        token_create(user=runner, name="   ")
    assert list(caught.value.message_dict) == ["name"]

    assert not PersonalAccessToken.objects.exists()


def test_only_the_owner_or_staff_can_revoke(runner, make_user):
    other = make_user("other@example.com")
    staff = make_user("staff@example.com", role=Role.STAFF)
    token, raw = token_create(user=runner, name="Watch sync")

    with pytest.raises(PermissionDenied):
        token_revoke(token=token, by_user=other)
    assert token_authenticate(raw=raw) == runner

    token_revoke(token=token, by_user=staff)
    assert token_authenticate(raw=raw) is None


def test_revoking_twice_keeps_the_first_time(runner):
    token, _raw = token_create(user=runner, name="Watch sync")
    token_revoke(token=token, by_user=runner)
    first = PersonalAccessToken.objects.get().revoked_at

    token_revoke(token=PersonalAccessToken.objects.get(), by_user=runner)

    assert PersonalAccessToken.objects.get().revoked_at == first
