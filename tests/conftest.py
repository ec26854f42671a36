"""Shared fixtures. Under CI=true a skipped test fails the run: nothing may be skipped silently."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings as hypothesis_settings

from tests.support.clock import pinned_clock, pinned_now
from tests.support.smtp import smtp_sink  # noqa: F401 — shared fixture

# Speed is proven by the benchmarks under bench/, never by a test's wall-clock time: on a shared,
# loaded machine Hypothesis's per-example deadline only makes property tests flaky.
hypothesis_settings.register_profile("stridewell", deadline=None)
hypothesis_settings.load_profile("stridewell")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> None:
    """Skip locally when a real part (chromium, PostgreSQL) is missing; fail under CI."""
    if IN_CI:
        pytest.fail(f"CI=true and {reason}: this test must run in CI", pytrace=False)
    pytest.skip(reason)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        print(f"\nCI=true: {skipped} test(s) were skipped; under CI a skip is a failure.")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_report_header(config: pytest.Config) -> str:
    return f"clock pinned at {pinned_now().isoformat()} (STRIDEWELL_TEST_NOW overrides)"


@pytest.fixture(autouse=True)
def _pinned_clock() -> Iterator[None]:
    """No test depends on the day it runs: each starts at the same pinned instant."""
    with pinned_clock():
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
