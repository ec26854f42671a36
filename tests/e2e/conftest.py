"""Browser fixtures: Debian's chromium driven by Playwright for Python.

We never download a browser. When /usr/bin/chromium is missing or will not start, the tests
skip locally and fail under CI=true (see tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = PROJECT_ROOT / "test-output" / "screenshots"

# Recorded from inside the page as well as from the console: the DOM event names the directive,
# and it fires even when a console message is worded differently between chromium versions.
_CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@dataclass
class BrowserPage:
    """A fresh page plus everything it wrote to the console."""

    page: Any
    console: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        from_console = [m for m in self.console if "Content Security Policy" in m]
        from_dom = self.page.evaluate("window.__cspViolations || []")
        return from_console + list(from_dom)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        skip_or_fail(f"Playwright for Python is not installed: {exc}")
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    except PlaywrightError as exc:
        playwright.stop()
        skip_or_fail(f"chromium did not start under Playwright: {exc}")
    yield launched
    launched.close()
    playwright.stop()


@pytest.fixture
def browser_page(browser: Any) -> Iterator[BrowserPage]:
    """A 1280 px wide page in a clean context (no cookies), London time, British English."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.add_init_script(_CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    wrapped = BrowserPage(page=page)
    page.on("console", lambda message: wrapped.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: wrapped.console.append(f"pageerror: {error}"))
    yield wrapped
    context.close()


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
