"""The home page in a real browser: clinic hours, open-now badge, JSON-LD, CSP, mobile layout."""

from __future__ import annotations

import json
import struct
from datetime import time

import pytest
from django.utils import timezone

from stridewell.clinic.hours import DAY_NAMES
from stridewell.clinic.models import ClinicProfile, OpeningHours, Station
from stridewell.clinic.selectors import clinic_status_get

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Weekday -> (opens, closes); Sunday has no row, so it shows as "Closed".
WEEK = {
    0: (time(7, 0), time(20, 0)),
    1: (time(7, 0), time(20, 0)),
    2: (time(7, 0), time(20, 0)),
    3: (time(7, 0), time(20, 0)),
    4: (time(7, 0), time(18, 0)),
    5: (time(8, 0), time(14, 0)),
}


@pytest.fixture
def clinic() -> ClinicProfile:
    profile = ClinicProfile.objects.create(
        name="Stridewell Sports Physiotherapy",
        address_line1="12 Tenter Yard",
        city="London",
        postcode="EC2A 4NP",
        phone="020 7946 0321",
        email="clinic@stridewell.test",
        emergency_phone="07700 900123",
        emergency_cover_text="For acute injuries outside opening hours.",
    )
    Station.objects.create(profile=profile, name="Old Street", lines="Northern", walking_minutes=6)
    for weekday, (opens, closes) in WEEK.items():
        OpeningHours.objects.create(profile=profile, weekday=weekday, opens=opens, closes=closes)
    return profile


def _expected_hours_text(weekday: int) -> str:
    if weekday not in WEEK:
        return "Closed"
    opens, closes = WEEK[weekday]
    return f"{opens:%H:%M}\N{EN DASH}{closes:%H:%M}"


def _load_home_with_stable_status(browser_page, live_server):
    """Load the page and return the status in force while it rendered.

    If the clinic opens or closes between our two reads we are at a boundary minute: reload so
    the expectation and the page describe the same moment.
    """
    page = browser_page.page
    for _attempt in range(3):
        before = clinic_status_get()
        page.goto(live_server.url + "/")
        after = clinic_status_get()
        if (before.is_open, before.is_emergency_cover, before.label) == (
            after.is_open,
            after.is_emergency_cover,
            after.label,
        ):
            return after
    pytest.fail("the clinic status kept changing while the page loaded")


def test_home_shows_the_weekly_hours_with_today_marked(browser_page, live_server, clinic):
    page = browser_page.page

    page.goto(live_server.url + "/")

    table = page.get_by_test_id("hours-table")
    row_headers = table.locator("tbody th[scope=row]")
    assert row_headers.count() == 7
    for weekday, day_name in enumerate(DAY_NAMES):
        row = table.locator("tbody tr").nth(weekday)
        assert row.locator("th").inner_text().startswith(day_name)
        assert row.locator("td").inner_text() == _expected_hours_text(weekday)
    today = timezone.localtime().weekday()
    today_rows = table.locator("tr.is-today")
    assert today_rows.count() == 1
    assert today_rows.locator("th").inner_text() == f"{DAY_NAMES[today]} Today"
    assert today_rows.get_attribute("aria-current") == "date"


def test_open_badge_says_open_or_closed_for_this_moment(browser_page, live_server, clinic):
    status = _load_home_with_stable_status(browser_page, live_server)
    expected_word = "Open" if status.is_open else "Closed"

    # The hero card and the footer both carry the badge; both must tell the truth.
    badges = browser_page.page.get_by_test_id("open-badge")
    assert badges.count() == 2
    for index in range(2):
        badge = badges.nth(index)
        text = " ".join(badge.inner_text().split())
        assert text.startswith(expected_word)
        assert status.label in text
        # Colour is never the only signal: the state has an icon as well as the word.
        assert badge.locator("svg").count() == 1
        expected_state = (
            "open"
            if status.is_open
            else "emergency-cover"
            if status.is_emergency_cover
            else "closed"
        )
        assert badge.get_attribute("data-state") == expected_state


def test_home_publishes_json_ld_with_the_opening_hours(browser_page, live_server, clinic):
    page = browser_page.page

    page.goto(live_server.url + "/")

    scripts = page.locator('script[type="application/ld+json"]')
    assert scripts.count() == 1
    data = json.loads(scripts.text_content())
    assert data["name"] == "Stridewell Sports Physiotherapy"
    specs = data["openingHoursSpecification"]
    assert [(s["dayOfWeek"].rsplit("/", 1)[-1], s["opens"], s["closes"]) for s in specs] == [
        (DAY_NAMES[weekday], f"{opens:%H:%M}", f"{closes:%H:%M}")
        for weekday, (opens, closes) in sorted(WEEK.items())
    ]


def test_footer_gives_address_stations_phone_and_emergency_line(browser_page, live_server, clinic):
    page = browser_page.page

    page.goto(live_server.url + "/")

    footer = page.locator("footer.site-footer")
    assert "12 Tenter Yard" in footer.locator("address").inner_text()
    assert "Old Street" in footer.inner_text()
    assert "6 min walk" in footer.inner_text()
    assert footer.locator('a[href="tel:+442079460321"]').count() == 1
    assert footer.locator('a[href="mailto:clinic@stridewell.test"]').count() == 1
    emergency = footer.get_by_test_id("emergency-line")
    assert emergency.locator('a[href="tel:+447700900123"]').count() == 1
    assert "For acute injuries outside opening hours." in emergency.inner_text()


def test_book_a_screening_leads_to_online_booking(browser_page, live_server, clinic):
    page = browser_page.page
    page.goto(live_server.url + "/")

    page.get_by_test_id("book-cta").click()

    page.wait_for_load_state()
    assert page.url == live_server.url + "/booking/"


def test_home_page_raises_no_csp_violations(browser_page, live_server, clinic):
    page = browser_page.page

    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")

    assert page.evaluate("typeof window.htmx") == "object", "htmx did not load from our static"
    assert browser_page.csp_violations() == []


def test_csp_detector_reports_an_inline_script(browser_page, live_server, clinic):
    """Guards the test above: a real violation on the same page must be caught."""
    page = browser_page.page
    page.goto(live_server.url + "/")

    page.evaluate(
        """() => {
          const s = document.createElement("script");
          s.textContent = "window.__ran = true";
          document.body.appendChild(s);
        }"""
    )
    page.wait_for_timeout(200)

    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in browser_page.csp_violations())


def _png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    (width,) = struct.unpack(">I", data[16:20])
    return width


@pytest.mark.parametrize("width", [1280, 390])
def test_full_page_screenshots_of_home(browser_page, live_server, clinic, screenshot_dir, width):
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    path = screenshot_dir / f"home-{width}.png"
    path.unlink(missing_ok=True)

    page.screenshot(path=str(path), full_page=True)

    data = path.read_bytes()
    assert len(data) > 10_000
    assert _png_width(data) == width


def test_home_has_no_horizontal_scroll_at_390px(browser_page, live_server, clinic):
    page = browser_page.page
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server.url + "/")

    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= 390
