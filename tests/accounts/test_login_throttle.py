"""Nobody can lock someone else out: per-(account, address) budgets with a growing delay, a
generous per-address limit, and device cookies that keep a known browser logging in."""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client
from django.urls import reverse

from stridewell.accounts.device import COOKIE_NAME
from stridewell.accounts.models import Role
from stridewell.accounts.throttle import login_delay_seconds
from tests.accounts.conftest import PASSWORD
from tests.core.test_ratelimit import any_cache  # noqa: F401 - locmem and real Redis

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
TOKENS = "/api/auth/tokens"
ATTACKER_IP = "203.0.113.66"
CLINIC_NAT = "198.51.100.10"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 900
    settings.LOGIN_DELAY_BASE_SECONDS = 30
    settings.LOGIN_DELAY_MAX_SECONDS = 900
    settings.LOGIN_ADDRESS_ACCOUNT_LIMIT = 30
    settings.LOGIN_ACCOUNT_UNTRUSTED_LIMIT = 100


@pytest.fixture
def clock(monkeypatch):
    """Move time.time() (read by the throttle and the local-memory cache) forward."""
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += seconds

    return advance


def _log_in(client: Client, email: str, password: str, ip: str):
    return client.post(LOGIN, {"email": email, "password": password}, REMOTE_ADDR=ip)


def _hammer(email: str, *, ip: str, times: int, client: Client | None = None) -> None:
    client = client or Client()
    for _ in range(times):
        assert _log_in(client, email, "wrong-guess", ip).status_code in {200, 429}


@pytest.mark.parametrize("role", [Role.RUNNER, Role.PHYSIO, Role.STAFF])
def test_failures_from_elsewhere_never_lock_the_real_person_out(make_user, role):
    make_user("target@example.com", role=role)
    _hammer("target@example.com", ip=ATTACKER_IP, times=12)

    response = _log_in(Client(), "target@example.com", PASSWORD, ip="192.0.2.7")

    assert response.status_code == 302


def test_the_delay_grows_with_each_failure_from_the_same_address(client, runner, clock):
    _hammer("runner@example.com", ip=ATTACKER_IP, times=5, client=client)
    waits = []
    for _ in range(4):
        refused = _log_in(client, "runner@example.com", PASSWORD, ATTACKER_IP)
        assert refused.status_code == 429
        waits.append(int(refused["Retry-After"]))
        clock(waits[-1])  # wait exactly as told, then fail once more
        assert _log_in(client, "runner@example.com", "wrong", ATTACKER_IP).status_code == 200

    assert waits == [30, 60, 120, 240]
    clock(480)
    assert _log_in(client, "runner@example.com", PASSWORD, ATTACKER_IP).status_code == 302


def test_only_one_attempt_passes_when_a_delay_ends(client, runner, clock):
    _hammer("runner@example.com", ip=ATTACKER_IP, times=5, client=client)
    clock(30)

    first = _log_in(client, "runner@example.com", "wrong", ATTACKER_IP)
    second = _log_in(client, "runner@example.com", PASSWORD, ATTACKER_IP)

    assert first.status_code == 200
    assert second.status_code == 429
    assert int(second["Retry-After"]) == 60


@pytest.mark.parametrize(
    ("failures", "wait"),
    [(0, 0), (4, 0), (5, 30), (6, 60), (7, 120), (9, 480), (10, 900), (40, 900)],
)
def test_delay_table(failures, wait):
    assert login_delay_seconds(failures) == wait


def test_one_person_at_a_clinic_nat_does_not_lock_the_others(make_user):
    for n in range(8):
        make_user(f"physio{n}@example.com", role=Role.PHYSIO)
    _hammer("physio0@example.com", ip=CLINIC_NAT, times=25)
    for n in range(1, 8):  # everyone else mistypes once, then gets in
        _hammer(f"physio{n}@example.com", ip=CLINIC_NAT, times=1)

    for n in range(1, 8):
        assert _log_in(Client(), f"physio{n}@example.com", PASSWORD, CLINIC_NAT).status_code == 302


def test_many_accounts_failed_from_one_address_pause_new_attempts_there(settings, make_user):
    settings.LOGIN_ADDRESS_ACCOUNT_LIMIT = 3
    make_user("victim@example.com")
    for n in range(3):
        _hammer(f"guess{n}@example.com", ip=ATTACKER_IP, times=2)

    there = _log_in(Client(), "victim@example.com", PASSWORD, ATTACKER_IP)
    elsewhere = _log_in(Client(), "victim@example.com", PASSWORD, "192.0.2.8")

    assert there.status_code == 429
    assert int(there["Retry-After"]) > 0
    assert elsewhere.status_code == 302


def test_a_browser_that_logged_in_before_keeps_logging_in_behind_the_same_nat(runner):
    owner = Client()
    assert _log_in(owner, "runner@example.com", PASSWORD, CLINIC_NAT).status_code == 302
    cookie = owner.cookies[COOKIE_NAME]
    owner.post(reverse("accounts:logout"))
    stranger = Client()
    _hammer("runner@example.com", ip=CLINIC_NAT, times=10, client=stranger)
    assert _log_in(stranger, "runner@example.com", PASSWORD, CLINIC_NAT).status_code == 429

    response = _log_in(owner, "runner@example.com", PASSWORD, CLINIC_NAT)

    assert response.status_code == 302
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 30 * 24 * 3600
    assert "runner" not in cookie.value


def test_a_device_cookie_has_a_budget_of_its_own_too(runner):
    browser = Client()
    _log_in(browser, "runner@example.com", PASSWORD, "192.0.2.9")
    browser.post(reverse("accounts:logout"))
    _hammer("runner@example.com", ip="192.0.2.9", times=5, client=browser)

    refused = _log_in(browser, "runner@example.com", PASSWORD, "192.0.2.9")
    cookie_elsewhere = _log_in(browser, "runner@example.com", PASSWORD, "192.0.2.10")

    assert refused.status_code == 429
    assert cookie_elsewhere.status_code == 429  # the budget follows the browser, not the address
    assert _log_in(Client(), "runner@example.com", PASSWORD, "192.0.2.9").status_code == 302


def test_a_forged_or_another_accounts_cookie_counts_for_nothing(runner, make_user):
    make_user("mallory@example.com")
    mallory = Client()
    _log_in(mallory, "mallory@example.com", PASSWORD, ATTACKER_IP)
    mallory.post(reverse("accounts:logout"))
    _hammer("runner@example.com", ip=ATTACKER_IP, times=5, client=mallory)
    assert _log_in(mallory, "runner@example.com", PASSWORD, ATTACKER_IP).status_code == 429

    mallory.cookies[COOKIE_NAME] = mallory.cookies[COOKIE_NAME].value[:-3] + "abc"

    assert _log_in(mallory, "runner@example.com", PASSWORD, ATTACKER_IP).status_code == 429


def test_guessing_spread_over_many_addresses_stops_only_browsers_without_a_cookie(settings, runner):
    settings.LOGIN_ACCOUNT_UNTRUSTED_LIMIT = 6
    owner = Client()
    _log_in(owner, "runner@example.com", PASSWORD, "192.0.2.20")
    owner.post(reverse("accounts:logout"))
    for n in range(3):
        _hammer("runner@example.com", ip=f"203.0.113.{n}", times=2)

    new_browser = _log_in(Client(), "runner@example.com", PASSWORD, "192.0.2.21")
    known_browser = _log_in(owner, "runner@example.com", PASSWORD, "192.0.2.22")

    assert new_browser.status_code == 429
    assert known_browser.status_code == 302


def test_the_api_answers_429_in_the_error_shape_and_honours_the_device_cookie(client, runner):
    def create(browser: Client, password: str, ip: str):
        body = {"email": "runner@example.com", "password": password, "name": "CLI"}
        return browser.post(
            TOKENS, json.dumps(body), content_type="application/json", REMOTE_ADDR=ip
        )

    owner = Client()
    _log_in(owner, "runner@example.com", PASSWORD, CLINIC_NAT)
    for _ in range(5):
        assert create(client, "wrong", CLINIC_NAT).status_code == 401

    refused = create(client, PASSWORD, CLINIC_NAT)
    allowed = create(owner, PASSWORD, CLINIC_NAT)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 30
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused.json()["error"]["fields"] == {}
    assert "Please try again in 30 seconds" in refused.json()["error"]["message"]
    assert allowed.status_code == 201


@pytest.mark.usefixtures("any_cache")
def test_the_throttle_works_on_the_shared_redis_cache_too(runner):
    """Production keeps the counters in Redis (integer expiries, TOUCH, INCR): same answers."""
    owner = Client()
    assert _log_in(owner, "runner@example.com", PASSWORD, CLINIC_NAT).status_code == 302
    owner.post(reverse("accounts:logout"))
    _hammer("runner@example.com", ip=CLINIC_NAT, times=5)

    refused = _log_in(Client(), "runner@example.com", PASSWORD, CLINIC_NAT)
    again = _log_in(Client(), "runner@example.com", PASSWORD, CLINIC_NAT)

    assert refused.status_code == again.status_code == 429
    assert 29 <= int(refused["Retry-After"]) <= 30
    assert _log_in(owner, "runner@example.com", PASSWORD, CLINIC_NAT).status_code == 302
    assert _log_in(Client(), "runner@example.com", PASSWORD, "192.0.2.99").status_code == 302
