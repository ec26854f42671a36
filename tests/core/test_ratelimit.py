"""Fixed-window rate limits in the cache, the client address, and the 429 decorator."""

from __future__ import annotations

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from stridewell.core.ratelimit import (
    RateDecision,
    client_ip,
    rate_limit_hit,
    rate_limit_peek,
    rate_limit_reset,
    rate_limited,
    too_many_requests,
)
from tests.conftest import skip_or_fail

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(params=["locmem", "redis"])
def any_cache(request, settings):
    """Run a test on local memory and on the real Redis at 127.0.0.1:6379."""
    if request.param == "locmem":
        yield request.param
        return
    import redis

    prefix = f"stridewell-test-{uuid.uuid4().hex}"
    original = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    raw = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        raw.ping()
    except redis.RedisError as exc:
        skip_or_fail(f"Redis at 127.0.0.1:6379 is unreachable ({exc})")
    yield request.param
    # Delete only this test's keys, and switch back before the shared autouse fixture calls
    # cache.clear(), which on Redis would flush the whole database.
    for stored in raw.scan_iter(match=f"{prefix}:*"):
        raw.delete(stored)
    raw.close()
    settings.CACHES = original


def _hits(n: int, **kwargs) -> list[RateDecision]:
    return [rate_limit_hit(**kwargs) for _ in range(n)]


@pytest.mark.usefixtures("any_cache")
class TestCounting:
    def test_allows_up_to_the_limit_then_refuses(self):
        decisions = _hits(4, key="login:ada", limit=3, window_seconds=60)

        assert [(d.allowed, d.remaining) for d in decisions] == [
            (True, 2),
            (True, 1),
            (True, 0),
            (False, 0),
        ]
        assert [d.retry_after for d in decisions[:3]] == [0, 0, 0]
        assert 59 <= decisions[3].retry_after <= 60

    def test_keys_are_counted_separately(self):
        _hits(3, key="login:ada", limit=3, window_seconds=60)

        assert rate_limit_hit(key="login:bo", limit=3, window_seconds=60).allowed is True
        assert rate_limit_hit(key="login:ada", limit=3, window_seconds=60).allowed is False

    def test_peek_reports_without_counting(self):
        _hits(2, key="enquiry:1.2.3.4", limit=3, window_seconds=60)

        first = rate_limit_peek(key="enquiry:1.2.3.4", limit=3, window_seconds=60)
        second = rate_limit_peek(key="enquiry:1.2.3.4", limit=3, window_seconds=60)

        assert first == second == RateDecision(allowed=True, remaining=1, retry_after=0)
        assert rate_limit_hit(key="enquiry:1.2.3.4", limit=3, window_seconds=60).remaining == 0
        blocked = rate_limit_peek(key="enquiry:1.2.3.4", limit=3, window_seconds=60)
        assert blocked.allowed is False
        assert 59 <= blocked.retry_after <= 60

    def test_peek_on_an_unused_key_allows_the_full_limit(self):
        assert rate_limit_peek(key="never-used", limit=5, window_seconds=60) == RateDecision(
            allowed=True, remaining=5, retry_after=0
        )

    def test_reset_forgets_earlier_hits(self):
        _hits(4, key="login:ada", limit=3, window_seconds=60)

        rate_limit_reset(key="login:ada")

        assert rate_limit_peek(key="login:ada", limit=3, window_seconds=60).remaining == 3
        assert rate_limit_hit(key="login:ada", limit=3, window_seconds=60) == RateDecision(
            allowed=True, remaining=2, retry_after=0
        )

    def test_a_new_window_starts_after_the_old_one_expires(self):
        _hits(2, key="login:ada", limit=1, window_seconds=1)
        assert rate_limit_peek(key="login:ada", limit=1, window_seconds=1).allowed is False

        time.sleep(1.2)

        assert rate_limit_hit(key="login:ada", limit=1, window_seconds=1) == RateDecision(
            allowed=True, remaining=0, retry_after=0
        )

    def test_the_key_is_not_stored_in_clear(self):
        from django.core.cache import cache

        rate_limit_hit(key="login:ada@runners.test", limit=3, window_seconds=60)

        assert cache.get("login:ada@runners.test") is None
        assert cache.get("ratelimit:login:ada@runners.test:n") is None

    def test_racing_threads_never_lose_a_hit(self):
        with ThreadPoolExecutor(max_workers=8) as pool:
            decisions = list(
                pool.map(
                    lambda _: rate_limit_hit(key="race", limit=10, window_seconds=60), range(40)
                )
            )

        assert sum(d.allowed for d in decisions) == 10
        assert sorted(d.remaining for d in decisions if d.allowed) == list(range(10))


class TestClientIp:
    @pytest.fixture
    def rf(self):
        return RequestFactory()

    def test_without_trusted_proxies_forwarded_for_is_ignored(self, rf, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6")

        assert client_ip(request) == "10.0.0.5"

    def test_unset_setting_means_no_trusted_proxies(self, rf, settings):
        if hasattr(settings, "TRUSTED_PROXY_COUNT"):
            del settings.TRUSTED_PROXY_COUNT
        request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6")

        assert client_ip(request) == "10.0.0.5"

    @pytest.mark.parametrize(
        ("proxies", "forwarded", "expected"),
        [
            (1, "203.0.113.7", "203.0.113.7"),
            # A client may send its own X-Forwarded-For; the proxy appends the real address.
            (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
            (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
            (1, "2001:db8::1", "2001:db8::1"),
            # Fewer entries than proxies: the leftmost was still written by a trusted proxy.
            (3, "203.0.113.7, 10.0.0.2", "203.0.113.7"),
        ],
    )
    def test_with_trusted_proxies_the_right_entry_is_used(
        self, rf, settings, proxies, forwarded, expected
    ):
        settings.TRUSTED_PROXY_COUNT = proxies
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

        assert client_ip(request) == expected

    @pytest.mark.parametrize("forwarded", ["", " , ", "not-an-address", "203.0.113.7:5555"])
    def test_a_missing_or_malformed_header_falls_back_to_remote_addr(self, rf, settings, forwarded):
        settings.TRUSTED_PROXY_COUNT = 1
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

        assert client_ip(request) == "10.0.0.1"


@rate_limited(scope="test-form", limit=2, window_seconds=300)
def _form_view(request):
    return HttpResponse("thanks")


class TestDecorator:
    @pytest.fixture
    def rf(self):
        return RequestFactory()

    @pytest.mark.django_db  # the page uses the site layout, whose footer reads clinic details
    def test_third_post_within_the_window_gets_a_friendly_429_page(self, rf):
        answers = [_form_view(rf.post("/enquiry", REMOTE_ADDR="203.0.113.7")) for _ in range(3)]

        assert [a.status_code for a in answers] == [200, 200, 429]
        blocked = answers[2]
        assert blocked["Content-Type"].startswith("text/html")
        assert 299 <= int(blocked["Retry-After"]) <= 300
        page = blocked.content.decode()
        assert '<h1 id="error-heading">Too many attempts</h1>' in page
        assert "Please try again in 5 minutes." in page
        assert "<!doctype html>" in page

    def test_api_clients_get_the_json_error_shape(self, rf):
        for _ in range(2):
            _form_view(rf.post("/api/enquiries", REMOTE_ADDR="203.0.113.7"))

        blocked = _form_view(rf.post("/api/enquiries", REMOTE_ADDR="203.0.113.7"))

        assert blocked.status_code == 429
        assert json.loads(blocked.content) == {
            "error": {
                "code": "rate_limited",
                "message": "Too many attempts. Please try again in 5 minutes.",
                "fields": {},
            }
        }

    def test_json_accept_header_also_gets_the_error_shape(self, rf):
        for _ in range(2):
            _form_view(rf.post("/enquiry", REMOTE_ADDR="203.0.113.7"))

        blocked = _form_view(
            rf.post("/enquiry", REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT="application/json")
        )

        assert blocked.status_code == 429
        assert json.loads(blocked.content)["error"]["code"] == "rate_limited"

    def test_other_methods_are_not_counted(self, rf):
        answers = [_form_view(rf.get("/enquiry", REMOTE_ADDR="203.0.113.7")) for _ in range(5)]

        assert [a.status_code for a in answers] == [200] * 5
        assert _form_view(rf.post("/enquiry", REMOTE_ADDR="203.0.113.7")).status_code == 200

    def test_each_client_address_has_its_own_allowance(self, rf):
        for _ in range(2):
            _form_view(rf.post("/api/enquiries", REMOTE_ADDR="203.0.113.7"))

        assert _form_view(rf.post("/api/enquiries", REMOTE_ADDR="203.0.113.7")).status_code == 429
        assert _form_view(rf.post("/api/enquiries", REMOTE_ADDR="198.51.100.9")).status_code == 200

    def test_the_wrapped_view_keeps_its_name(self):
        assert _form_view.__name__ == "_form_view"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (45, "45 seconds"), (60, "1 minute"), (61, "2 minutes"), (900, "15 minutes")],
)
def test_the_wait_is_given_in_words_and_in_retry_after(seconds, words):
    decision = RateDecision(allowed=False, remaining=0, retry_after=seconds)

    response = too_many_requests(RequestFactory().post("/api/enquiries"), decision)

    message = json.loads(response.content)["error"]["message"]
    assert message == f"Too many attempts. Please try again in {words}."
    assert response["Retry-After"] == str(seconds)
